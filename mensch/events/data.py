"""The member's part of "all my data" from this app: their RSVPs (with their goal for the
event) and the events they organize. Other attendees never appear."""

from __future__ import annotations

from datetime import datetime

from mensch.accounts.models import User
from mensch.events.models import Event, Rsvp, Topic


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _event(event: Event) -> dict[str, object]:
    return {
        "event_id": event.pk,
        "title": event.title,
        "status": event.status,
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
        "time_zone": event.time_zone,
        "venue": event.venue,
        "address": event.address,
    }


def _rsvp(rsvp: Rsvp, topics_posted: list[str]) -> dict[str, object]:
    return {
        "status": rsvp.status,
        "goal": rsvp.goal,
        "goal_met": rsvp.goal_met,
        "contact_consent": rsvp.contact_consent,
        "checked_in_at": _iso(rsvp.checked_in_at),
        "topic": rsvp.topic.title if rsvp.topic is not None else None,
        "topic_side": rsvp.topic_side,
        "topics_posted": topics_posted,
        "rsvp_at": rsvp.created_at.isoformat(),
    }


def _organized(event: Event) -> dict[str, object]:
    return {
        "description": event.description,
        "sponsors": event.sponsor_list,
        "price": str(event.price),
        "currency": event.currency,
        "capacity": event.capacity,
        "created_at": event.created_at.isoformat(),
    }


def member_data(member: User) -> dict[str, object]:
    rsvps = {
        r.event_id: r for r in Rsvp.objects.filter(member=member).select_related("event", "topic")
    }
    organized = {e.pk: e for e in Event.objects.filter(organizer=member)}
    posted: dict[int, list[str]] = {}
    for event_id, title in Topic.objects.filter(posted_by=member).values_list("event_id", "title"):
        posted.setdefault(event_id, []).append(title)
    events = {**{r.event_id: r.event for r in rsvps.values()}, **organized}
    rows = []
    for event in sorted(events.values(), key=lambda e: (e.starts_at, e.pk)):
        row = _event(event)
        row["organizer"] = event.pk in organized
        if event.pk in organized:
            row |= _organized(event)
        rsvp = rsvps.get(event.pk)
        row["rsvp"] = _rsvp(rsvp, posted.get(event.pk, [])) if rsvp is not None else None
        rows.append(row)
    return {"events": rows}
