"""Attendee import from CSV (pretix, Luma, or a generic layout) and attendee export.

The import matches rows to members by email address. ``attendees_import_preview``
checks every line and says what would happen; ``attendees_import`` applies a clean
file in one transaction and refuses a file with any error line, so nothing is
ever half imported.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from mensch.accounts.models import User
from mensch.core.analyze import analyze_after_commit
from mensch.core.csvfiles import TextEncodingError, decode_text, sniff_dialect
from mensch.core.text import normalise_line, validate_plain_text
from mensch.events.models import Event, Rsvp

MAX_BYTES = 1_000_000
MAX_LINES = 5000

# Header names per layout (compared lower-cased and trimmed), most specific first.
LAYOUTS: dict[str, dict[str, tuple[str, ...]]] = {
    # pretix: "Order data" export (one line per position) and check-in list export.
    "pretix": {
        "marker": ("order code",),
        "email": ("attendee email", "email", "e-mail"),
        "name": ("attendee name", "name"),
        "status": ("status",),
    },
    # Luma: the guest list CSV.
    "luma": {
        "marker": ("approval_status", "api_id"),
        "email": ("email",),
        "name": ("name",),
        "status": ("approval_status",),
    },
    "generic": {
        "marker": ("email",),
        "email": ("email", "e-mail", "email address"),
        "name": ("name", "full name"),
        "status": (),
    },
}
# Rows whose status says they are not coming.
SKIPPED_STATUSES = {"c", "canceled", "cancelled", "declined", "rejected", "expired", "n", "pending"}
GOAL_COLUMNS = ("goal", "goal for this event")


@dataclass
class ImportLine:
    line: int
    email: str
    name: str
    goal: str = ""
    member: User | None = None
    action: str = ""  # "add", "skip" or "" when the line has an error
    error: str = ""


@dataclass
class ImportPreview:
    layout: str
    lines: list[ImportLine]

    @property
    def errors(self) -> list[ImportLine]:
        return [line for line in self.lines if line.error]

    @property
    def to_add(self) -> list[ImportLine]:
        return [line for line in self.lines if line.action == "add"]


def _layout(headers: list[str]) -> str:
    for name, layout in LAYOUTS.items():
        if any(marker in headers for marker in layout["marker"]):
            return name
    raise ValidationError(
        {
            "file": [
                "No email column found. Use a pretix or Luma export, or a CSV with an "
                "'email' column (and optionally 'name' and 'goal')."
            ]
        }
    )


def _column(row: dict[str, str], names: tuple[str, ...]) -> str:
    for name in names:
        value = (row.get(name) or "").strip()
        if value:
            return value
    return ""


def file_text(data: bytes) -> str:
    """The text of an uploaded attendee file, whatever its encoding (UTF-8, UTF-16,
    Windows-1252…); a file that is not text is refused with the reason."""
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": ["The file is larger than 1 MB."]})
    try:
        return decode_text(data)
    except TextEncodingError as exc:
        raise ValidationError({"file": [str(exc)]}) from exc


def _read(text: str) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    if len(text.encode()) > MAX_BYTES:
        raise ValidationError({"file": ["The file is larger than 1 MB."]})
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), sniff_dialect(text[:4096]))
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError({"file": ["The file is empty."]}) from None
    headers = [h.strip().lower() for h in header]
    layout = _layout(headers)
    rows: list[tuple[int, dict[str, str]]] = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(rows) >= MAX_LINES:
            raise ValidationError({"file": [f"At most {MAX_LINES} lines per file."]})
        rows.append((number, dict(zip(headers, values, strict=False))))
    return layout, rows


def attendees_import_preview(*, event: Event, text: str) -> ImportPreview:
    """What importing ``text`` would do, line by line, without writing anything."""
    layout_name, rows = _read(text)
    layout = LAYOUTS[layout_name]
    emails = {
        _column(row, layout["email"]).lower() for _, row in rows if _column(row, layout["email"])
    }
    members = {u.email: u for u in User.objects.filter(email__in=emails, is_active=True)}
    on_list = set(
        event.rsvps.filter(status__in=(Rsvp.Status.GOING, Rsvp.Status.WAITLISTED)).values_list(
            "member__email", flat=True
        )
    )
    free = event.capacity - event.rsvps.filter(status=Rsvp.Status.GOING).count()
    seen: set[str] = set()
    lines = []
    for number, row in rows:
        email = _column(row, layout["email"]).lower()
        line = ImportLine(
            line=number,
            email=email,
            name=normalise_line(_column(row, layout["name"]))
            or normalise_line(f"{row.get('first_name', '')} {row.get('last_name', '')}"),
            goal=normalise_line(_column(row, GOAL_COLUMNS))[:200],
        )
        lines.append(line)
        status = _column(row, layout["status"]).lower() if layout["status"] else ""
        if status in SKIPPED_STATUSES:
            line.action, line.error = "skip", ""
            continue
        try:
            validate_email(email)
            validate_plain_text(line.goal)
        except ValidationError as exc:
            line.error = " ".join(exc.messages) if email else "The email address is missing."
            continue
        if email in seen:
            line.error = "This email address appears twice in the file."
            continue
        seen.add(email)
        line.member = members.get(email)
        if line.member is None:
            line.error = f"No member with the email address {email}."
        elif email in on_list:
            line.action = "skip"
        elif free <= 0:
            line.error = f"The event is full ({event.capacity} seats)."
        else:
            line.action = "add"
            free -= 1
    return ImportPreview(layout_name, lines)


@transaction.atomic
def attendees_import(*, event: Event, text: str) -> ImportPreview:
    """Add every member of the file as going, in one transaction; any error line refuses
    the whole file with the per-line report."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise ValidationError({"file": ["This event was cancelled."]})
    preview = attendees_import_preview(event=event, text=text)
    if preview.errors:
        raise ValidationError(
            {"file": [f"Line {line.line}: {line.error}" for line in preview.errors]}
        )
    for line in preview.to_add:
        assert line.member is not None  # "add" lines always have a member
        rsvp, _ = Rsvp.objects.get_or_create(event=event, member=line.member)
        rsvp.status = Rsvp.Status.GOING
        rsvp.goal = rsvp.goal or line.goal
        rsvp.full_clean(validate_unique=False)
        rsvp.save()
    analyze_after_commit(len(preview.to_add), Rsvp)  # fresh planner statistics (PostgreSQL)
    return preview


EXPORT_COLUMNS = ("name", "headline", "status", "checked_in", "goal", "email")


def attendees_export_rows(event: Event) -> list[dict[str, str]]:
    """One row per RSVP; the email only for members who consented."""
    rows = []
    for rsvp in (
        event.rsvps.exclude(status=Rsvp.Status.CANCELLED)
        .select_related("member__profile")
        .order_by("created_at", "pk")
    ):
        rows.append(
            {
                "name": rsvp.member.name,
                "headline": rsvp.member.profile.headline,
                "status": rsvp.status,
                "checked_in": "yes" if rsvp.checked_in_at else "no",
                "goal": rsvp.goal,
                "email": (rsvp.member.profile.contact_email or rsvp.member.email)
                if rsvp.contact_consent
                else "",
            }
        )
    return rows


def attendees_export_csv(event: Event) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    for row in attendees_export_rows(event):
        # Cells starting with = + - @ would run as formulas in a spreadsheet.
        writer.writerow({k: ("'" + v if v[:1] in "=+-@" and v else v) for k, v in row.items()})
    return out.getvalue()
