"""Demo events: a past breakfast with seated rounds and confirmed meetings, and upcoming
events with RSVPs, so the event list, follow-ups and the organizer's outcomes have data.

They read like a real community's: in the organizer's city, mostly attended by members
who live there (a few travellers), breakfasts on weekday mornings and evening events on
weekday evenings, never over Christmas or New Year."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.engine.rounds import max_repeat_free_rounds, table_sizes
from mensch.events import rounds, services
from mensch.events.models import AgendaItem, Event, Rsvp, Seat
from mensch.meetings.models import Meeting
from mensch.meetings.services import meeting_follow_up
from mensch.profiles.models import Profile

# The organizer runs a breakfast in their own city: events are there, priced in its
# currency, and mostly attended by members who live there, with a few travellers.
CITY = "Manchester"
TIME_ZONE = "Europe/London"
ZONE = ZoneInfo(TIME_ZONE)
CURRENCY = "GBP"
VENUE = ("The Workshop Rooms", "12 Market Street, Manchester")
TRAVELLERS = 0.15  # share of the guests (beyond the demo login) from other cities
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
# Nobody runs a business breakfast or a mixer between Christmas Eve and New Year.
QUIET_DAYS = frozenset(
    {(12, 24), (12, 25), (12, 26), (12, 27), (12, 28), (12, 29), (12, 30), (12, 31), (1, 1), (1, 2)}
)
# Tuesday to Thursday: the days a working person comes to a breakfast or an evening event.
WORKING_DAYS = (1, 2, 3)


@dataclass(frozen=True)
class Plan:
    title: str
    days: int  # from today, before moving to a plausible day
    starts: time
    minutes: int
    capacity: int
    price: str
    agenda: tuple[tuple[int, str, str], ...]
    attendees: int
    description: str


PLAN: tuple[Plan, ...] = (
    Plan(
        "Referral breakfast: pricing your services",
        -21,
        time(7, 30),
        120,
        40,
        "15.00",
        (
            (0, "talk", "Pricing without apologising: a twenty-minute talk"),
            (30, "round", "Structured networking rounds"),
            (90, "break", "Coffee and follow-ups"),
        ),
        24,
        "A managed breakfast: a short talk over coffee, then structured rounds so that "
        "everyone meets the people they should, with an equal turn to speak. Done by 9:30.",
    ),
    Plan(
        "Workshop: asks that get answered",
        10,
        time(18, 0),
        150,
        30,
        "0",
        (
            (0, "workshop", "Write one ask people can act on"),
            (45, "round", "Networking rounds by topic table"),
        ),
        14,
        "A managed evening: a short workshop, then rounds by topic table so that everyone "
        "meets the people they should, with an equal turn to speak.",
    ),
    Plan(
        "Founders and freelancers mixer",
        24,
        time(19, 0),
        150,
        20,
        "10.00",
        ((0, "round", "Three rounds of tables of four"),),
        6,
        "An evening mixer after work: three short rounds at tables of four, then drinks.",
    ),
)


def plausible_day(day: date, *, backwards: bool = False) -> date:
    """The nearest working day (Tuesday to Thursday) outside the holidays, from ``day``
    on (or back from it)."""
    step = timedelta(days=-1 if backwards else 1)
    while day.weekday() not in WORKING_DAYS or (day.month, day.day) in QUIET_DAYS:
        day += step
    return day


def today() -> date:
    return timezone.localdate()


def _at(days: int, starts: time) -> datetime:
    day = plausible_day(today() + timedelta(days=days), backwards=days < 0)
    return datetime.combine(day, starts, tzinfo=ZONE)


def _guests(rng: random.Random, members: list[User], organizer: User, count: int) -> list[User]:
    """The demo login, then mostly members from the event's city and a few travellers."""
    if not members:
        return []
    others = [m for m in members[1:] if m.pk != organizer.pk]
    places = dict(
        Profile.objects.filter(user_id__in=[m.pk for m in others]).values_list(
            "user_id", "location"
        )
    )
    local = [m for m in others if places.get(m.pk, "").startswith(CITY)]
    away = [m for m in others if not places.get(m.pk, "").startswith(CITY)]
    wanted = min(count - 1, len(others))
    travellers = min(len(away), max(1, round(wanted * TRAVELLERS)) if wanted > 1 else 0)
    locals_ = min(len(local), wanted - travellers)
    travellers = min(len(away), wanted - locals_)  # too few locals: more travellers
    return members[:1] + rng.sample(local, locals_) + rng.sample(away, travellers)


def load_demo(*, members: list[User], organizer: User, seed: int) -> str:
    """Idempotent: events are keyed by title and organizer."""
    rng = random.Random(seed)
    created = 0
    with transaction.atomic():
        for plan in PLAN:
            if Event.objects.filter(organizer=organizer, title=plan.title).exists():
                continue
            created += 1
            _event(rng, members, organizer, plan)
    events = Event.objects.filter(organizer=organizer, title__in=[p.title for p in PLAN])
    rsvps = Rsvp.objects.filter(event__in=events).count()
    meetings = Meeting.objects.filter(event__in=events).count()
    return f"{events.count()} events ({created} new), {rsvps} RSVPs, {meetings} confirmed meetings"


def _event(rng: random.Random, members: list[User], organizer: User, plan: Plan) -> None:
    starts = _at(plan.days, plan.starts)
    event = services.event_create(
        organizer=organizer,
        title=plan.title,
        description=plan.description,
        venue=VENUE[0],
        address=VENUE[1],
        sponsors="Local Business Bank, Northside Coworking",
        price=plan.price,
        currency=CURRENCY,
        capacity=plan.capacity,
        time_zone=TIME_ZONE,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=plan.minutes),
    )
    for minutes, kind, item_title in plan.agenda:
        AgendaItem.objects.create(
            event=event, starts_at=starts + timedelta(minutes=minutes), title=item_title, kind=kind
        )
    services.event_publish(event=event)
    # The member people log in as attends every demo event, so their ROI, meetings
    # and follow-ups have something to show.
    guests = _guests(rng, members, organizer, plan.attendees)
    past = plan.days < 0
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
    if past and guests:
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
