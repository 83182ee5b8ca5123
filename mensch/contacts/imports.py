"""Preview and commit an import: duplicates found, rows checked, one transaction."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.importing import Row
from mensch.contacts.models import Contact, Interaction, Tag
from mensch.contacts.services import _set_tags, contact_create, contact_refresh, tag_names
from mensch.core.analyze import analyze_after_commit

LABELS = {"url": "web address", "met_on": "date met", "met_how": "how we met", "body": "notes"}
NAME_SIMILARITY = 0.88


@dataclass
class PreviewRow:
    row: Row
    status: str  # "new", "duplicate" or "rejected"
    reason: str = ""
    duplicate_of: int | None = None  # an existing contact's id…
    duplicate_line: int | None = None  # …or the line of an earlier new row in the file
    duplicate_name: str = ""


@dataclass
class ImportResult:
    created: int = 0
    merged: int = 0
    rejected: int = 0
    duplicates_kept: int = 0
    rejections: list[str] = field(default_factory=list)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(sorted(re.findall(r"\w+", letters)))


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return digits[-9:] if len(digits) >= 7 else ""


def _similar(a: str, b: str, threshold: float) -> bool:
    return bool(a and b) and (a == b or SequenceMatcher(None, a, b).ratio() >= threshold)


@dataclass
class _Known:
    id: int | None
    line: int | None
    name: str
    plain_name: str
    plain_company: str
    email: str
    phone: str


class DuplicateFinder:
    """Same email or phone; or a similar name (same numbers in it) at the same company
    (one company's words include the other's), or both without a company.

    Emails and phones are looked up in dictionaries and names are compared only with
    names sharing a word, so a 5000-row file is not 25 million comparisons."""

    def __init__(self, owner: User) -> None:
        self.by_email: dict[str, _Known] = {}
        self.by_phone: dict[str, _Known] = {}
        self.by_word: dict[str, list[_Known]] = {}
        for pk, name, company, email, phone in Contact.objects.filter(owner=owner).values_list(
            "pk", "name", "company", "email", "phone"
        ):
            self._add(self._entry(pk, None, name, company, email, phone))

    @staticmethod
    def _entry(
        pk: int | None, line: int | None, name: str, company: str, email: str, phone: str
    ) -> _Known:
        return _Known(pk, line, name, _plain(name), _plain(company), email.lower(), _digits(phone))

    def _add(self, known: _Known) -> None:
        if known.email:
            self.by_email.setdefault(known.email, known)
        if known.phone:
            self.by_phone.setdefault(known.phone, known)
        for word in set(known.plain_name.split()):
            self.by_word.setdefault(word, []).append(known)

    def find(self, row: Row) -> _Known | None:
        email, phone = row.email.lower(), _digits(row.phone)
        if email and email in self.by_email:
            return self.by_email[email]
        if phone and phone in self.by_phone:
            return self.by_phone[phone]
        name, company = _plain(row.name), _plain(row.company)
        seen: set[int] = set()
        for word in set(name.split()):
            for known in self.by_word.get(word, []):
                if id(known) in seen:
                    continue
                seen.add(id(known))
                if _same_person(name, company, known):
                    return known
        return None

    def remember(self, row: Row, match: _Known | None) -> None:
        """Later rows of the file are compared with this one too; a duplicate row points
        where its match points."""
        contact_id = match.id if match else None
        line = (match.line if match else row.line) if contact_id is None else None
        self._add(self._entry(contact_id, line, row.name, row.company, row.email, row.phone))


def _same_person(name: str, company: str, known: _Known) -> bool:
    if re.findall(r"\d+", name) != re.findall(r"\d+", known.plain_name):
        return False
    if not _similar(name, known.plain_name, NAME_SIMILARITY):
        return False
    if not company and not known.plain_company:
        return True
    words, other = set(company.split()), set(known.plain_company.split())
    return bool(words and other) and (words <= other or other <= words)


def row_problem(row: Row, owner: User) -> str:
    """Why the row cannot become a contact, or "" (checked before anything is written)."""
    if row.problem:
        return row.problem
    candidate = Contact(
        owner=owner,
        name=row.name[:160],
        company=row.company[:160],
        role=row.role[:160],
        email=row.email,
        phone=row.phone,
        url=row.url,
        met_on=row.met_on,
        met_how=row.met_how,
    )
    try:
        # Field checks only: the constraints concern links and cadences an import never sets.
        candidate.full_clean(
            exclude=["owner", "member", "search_document"],
            validate_unique=False,
            validate_constraints=False,
        )
        if row.notes:
            Interaction(kind="note", body=row.notes, happened_on=date.today()).full_clean(
                exclude=["contact"]
            )
    except ValidationError as exc:
        return "; ".join(
            f"{LABELS.get(name, name)}: {' '.join(messages)}"
            for name, messages in exc.message_dict.items()
        )
    return ""


def import_preview(*, owner: User, rows: list[Row]) -> list[PreviewRow]:
    finder = DuplicateFinder(owner)
    preview = []
    for row in rows:
        problem = row_problem(row, owner)
        if problem:
            preview.append(PreviewRow(row, "rejected", problem))
            continue
        match = finder.find(row)
        if match is not None:
            preview.append(
                PreviewRow(
                    row,
                    "duplicate",
                    f"Same person as {match.name}" + ("" if match.id else " (earlier in the file)"),
                    match.id,
                    match.line,
                    match.name,
                )
            )
        else:
            preview.append(PreviewRow(row, "new"))
        finder.remember(row, match)
    return preview


def _merge_row(contact: Contact, row: Row) -> None:
    changed = []
    for name in ("company", "role", "email", "phone", "url", "met_on", "met_how"):
        value = getattr(row, name)
        if value and not getattr(contact, name):
            setattr(
                contact, name, value[:160] if isinstance(value, str) and name != "url" else value
            )
            changed.append(name)
    if changed:
        contact.full_clean(exclude=["owner", "member"])
        contact.save()
    if row.tags:
        _set_tags(contact, tag_names([*contact.tags.values_list("name", flat=True), *row.tags]))
    if row.notes:
        _add_imported_note(contact, row.notes)


def _add_imported_note(contact: Contact, notes: str) -> None:
    Interaction.objects.create(
        contact=contact,
        kind=Interaction.Kind.NOTE,
        happened_on=timezone.localdate(),
        body=notes.strip(),
        source_key="",
    )


@transaction.atomic
def contacts_import(
    *,
    owner: User,
    rows: list[Row],
    merge: bool = True,
    dry_run: bool = False,
    progress: Callable[[int], object] | None = None,
) -> ImportResult:
    """Create (or merge) the rows' contacts in one transaction; a dry run rolls back."""
    result = ImportResult()
    created_by_line: dict[int, Contact] = {}
    preview = import_preview(owner=owner, rows=rows)
    for item in preview:
        row = item.row
        if item.status == "rejected":
            result.rejected += 1
            result.rejections.append(f"Line {row.line}: {item.reason}")
        elif item.status == "duplicate" and merge:
            target = _merge_target(item, created_by_line, owner)
            _merge_row(target, row)
            contact_refresh(target)
            result.merged += 1
        else:
            contact = contact_create(
                owner=owner,
                tags=row.tags,
                name=row.name[:160],
                company=row.company[:160],
                role=row.role[:160],
                email=row.email,
                phone=row.phone,
                url=row.url,
                met_on=row.met_on,
                met_how=row.met_how,
            )
            if row.notes:
                _add_imported_note(contact, row.notes)
                contact_refresh(contact)
            created_by_line[row.line] = contact
            result.created += 1
            if item.status == "duplicate":
                result.duplicates_kept += 1
        if progress is not None:
            progress(1)
    if dry_run:
        transaction.set_rollback(True)
    else:
        # Fresh planner statistics for the rows just added (PostgreSQL; see mensch.core.analyze).
        analyze_after_commit(
            result.created + result.merged, Contact, Contact.tags.through, Tag, Interaction
        )
    return result


def _merge_target(item: PreviewRow, created_by_line: dict[int, Contact], owner: User) -> Contact:
    if item.duplicate_of is not None:
        return Contact.objects.get(pk=item.duplicate_of, owner=owner)
    return created_by_line[item.duplicate_line or 0]
