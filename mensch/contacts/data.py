"""The contacts part of "all my data": every contact record with its tags, facts, notes
and timeline. A contact who is a member appears by profile id, never by their account."""

from __future__ import annotations

from datetime import date, datetime

from mensch.accounts.models import User
from mensch.contacts.models import Contact, Interaction


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _contact(contact: Contact, timeline: list[dict[str, object]]) -> dict[str, object]:
    member = contact.member
    return {
        "id": contact.pk,
        "name": contact.name,
        "company": contact.company,
        "role": contact.role,
        "email": contact.email,
        "phone": contact.phone,
        "url": contact.url,
        "member_profile_id": member.profile.pk if member is not None else None,
        "met_on": _iso(contact.met_on),
        "met_event": contact.met_event.title if contact.met_event else None,
        "introducer": contact.introducer.name if contact.introducer else None,
        "how_we_met": contact.met_how,
        "facts": contact.fact_list,
        "tags": [tag.name for tag in contact.tags.all()],
        "keep_in_touch": {"ideal_days": contact.ideal_days, "max_days": contact.max_days},
        "meeting_goal": contact.meeting_goal,
        "strength": contact.strength,
        "last_interaction_on": _iso(contact.last_interaction_on),
        "created_at": _iso(contact.created_at),
        "interactions": timeline,
    }


def member_data(member: User) -> dict[str, object]:
    contacts = (
        Contact.objects.filter(owner=member)
        .select_related("member__profile", "met_event", "introducer")
        .prefetch_related("tags")
        .order_by("name", "pk")
    )
    timelines: dict[int, list[dict[str, object]]] = {}
    for item in Interaction.objects.filter(contact__owner=member).order_by("happened_on", "pk"):
        timelines.setdefault(item.contact_id, []).append(
            {
                "kind": item.kind,
                "happened_on": _iso(item.happened_on),
                "initiated_by": item.initiated_by,
                "body": item.body,
            }
        )
    return {"contacts": [_contact(c, timelines.get(c.pk, [])) for c in contacts]}
