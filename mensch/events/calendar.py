"""Events in calendars: one event's .ics, and the member's events and round tables for
their private feed (``calendar_entries``, found through the registry).

UIDs are stable (the event's ``uid``); SEQUENCE rises with every change attendees should
see (``Event.sequence``, plus ``schedule_version`` for round tables), so calendar apps
replace the entry instead of adding a second one.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.core.calendars import Entry, Status, calendar_bytes, site_url
from mensch.events.models import AgendaItem, Event, Rsvp, Seat, SlotBooking
from mensch.events.selectors import visible_events


def _description(event: Event) -> str:
    lines = [event.description] if event.description else []
    agenda = list(event.agenda.all())
    if agenda:
        zone = ZoneInfo(event.time_zone)
        lines.append("Agenda:")
        for item in agenda:
            local = timezone.localtime(item.starts_at, zone)
            lines.append(f"{local:%H:%M} {item.get_kind_display()}: {item.title}")
    return "\n".join(lines)


def _status(event: Event) -> Status:
    if event.status == Event.Status.CANCELLED:
        return "CANCELLED"
    return "TENTATIVE" if event.status == Event.Status.DRAFT else "CONFIRMED"


def event_entry(event: Event, *, waitlisted: bool = False) -> Entry:
    """The event itself (agenda prefetched); ``waitlisted`` marks it tentative."""
    status = _status(event)
    return Entry(
        uid=str(event.uid),
        summary=f"{event.title} (waitlist)" if waitlisted else event.title,
        start=event.starts_at,
        end=event.ends_at,
        description=_description(event),
        url=site_url(reverse("event_detail", args=[event.pk])),
        location=", ".join(part for part in (event.venue, event.address) if part),
        sequence=event.sequence,
        status="TENTATIVE" if waitlisted and status == "CONFIRMED" else status,
        changed_at=event.updated_at,
    )


def event_ics(event: Event) -> bytes:
    """The event as a one-entry iCalendar file (the "Add to calendar" download)."""
    return calendar_bytes(event.title, [event_entry(event)])


def round_start(event: Event, round_number: int) -> datetime:
    """When a round is planned: from the agenda's first networking round, else the start."""
    first = next(
        (item.starts_at for item in event.agenda.all() if item.kind == AgendaItem.Kind.ROUND),
        event.starts_at,
    )
    return first + timedelta(minutes=event.round_minutes * (round_number - 1))


def round_entry(event: Event, seat: Seat, names: dict[int, str]) -> Entry:
    """The member's table in one round; ``names`` maps tablemates' ids to first names."""
    start = round_start(event, seat.round_number)
    mates = ", ".join(names.get(int(other), "") for other in seat.reasons)
    return Entry(
        uid=f"{event.uid}-round-{seat.round_number}",
        summary=f"Round {seat.round_number}, table {seat.table_number} · {event.title}",
        start=start,
        end=start + timedelta(minutes=event.round_minutes),
        description=f"At your table: {mates}." if mates else "Your table.",
        url=site_url(reverse("event_table", args=[event.pk])),
        # The seating can be generated again: its version is part of this entry's SEQUENCE.
        sequence=event.sequence + event.schedule_version,
        status="CANCELLED" if event.status == Event.Status.CANCELLED else None,
        changed_at=event.updated_at,
    )


def calendar_entries(member: User) -> list[Entry]:
    """Events the member is going to, waitlisted for or organizes, and their table in each
    round. Four queries however many events: events, agendas, seats, tablemates' names."""
    rsvps = Rsvp.objects.filter(
        member=member, status__in=(Rsvp.Status.GOING, Rsvp.Status.WAITLISTED)
    )
    events = list(
        visible_events(member)
        .filter(Q(pk__in=rsvps.values("event_id")) | Q(organizer=member))
        .annotate(
            waitlisted=Exists(rsvps.filter(event_id=OuterRef("pk"), status=Rsvp.Status.WAITLISTED)),
            # Booked 1:1 meetings there: read (one query) only where there are any.
            slot_meetings=Exists(
                SlotBooking.objects.filter(
                    Q(booker=member) | Q(guest=member),
                    event_id=OuterRef("pk"),
                    status=SlotBooking.Status.ACCEPTED,
                )
            ),
        )
        .prefetch_related("agenda")
        .order_by("starts_at", "pk")
    )
    seats: dict[int, list[Seat]] = {}
    for seat in Seat.objects.filter(member=member, event__in=[e.pk for e in events]).order_by(
        "round_number"
    ):
        seats.setdefault(seat.event_id, []).append(seat)
    others = {int(other) for of_event in seats.values() for s in of_event for other in s.reasons}
    names = (
        dict(User.objects.filter(pk__in=others).values_list("pk", "first_name")) if others else {}
    )
    entries: list[Entry] = []
    for event in events:
        entries.append(event_entry(event, waitlisted=event.waitlisted))
        entries.extend(round_entry(event, seat, names) for seat in seats.get(event.pk, []))
    entries.extend(slot_entries(member, [e for e in events if e.slot_meetings]))
    return entries


def slot_entries(member: User, events: list[Event]) -> list[Entry]:
    """The member's booked 1:1 meetings (mensch.events.slots) at ``events``; one query,
    none without events."""
    if not events:
        return []
    by_pk = {event.pk: event for event in events}
    bookings = (
        SlotBooking.objects.filter(
            Q(booker=member) | Q(guest=member),
            event__in=list(by_pk),
            status=SlotBooking.Status.ACCEPTED,
        )
        .select_related("spot", "booker", "guest")
        .order_by("starts_at", "pk")
    )
    entries = []
    for booking in bookings:
        event = by_pk[booking.event_id]
        other = booking.guest if booking.booker_id == member.pk else booking.booker
        entries.append(
            Entry(
                uid=f"{event.uid}-meeting-{booking.pk}",
                summary=f"Meeting with {other.name} · {event.title}",
                start=booking.starts_at,
                end=booking.ends_at,
                description=f"A 1:1 meeting at {booking.spot.name}.",
                url=site_url(reverse("event_detail", args=[event.pk])),
                location=booking.spot.name,
                sequence=event.sequence,
                status="CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED",
                changed_at=booking.decided_at,
            )
        )
    return entries
