"""Take one's contacts out as vCard (3.0 or 4.0) or CSV. Everything else (notes,
timeline, follow-ups…) goes into "all my data" (see ``data.py``)."""

from __future__ import annotations

import csv
import io

from django.db.models import QuerySet
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact

CSV_COLUMNS = (
    "Name",
    "Company",
    "Role",
    "Email",
    "Phone",
    "URL",
    "Met on",
    "How we met",
    "Tags",
    "Facts",
    "Strength",
    "Last interaction",
)
VCARD_VERSIONS = ("3.0", "4.0")


def _contacts(owner: User) -> QuerySet[Contact]:
    return Contact.objects.filter(owner=owner).prefetch_related("tags").order_by("name", "pk")


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace("\r", "")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 6350)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def vcard(contact: Contact, *, version: str = "3.0") -> str:
    if version not in VCARD_VERSIONS:
        raise ValueError(f"vCard version {version!r}; use 3.0 or 4.0")
    given, _, family = contact.name.rpartition(" ")
    lines = [
        "BEGIN:VCARD",
        f"VERSION:{version}",
        "PRODID:-//Mensch//Relationship memory//EN",
        f"UID:mensch-contact-{contact.pk}",
        f"FN:{_escape(contact.name)}",
        f"N:{_escape(family)};{_escape(given)};;;",
    ]
    if contact.company:
        lines.append(f"ORG:{_escape(contact.company)}")
    if contact.role:
        lines.append(f"TITLE:{_escape(contact.role)}")
    if contact.email:
        lines.append(
            f"EMAIL;TYPE=INTERNET:{contact.email}" if version == "3.0" else f"EMAIL:{contact.email}"
        )
    if contact.phone:
        lines.append(
            f"TEL;TYPE=CELL:{_escape(contact.phone)}"
            if version == "3.0"
            else f"TEL;VALUE=uri:tel:{contact.phone.replace(' ', '-')}"
        )
    if contact.url:
        lines.append(f"URL:{contact.url}")
    tags = [tag.name for tag in contact.tags.all()]
    if tags:
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in tags))
    note = "\n".join(part for part in (contact.met_how, contact.facts) if part)
    if note:
        lines.append(f"NOTE:{_escape(note)}")
    lines.append(f"REV:{timezone.now():%Y%m%dT%H%M%SZ}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def contacts_vcard(owner: User, *, version: str = "3.0") -> str:
    return "".join(vcard(contact, version=version) for contact in _contacts(owner))


def contacts_csv(owner: User) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in _contacts(owner):
        writer.writerow(
            [
                c.name,
                c.company,
                c.role,
                c.email,
                c.phone,
                c.url,
                c.met_on.isoformat() if c.met_on else "",
                c.met_how,
                ", ".join(tag.name for tag in c.tags.all()),
                c.facts,
                round(c.strength),
                c.last_interaction_on.isoformat() if c.last_interaction_on else "",
            ]
        )
    return buffer.getvalue()
