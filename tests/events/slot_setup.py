"""An event set up for 1:1 meetings: attendees going, meeting hours and spots."""

from __future__ import annotations

from datetime import timedelta

from mensch.accounts.models import User
from mensch.events import slots
from mensch.events.models import Event, MeetingSpot, Rsvp
from tests.events.conftest import make_event
from tests.factories import make_member


def going(event: Event, members: list[User]) -> None:
    """RSVPs "going" written directly: the RSVP service (and its matching refresh) has
    its own tests, and 200 runs of it would only slow these down."""
    Rsvp.objects.bulk_create(Rsvp(event=event, member=m, status=Rsvp.Status.GOING) for m in members)


def slot_event(
    organizer: User,
    *,
    attendees: int = 0,
    spots: int = 2,
    capacity: int = 1,
    slot_count: int = 4,
    slot_minutes: int = 15,
) -> tuple[Event, list[User], list[MeetingSpot]]:
    event = make_event(organizer, capacity=max(attendees, 10) + 10)
    members = [make_member(f"Guest{n}", last_name="Attendee") for n in range(attendees)]
    going(event, members)
    slots.meeting_hours_add(
        event=event,
        starts_at=event.starts_at + timedelta(hours=1),
        ends_at=event.starts_at + timedelta(hours=1, minutes=slot_minutes * slot_count),
        slot_minutes=slot_minutes,
    )
    made = [
        slots.meeting_spot_add(event=event, name=f"Table {n + 1}", capacity=capacity)
        for n in range(spots)
    ]
    return event, members, made
