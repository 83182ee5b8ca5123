"""Demo goals and event costs: networking goals for a slice of the community, and what
the demo events cost the members who attended them. Idempotent."""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.events.demo import CURRENCY  # one currency for the whole demo community
from mensch.events.models import Event
from mensch.events.selectors import attending_rsvps
from mensch.goals.models import EventCost, Goal
from mensch.goals.services import period_dates

GOALS = (
    ("Three new clients this quarter", "clients_won", "3", "quarter", ""),
    ("Meet five people at events this quarter", "meetings", "5", "quarter", ""),
    ("Two referrals received this quarter", "referrals_received", "2", "quarter", ""),
    ("Give four favours this month", "favours_given", "4", "month", ""),
    (f"Business worth 10,000 {CURRENCY} this year", "business_value", "10000", "year", CURRENCY),
    ("Introduce three people to each other this quarter", "introductions_made", "3", "quarter", ""),
    ("Four new connections this month", "connections", "4", "month", ""),
)
TRAVEL = ("0", "0", "3.20", "4.50", "12.00", "28.00")
HOURS = ("2.5", "3", "3", "3.5", "4", "5")


def load_demo(*, members: list[User], organizer: User, seed: int) -> str:
    ids = [m.pk for m in members]
    if Goal.objects.filter(member_id__in=ids).exists():
        return _summary(ids, new=False)
    rng = random.Random(seed)
    today = timezone.localdate()
    goals: list[Goal] = []
    costs: list[EventCost] = []
    with transaction.atomic():
        chosen = members[:1] + rng.sample(members[1:], min(60, max(len(members) - 1, 0)))
        for index, member in enumerate(chosen):
            picks = GOALS[:3] if index == 0 else rng.sample(GOALS, rng.choice((1, 2, 3)))
            for title, metric, target, period, currency in picks:
                starts_on, ends_on = period_dates(period, today)
                goal = Goal(
                    member=member,
                    title=title,
                    metric=metric,
                    target=Decimal(target),
                    currency=currency,
                    starts_on=starts_on,
                    ends_on=ends_on,
                )
                goal.full_clean()
                goals.append(goal)
        past = {
            e.pk: e
            for e in Event.objects.filter(organizer=organizer, starts_at__lte=timezone.now())
        }
        attended: dict[int, set[int]] = {}
        for event_id, member_id in (
            attending_rsvps().filter(event_id__in=past).values_list("event_id", "member_id")
        ):
            attended.setdefault(member_id, set()).add(event_id)
        for member in members:
            for event_id in sorted(attended.get(member.pk, ())):
                if member is not members[0] and rng.random() < 0.35:
                    continue  # not everyone writes their costs down
                event = past[event_id]
                cost = EventCost(
                    member=member,
                    event=event,
                    ticket=event.price,
                    travel=Decimal(rng.choice(TRAVEL)),
                    currency=event.currency or CURRENCY,
                    hours=Decimal(rng.choice(HOURS)),
                )
                cost.full_clean(validate_unique=False)
                costs.append(cost)
        Goal.objects.bulk_create(goals)
        EventCost.objects.bulk_create(costs, ignore_conflicts=True)
    return _summary(ids, new=True)


def _summary(ids: list[int], *, new: bool) -> str:
    goals = Goal.objects.filter(member_id__in=ids).count()
    costs = EventCost.objects.filter(member_id__in=ids).count()
    suffix = "" if new else " (already loaded)"
    return f"{goals} goals, {costs} event costs{suffix}"
