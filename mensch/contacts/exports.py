"""Take one's data out: contacts as vCard (3.0 or 4.0) or CSV, everything as JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact, Interaction

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


def _contacts(owner: User) -> Iterable[Contact]:
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
    parts, current = [], b""
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


def _iso(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def all_my_data(member: User) -> dict[str, Any]:
    """Everything Mensch holds that is the member's own, in one document."""
    from mensch.connections.models import Connection, Message
    from mensch.followups.models import FollowUp
    from mensch.introductions.models import Introduction
    from mensch.meetings.models import Meeting
    from mensch.profiles.models import Profile

    profile = Profile.objects.prefetch_related("asks", "offers").get(user=member)
    connections = list(
        Connection.objects.filter(Q(member_low=member) | Q(member_high=member)).select_related(
            "member_low", "member_high"
        )
    )
    names = {}
    for connection in connections:
        names[connection.member_low_id] = connection.member_low.name
        names[connection.member_high_id] = connection.member_high.name
    contacts = list(_contacts(member).select_related("met_event", "introducer", "member"))
    interactions = Interaction.objects.filter(contact__owner=member).order_by("happened_on", "pk")
    by_contact: dict[int, list[dict[str, Any]]] = {}
    for item in interactions:
        by_contact.setdefault(item.contact_id, []).append(
            {
                "kind": item.kind,
                "happened_on": _iso(item.happened_on),
                "initiated_by": item.initiated_by,
                "body": item.body,
            }
        )
    return {
        "format": "mensch-export-1",
        "exported_at": _iso(timezone.now()),
        "account": {
            "email": member.email,
            "first_name": member.first_name,
            "last_name": member.last_name,
            "date_joined": _iso(member.date_joined),
        },
        "profile": {
            "headline": profile.headline,
            "what_i_do": profile.what_i_do,
            "industry": profile.industry,
            "location": profile.location,
            "languages": profile.language_list,
            "goals": profile.goals,
            "contact_email": profile.contact_email,
            "phone": profile.phone,
            "website": profile.website,
            "is_hidden": profile.is_hidden,
            "asks": [{"kind": a.kind, "text": a.text} for a in profile.asks.all()],
            "offers": [{"kind": o.kind, "text": o.text} for o in profile.offers.all()],
        },
        "contacts": [
            {
                "id": c.pk,
                "name": c.name,
                "company": c.company,
                "role": c.role,
                "email": c.email,
                "phone": c.phone,
                "url": c.url,
                "member_email": c.member.email if c.member else None,
                "met_on": _iso(c.met_on),
                "met_event": c.met_event.title if c.met_event else None,
                "introducer": c.introducer.name if c.introducer else None,
                "how_we_met": c.met_how,
                "facts": c.fact_list,
                "tags": [t.name for t in c.tags.all()],
                "keep_in_touch": {"ideal_days": c.ideal_days, "max_days": c.max_days},
                "meeting_goal": c.meeting_goal,
                "strength": c.strength,
                "interactions": by_contact.get(c.pk, []),
            }
            for c in contacts
        ],
        "followups": [
            {
                "title": f.title,
                "kind": f.kind,
                "owed_by": f.owed_by,
                "contact": f.contact.name if f.contact else None,
                "due_on": _iso(f.due_on),
                "status": f.status,
                "done_at": _iso(f.done_at),
            }
            for f in FollowUp.objects.filter(owner=member).select_related("contact")
        ],
        "connections": [
            {
                "with": names.get(c.other(member.pk), ""),
                "since": _iso(c.created_at),
                "source": c.source,
            }
            for c in connections
        ],
        "messages_sent": [
            {
                "to": names.get(m.connection.other(member.pk), ""),
                "body": m.body,
                "sent_at": _iso(m.created_at),
            }
            for m in Message.objects.filter(sender=member).select_related("connection")
        ],
        "meetings": [
            {
                "with": (m.member_high if m.member_low_id == member.pk else m.member_low).name,
                "event": m.event.title if m.event else None,
                "met_on": _iso(m.met_on),
            }
            for m in Meeting.objects.filter(
                Q(member_low=member) | Q(member_high=member)
            ).select_related("member_low", "member_high", "event")
        ],
        "introductions": [
            {
                "requester": i.requester.name,
                "recipient": i.recipient.name,
                "introducer": i.introducer.name if i.introducer else None,
                "reason": i.reason,
                "status": i.status,
                "created_at": _iso(i.created_at),
            }
            for i in Introduction.objects.filter(
                Q(requester=member) | Q(recipient=member) | Q(introducer=member)
            ).select_related("requester", "recipient", "introducer")
        ],
    }


def all_my_data_json(member: User) -> str:
    return json.dumps(all_my_data(member), ensure_ascii=False, indent=2)
