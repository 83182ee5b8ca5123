"""Attendee import from CSV (pretix, Luma, or a generic layout) and attendee export.

The import matches rows to members by email address (in any letter case). A line whose
address is no member's is, by the organizer's choice, either skipped or invited: the
worker emails a sign-up link that puts them on the guest list once their address is
confirmed (:mod:`mensch.events.invitations`); one address is invited to one event at most
once a day. ``attendees_import_preview`` checks every line and says what would happen;
``attendees_import`` applies a clean file in one transaction and refuses a file with any
error line, so nothing is ever half imported. Each line ends in one outcome: added,
already going, invited, skipped (with the reason) or an error (with the reason).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from mensch.accounts.models import User
from mensch.core.analyze import analyze_after_commit
from mensch.core.csvfiles import TextEncodingError, decode_text, sniff_dialect
from mensch.core.text import normalise_line, validate_plain_text
from mensch.events import invitations
from mensch.events.models import AttendeeInvitation, Event, Rsvp
from mensch.events.services import attendee_list_changed
from mensch.matching.models import Recommendation
from mensch.matching.tasks import matches_request_refresh

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


# What happens to a line: its action, and the outcome the report names.
OUTCOMES = {
    "add": "added",
    "going": "already going",
    "invite": "invited",
    "skip": "skipped",
    "": "error",
}


@dataclass
class ImportLine:
    line: int
    email: str
    name: str
    goal: str = ""
    member: User | None = None
    action: str = ""  # "add", "going", "invite", "skip", or "" when the line has an error
    error: str = ""
    note: str = ""  # why a line is skipped or already on the list

    @property
    def outcome(self) -> str:
        return OUTCOMES[self.action]


@dataclass
class ImportPreview:
    layout: str
    lines: list[ImportLine]
    invite: bool = False

    @property
    def errors(self) -> list[ImportLine]:
        return [line for line in self.lines if line.error]

    @property
    def to_add(self) -> list[ImportLine]:
        return [line for line in self.lines if line.action == "add"]

    @property
    def to_invite(self) -> list[ImportLine]:
        return [line for line in self.lines if line.action == "invite"]

    def count(self, action: str) -> int:
        return sum(1 for line in self.lines if line.action == action)

    def summary(self) -> str:
        """One sentence of what the import did, e.g. "3 added, 1 already going, 2 invited"."""
        parts = [
            f"{self.count(action)} {OUTCOMES[action]}"
            for action in ("add", "going", "invite", "skip")
            if self.count(action)
        ]
        return ", ".join(parts) if parts else "nothing to import"


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


def _members_by_email(emails: set[str]) -> dict[str, User]:
    """The active members with these addresses (lower-cased), matched in any letter case."""
    found = (
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails, is_active=True)
        .order_by("pk")
    )
    members: dict[str, User] = {}
    for user in found:
        members.setdefault(user.email.lower(), user)
    return members


def _invited_lately(event: Event, emails: set[str], now: datetime) -> set[str]:
    return set(
        AttendeeInvitation.objects.filter(
            event=event, email__in=emails, invited_at__gt=now - invitations.REINVITE_AFTER
        ).values_list("email", flat=True)
    )


def attendees_import_preview(
    *, event: Event, text: str, invite: bool = False, now: datetime | None = None
) -> ImportPreview:
    """What importing ``text`` would do, line by line, without writing anything.

    ``invite``: invite the addresses that are no member's (else they are skipped)."""
    layout_name, rows = _read(text)
    layout = LAYOUTS[layout_name]
    emails = {
        _column(row, layout["email"]).lower() for _, row in rows if _column(row, layout["email"])
    }
    members = _members_by_email(emails)
    on_list = dict(
        event.rsvps.filter(status__in=(Rsvp.Status.GOING, Rsvp.Status.WAITLISTED)).values_list(
            "member_id", "status"
        )
    )
    invited = _invited_lately(event, emails - set(members), now or timezone.now())
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
            line.action, line.note = "skip", f"not coming (status “{status}” in the file)"
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
            if not invite:
                line.action, line.note = "skip", "not a member; not invited"
            elif email in invited:
                line.action, line.note = "skip", "invited less than a day ago; not sent again"
            else:
                line.action = "invite"
        elif on_list.get(line.member.pk) == Rsvp.Status.WAITLISTED:
            line.action, line.note = "skip", "already on the waitlist"
        elif line.member.pk in on_list:
            line.action = "going"
        elif free <= 0:
            line.error = f"The event is full ({event.capacity} seats)."
        else:
            line.action = "add"
            free -= 1
    return ImportPreview(layout_name, lines, invite=invite)


@transaction.atomic
def attendees_import(*, event: Event, text: str, invite: bool = False) -> ImportPreview:
    """Add every member of the file as going and, with ``invite``, queue an invitation for
    every other address, in one transaction; any error line refuses the whole file with
    the per-line report."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise ValidationError({"file": ["This event was cancelled."]})
    if invite and event.status != Event.Status.PUBLISHED:
        raise ValidationError({"invite": ["Publish the event before inviting people to it."]})
    now = timezone.now()
    preview = attendees_import_preview(event=event, text=text, invite=invite, now=now)
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
    if preview.to_add:
        attendee_list_changed(event)
        added = {line.member.pk for line in preview.to_add if line.member is not None}
        # New attendees the matching worker has not reached yet: "who to meet here" reads
        # stored recommendations, so ask it to run (one waiting run at most).
        if Recommendation.objects.filter(member_id__in=added).values(
            "member_id"
        ).distinct().count() < len(added):
            matches_request_refresh()
    emails = [line.email for line in preview.to_invite]
    for email in emails:
        AttendeeInvitation.objects.update_or_create(
            event=event, email=email, defaults={"invited_at": now}
        )
    invitations.invitations_queue(event=event, emails=emails)
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
