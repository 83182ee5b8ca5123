"""Read contacts from files other software wrote: vCard 2.1/3.0/4.0, CSV and LinkedIn.

Parsing only, no database: ``parse_contacts_file(data, mapping=None)`` returns rows
(each with the line it came from) or raises ImportFileError naming the line and the
reason. A file that cannot be read as a whole is refused; single rows that lack a
name are returned as rejected with their reason.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import vobject
from django.core.files.uploadedfile import UploadedFile
from vobject.base import Component, ContentLine

from mensch.core.csvfiles import TextEncodingError, decode, sniff_dialect

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"

MAPPABLE = (
    "name",
    "first_name",
    "last_name",
    "company",
    "role",
    "email",
    "phone",
    "url",
    "met_on",
    "notes",
    "tags",
)
# Column names seen in exports from Google Contacts, Outlook, Apple, LinkedIn and
# spreadsheets, lower-cased; the first one present wins.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "display name", "contact name", "file as"),
    "first_name": ("first name", "given name", "firstname", "first"),
    "last_name": ("last name", "family name", "surname", "lastname", "last"),
    "company": (
        "company",
        "organization 1 - name",
        "organization name",
        "organization",
        "organisation",
        "company name",
    ),
    "role": (
        "job title",
        "position",
        "role",
        "organization 1 - title",
        "organization title",
    ),
    "email": (
        "email",
        "e-mail",
        "email address",
        "e-mail address",
        "e-mail 1 - value",
        "email 1 - value",
        "primary email",
    ),
    "phone": (
        "phone",
        "mobile phone",
        "mobile",
        "phone 1 - value",
        "business phone",
        "primary phone",
        "home phone",
        "telephone",
    ),
    "url": ("url", "website", "web page", "website 1 - value", "profile url"),
    "met_on": ("connected on", "met on", "date met"),
    "notes": ("notes", "note"),
    "tags": ("categories", "group membership", "labels", "tags"),
}
DATE_FORMATS = ("%d %b %Y", "%Y-%m-%d", "%d-%b-%y", "%d %B %Y")
_PHONE_KEEP = re.compile(r"[^0-9 ()./+-]")


class ImportFileError(ValueError):
    """The whole file is refused; ``line`` is 1-based or None for the file as a whole."""

    def __init__(
        self, reason: str, line: int | None = None, columns: list[str] | None = None
    ) -> None:
        self.reason = reason
        self.line = line
        # Set when the file is fine but no column could be matched: a mapping fixes it.
        self.columns = columns
        super().__init__(f"Line {line}: {reason}" if line else reason)


@dataclass
class Row:
    line: int
    name: str = ""
    company: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    met_on: date | None = None
    met_how: str = ""
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    problem: str = ""


@dataclass
class ParsedFile:
    kind: str  # "vcard", "csv" or "linkedin"
    encoding: str
    rows: list[Row]
    columns: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)


def _too_big(size: int) -> ImportFileError:
    return ImportFileError(
        f"The file is {size / 1_048_576:.1f} MB; the limit is "
        f"{MAX_BYTES // 1_048_576} MB. Split it into smaller files."
    )


def read_upload(upload: UploadedFile) -> bytes:
    """The bytes of an uploaded file, refused before reading when its size is over the
    limit, and never more than ``MAX_BYTES + 1`` of them read: a large upload waits in a
    temporary file (``FILE_UPLOAD_MAX_MEMORY_SIZE``) and is never taken into memory."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise _too_big(upload.size)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _too_big(upload.size or len(data))
    return data


def parse_contacts_file(data: bytes, *, mapping: dict[str, str] | None = None) -> ParsedFile:
    if len(data) > MAX_BYTES:
        raise _too_big(len(data))
    if not data.strip():
        raise ImportFileError("The file is empty.")
    try:
        decoded = decode(data)
    except TextEncodingError as exc:
        raise ImportFileError(str(exc)) from exc
    text, encoding = decoded.text, decoded.encoding
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        rows = parse_vcards(text)
        return ParsedFile("vcard", encoding, _limit(rows))
    return parse_csv(text, encoding=encoding, mapping=mapping)


def _limit(rows: list[Row]) -> list[Row]:
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            f"The file has {len(rows)} contacts; the limit is {MAX_ROWS} per import. "
            "Split it into smaller files."
        )
    return rows


# --- vCard --------------------------------------------------------------------------------

_PROPERTY = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?(?:;.*)?:")


def _is_quoted_printable(line: str) -> bool:
    return "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper()


def _split_cards(text: str) -> list[tuple[int, str]]:
    """Each card's first line number and its text, with vCard 2.1 quoted-printable soft
    line breaks (a line ending in ``=``) joined, which vobject does not do itself."""
    cards: list[tuple[int, str]] = []
    current: list[str] | None = None
    start = 0
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        number = index + 1
        index += 1
        while _is_quoted_printable(line) and line.endswith("=") and index < len(lines):
            line = line[:-1] + lines[index]
            index += 1
        stripped = line.strip()
        if not stripped and current is None:
            continue
        upper = stripped.upper()
        if upper == "BEGIN:VCARD":
            if current is not None:
                raise ImportFileError("A new vCard begins before the previous one ended.", number)
            current, start = [], number
        elif current is None:
            raise ImportFileError(f"Expected BEGIN:VCARD, found {stripped[:40]!r}.", number)
        elif line[:1] not in (" ", "\t") and not _PROPERTY.match(line):
            raise ImportFileError(
                f"This line is not a vCard property (NAME:value): {stripped[:40]!r}.", number
            )
        line = re.sub(r";QUOTED-PRINTABLE", ";ENCODING=QUOTED-PRINTABLE", line, flags=re.I)
        current.append(line)
        if upper == "END:VCARD":
            cards.append((start, "\n".join(current) + "\n"))
            current = None
    if current is not None:
        raise ImportFileError("This vCard has no END:VCARD line.", start)
    return cards


def parse_vcards(text: str) -> list[Row]:
    rows = []
    for start, card_text in _split_cards(text):
        try:
            card = vobject.readOne(card_text, ignoreUnreadable=False)
        except Exception as exc:  # vobject raises ParseError and assorted others
            offset = getattr(exc, "lineNumber", None) or 1
            raise ImportFileError(
                f"This vCard cannot be read ({_vcard_reason(exc)}).", start + offset - 1
            ) from exc
        rows.append(_card_row(card, start))
    if not rows:
        raise ImportFileError("The file contains no vCard.")
    return rows


def _vcard_reason(exc: Exception) -> str:
    message = str(exc).strip() or exc.__class__.__name__
    return re.sub(r"^At line \d+: ", "", message)[:120]


# vobject ships no type information: Component and ContentLine are untyped to mypy.


def _values(card: Component, name: str) -> list[ContentLine]:
    return list(card.contents.get(name, []))


def _first(card: Component, name: str, prefer: tuple[str, ...] = ("PREF",)) -> str:
    lines = _values(card, name)
    if not lines:
        return ""

    def rank(line: ContentLine) -> int:
        params = line.params
        types = {str(v).upper() for vs in params.values() for v in vs for v in str(v).split(",")}
        return 0 if types & set(prefer) or "PREF" in params else 1

    value = sorted(lines, key=rank)[0].value
    if isinstance(value, list):
        value = " ".join(str(part) for part in value if part)
    return str(value).strip()


def _card_row(card: Component, line: int) -> Row:
    name = _first(card, "fn")
    if not name:
        for structured in _values(card, "n"):
            n = structured.value
            name = " ".join(
                str(p) for p in (getattr(n, "given", ""), getattr(n, "family", "")) if p
            ).strip()
    org = ""
    for item in _values(card, "org"):
        value = item.value
        org = str(value[0] if isinstance(value, list) and value else value).strip()
        break
    phone = _first(card, "tel", prefer=("CELL", "MOBILE", "PREF"))
    tags: list[str] = []
    for item in _values(card, "categories"):
        value = item.value
        tags.extend(str(v).strip() for v in (value if isinstance(value, list) else [value]))
    row = Row(
        line=line,
        name=name,
        company=org,
        role=_first(card, "title") or _first(card, "role"),
        email=_first(card, "email"),
        phone=clean_phone(phone.removeprefix("tel:")),
        url=_first(card, "url"),
        notes=_first(card, "note"),
        tags=[t for t in tags if t],
    )
    if not row.name:
        row.name = row.company if row.company else row.email
    if not row.name:
        row.problem = "This vCard has no name, company or email address."
    return row


def clean_phone(value: str) -> str:
    return " ".join(_PHONE_KEEP.sub(" ", value).split())[:40]


# --- CSV ----------------------------------------------------------------------------------


def _header_line(lines: list[str]) -> tuple[int, str]:
    """LinkedIn puts a few "Notes:" lines before its header: look for it, don't count."""
    for index, line in enumerate(lines[:40]):
        if line.strip().lstrip("\ufeff").startswith("First Name,Last Name,URL"):
            return index, "linkedin"
    for index, line in enumerate(lines):
        if line.strip():
            return index, "csv"
    raise ImportFileError("The file has no header row.")


def auto_mapping(columns: list[str]) -> dict[str, str]:
    lowered = {column.strip().lower(): column for column in columns}
    mapping: dict[str, str] = {}
    for target, names in SYNONYMS.items():
        for candidate in names:
            if candidate in lowered:
                mapping[target] = lowered[candidate]
                break
    return mapping


def parse_csv(text: str, *, encoding: str, mapping: dict[str, str] | None = None) -> ParsedFile:
    lines = text.splitlines()
    header_index, kind = _header_line(lines)
    body = "\n".join(lines[header_index:])
    # Only the delimiter: a header line rarely shows how the rows quote.
    delimiter = sniff_dialect(lines[header_index]).delimiter
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    try:
        columns = [c.strip() for c in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise ImportFileError("The header row cannot be read.", header_index + 1) from exc
    chosen = {k: v for k, v in (mapping or auto_mapping(columns)).items() if v}
    unknown = sorted(set(chosen.values()) - set(columns))
    if unknown or set(chosen) - set(MAPPABLE):
        raise ImportFileError(f"The column mapping names unknown columns: {', '.join(unknown)}.")
    if not {"name", "first_name", "last_name", "email"} & set(chosen):
        raise ImportFileError(
            "No column holds a name or an email address: map one (e.g. Name → name).",
            header_index + 1,
            columns=columns,
        )
    position = {column: index for index, column in enumerate(columns)}
    rows: list[Row] = []
    while True:
        start = header_index + reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ImportFileError(f"This row cannot be read ({exc}).", start) from exc
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(columns):
            raise ImportFileError(
                f"The row has {len(values)} values but the header has {len(columns)} columns.",
                start,
            )
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                f"The file has more than {MAX_ROWS} contacts, the limit per import. "
                "Split it into smaller files.",
                start,
            )
        record = {
            target: values[position[column]].strip() if position[column] < len(values) else ""
            for target, column in chosen.items()
        }
        rows.append(_csv_row(record, start, linkedin=kind == "linkedin"))
    if not rows:
        raise ImportFileError("The file has a header row but no contacts.", header_index + 1)
    return ParsedFile(kind, encoding, rows, columns, chosen)


def _tags(raw: str) -> list[str]:
    parts = re.split(r":::|;|,", raw)
    # Google's system groups look like "* myContacts" or "* starred".
    return [p.strip() for p in parts if p.strip() and not p.strip().startswith("*")]


def parse_date(raw: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(raw.strip(), fmt).date()  # a calendar date: no time zone
        except ValueError:
            continue
    raise ValueError(raw)


def _csv_row(record: dict[str, str], line: int, *, linkedin: bool) -> Row:
    name = record.get("name") or " ".join(
        part for part in (record.get("first_name", ""), record.get("last_name", "")) if part
    )
    row = Row(
        line=line,
        name=name,
        company=record.get("company", ""),
        role=record.get("role", ""),
        email=record.get("email", "").split(" ::: ")[0].strip(),
        phone=clean_phone(record.get("phone", "").split(" ::: ")[0]),
        url=record.get("url", ""),
        notes=record.get("notes", ""),
        tags=_tags(record.get("tags", "")),
        met_how="Connected on LinkedIn" if linkedin else "",
    )
    if record.get("met_on"):
        try:
            row.met_on = parse_date(record["met_on"])
        except ValueError:
            row.problem = f"The date {record['met_on']!r} is not a date like 15 Mar 2024."
    if not row.name:
        row.name = row.company or row.email
    if not row.name:
        row.problem = "The row has no name, company or email address."
    return row
