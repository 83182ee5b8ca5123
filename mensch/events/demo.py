"""Demo events: a past breakfast with seated rounds and confirmed meetings, and upcoming
events with RSVPs, so the event list, follow-ups and the organizer's outcomes have data."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.engine.rounds import max_repeat_free_rounds, table_sizes
from mensch.events import rounds, services
from mensch.events.models import AgendaItem, Event, Rsvp, Seat
from mensch.meetings.models import Meeting
from mensch.meetings.services import meeting_follow_up

ZONE = ZoneInfo("Europe/Lisbon")
GOALS = (
    "Meet two people who could refer clients to me",
    "Find a bookkeeper I can trust",
    "Learn how others price their services",
    "Meet a designer for our rebrand",
    "Find a partner for a joint offer",
    "Talk to someone who has hired a first employee",
    "Meet one potential investor",
    "Learn how to ask for introductions",
)

# (title, days from today, start hour, capacity, price, agenda, attendees)
PLAN: tuple[tuple[str, int, int, int, str, tuple[tuple[int, str, str], ...], int], ...] = (
    (
        "Referral breakfast: pricing your services",
        -21,
        8,
        40,
        "15.00",
        (
            (0, "talk", "Pricing without apologising: a twenty-minute talk"),
            (30, "round", "Structured networking rounds"),
            (90, "break", "Coffee and follow-ups"),
        ),
        24,
    ),
    (
        "Workshop: asks that get answered",
        10,
        18,
        30,
        "0",
        (
            (0, "workshop", "Write one ask people can act on"),
            (45, "round", "Networking rounds by topic table"),
        ),
        14,
    ),
    (
        "Founders and freelancers mixer",
        24,
        19,
        20,
        "10.00",
        ((0, "round", "Three rounds of tables of four"),),
        6,
    ),
)


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=ZONE)


def load_demo(*, members: list[User], organizer: User, seed: int) -> str:
    """Idempotent: events are keyed by title and organizer."""
    rng = random.Random(seed)
    created = 0
    with transaction.atomic():
        for title, days, hour, capacity, price, agenda, count in PLAN:
            if Event.objects.filter(organizer=organizer, title=title).exists():
                continue
            created += 1
            _event(rng, members, organizer, title, days, hour, capacity, price, agenda, count)
    events = Event.objects.filter(organizer=organizer, title__in=[p[0] for p in PLAN])
    rsvps = Rsvp.objects.filter(event__in=events).count()
    meetings = Meeting.objects.filter(event__in=events).count()
    return f"{events.count()} events ({created} new), {rsvps} RSVPs, {meetings} confirmed meetings"


def _event(
    rng: random.Random,
    members: list[User],
    organizer: User,
    title: str,
    days: int,
    hour: int,
    capacity: int,
    price: str,
    agenda: tuple[tuple[int, str, str], ...],
    count: int,
) -> None:
    starts = _at(days, hour)
    event = services.event_create(
        organizer=organizer,
        title=title,
        description=(
            "A managed evening: a short educational part, then structured rounds so that "
            "everyone meets the people they should, with an equal turn to speak."
        ),
        venue="The Workshop Rooms",
        address="12 Market Street",
        sponsors="Local Business Bank, Northside Coworking",
        price=price,
        currency="EUR",
        capacity=capacity,
        time_zone="Europe/Lisbon",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2, minutes=30),
    )
    for minutes, kind, item_title in agenda:
        AgendaItem.objects.create(
            event=event, starts_at=starts + timedelta(minutes=minutes), title=item_title, kind=kind
        )
    services.event_publish(event=event)
    others = [m for m in members[1:] if m.pk != organizer.pk]
    # The member people log in as attends every demo event, so their ROI, meetings
    # and follow-ups have something to show.
    guests = members[:1] + rng.sample(others, min(count - 1, len(others)))
    past = days < 0
    Rsvp.objects.bulk_create(
        Rsvp(
            event=event,
            member=guest,
            goal=rng.choice(GOALS),
            contact_consent=rng.random() < 0.5,
            checked_in_at=starts if past and (index + 1) % 6 else None,
        )
        for index, guest in enumerate(guests)
    )
    if past:
        _past_rounds(rng, event, demo_member_id=guests[0].pk)


def _past_rounds(rng: random.Random, event: Event, *, demo_member_id: int) -> None:
    """Seat three rounds, run them, and confirm some of the meetings from both sides."""
    going = event.rsvps.count()
    if going < 2:
        return
    size = 4 if going >= 16 else 3 if going >= 9 else 2
    most = max_repeat_free_rounds(going, table_sizes(going, size))
    event = rounds.rounds_generate(event=event, rounds=max(1, min(3, most)), table_size=size)
    Event.objects.filter(pk=event.pk).update(current_round=event.round_count + 1)
    pairs: list[tuple[int, int]] = []
    tables: dict[tuple[int, int], list[int]] = {}
    for seat in Seat.objects.filter(event=event).order_by("round_number", "table_number"):
        tables.setdefault((seat.round_number, seat.table_number), []).append(seat.member_id)
    for seated in tables.values():
        if demo_member_id in seated:
            pairs.extend((demo_member_id, other) for other in seated if other != demo_member_id)
        elif len(seated) >= 2:
            pairs.append((seated[0], seated[1]))
    people = {u.pk: u for u in User.objects.filter(rsvps__event=event)}
    # Nobody meets a no-show: only people checked in at the door confirm meetings.
    present = set(
        event.rsvps.filter(checked_in_at__isnull=False).values_list("member_id", flat=True)
    )
    for low, high in pairs:
        if not {low, high} <= present:
            continue
        if rng.random() < 0.7 or demo_member_id in (low, high):
            services.event_meeting_tick(event=event, member=people[low], other=people[high])
            meeting = services.event_meeting_tick(
                event=event, member=people[high], other=people[low]
            )
            if meeting is not None and rng.random() < 0.4:
                meeting_follow_up(member=people[low], meeting_id=meeting.pk, yes=True)
                meeting_follow_up(member=people[high], meeting_id=meeting.pk, yes=True)
    for rsvp in Rsvp.objects.filter(event=event).order_by("pk"):
        if rng.random() < 0.6:
            Rsvp.objects.filter(pk=rsvp.pk).update(goal_met=rng.random() < 0.65)
