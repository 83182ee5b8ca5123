"""iCalendar for events: one event's .ics and a member's private feed of events and rounds.

UIDs are stable (the event's ``uid``); SEQUENCE rises with every change attendees
should see, so calendar apps replace the entry instead of adding a second one.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from mensch.accounts.models import User
from mensch.events.models import AgendaItem, Event, Rsvp, Seat

PRODID = "-//Mensch//Managed events//EN"
UID_DOMAIN = "mensch"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _description(event: Event) -> str:
    lines = [event.description] if event.description else []
    agenda = list(event.agenda.all())
    if agenda:
        lines.append("Agenda:")
        for item in agenda:
            local = timezone.localtime(item.starts_at, _zone(event))
            lines.append(f"{local:%H:%M} {item.get_kind_display()}: {item.title}")
    return "\n".join(lines)


def _zone(event: Event) -> ZoneInfo:
    return ZoneInfo(event.time_zone)


def event_component(event: Event) -> VEvent:
    component = VEvent()
    component.add("uid", f"{event.uid}@{UID_DOMAIN}")
    component.add("sequence", event.sequence)
    component.add("dtstamp", event.updated_at or timezone.now())
    component.add("dtstart", event.starts_at)
    component.add("dtend", event.ends_at)
    component.add("summary", event.title)
    description = _description(event)
    if description:
        component.add("description", description)
    location = ", ".join(part for part in (event.venue, event.address) if part)
    if location:
        component.add("location", location)
    component.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    component.add("url", _url(reverse("event_detail", args=[event.pk])))
    return component


def event_ics(event: Event) -> bytes:
    calendar = _calendar(event.title)
    calendar.add_component(event_component(event))
    return calendar.to_ical()


def round_start(event: Event, round_number: int) -> datetime:
    """When a round is planned: from the agenda's first networking round, else the start."""
    first = next(
        (item.starts_at for item in event.agenda.all() if item.kind == AgendaItem.Kind.ROUND),
        event.starts_at,
    )
    return first + timedelta(minutes=event.round_minutes * (round_number - 1))


def member_feed_ics(member: User) -> bytes:
    """The member's events (going, waitlisted or organizing) and their seat in each round."""
    calendar = _calendar(f"Mensch · {member.name}")
    events = (
        (
            Event.objects.filter(
                rsvps__member=member,
                rsvps__status__in=(Rsvp.Status.GOING, Rsvp.Status.WAITLISTED),
                status__in=(Event.Status.PUBLISHED, Event.Status.CANCELLED),
            )
            | Event.objects.filter(organizer=member)
        )
        .distinct()
        .prefetch_related("agenda")
    )
    seats: dict[int, list[Seat]] = {}
    for seat in Seat.objects.filter(member=member).order_by("round_number"):
        seats.setdefault(seat.event_id, []).append(seat)
    others = {
        int(other) for event_seats in seats.values() for s in event_seats for other in s.reasons
    }
    names = dict(User.objects.filter(pk__in=others).values_list("pk", "first_name"))
    for event in events.order_by("starts_at", "pk"):
        calendar.add_component(event_component(event))
        for seat in seats.get(event.pk, []):
            calendar.add_component(_round_component(event, seat, names))
    return calendar.to_ical()


def _round_component(event: Event, seat: Seat, names: dict[int, str]) -> VEvent:
    start = round_start(event, seat.round_number)
    component = VEvent()
    component.add("uid", f"{event.uid}-round-{seat.round_number}@{UID_DOMAIN}")
    # The seating can be generated again: its version is this entry's SEQUENCE.
    component.add("sequence", event.sequence + event.schedule_version)
    component.add("dtstamp", event.updated_at or timezone.now())
    component.add("dtstart", start)
    component.add("dtend", start + timedelta(minutes=event.round_minutes))
    component.add(
        "summary", f"Round {seat.round_number}, table {seat.table_number} · {event.title}"
    )
    mates = ", ".join(names.get(int(other), "") for other in seat.reasons)
    component.add("description", f"At your table: {mates}." if mates else "Your table.")
    if event.status == Event.Status.CANCELLED:
        component.add("status", "CANCELLED")
    component.add("url", _url(reverse("event_table", args=[event.pk])))
    return component
