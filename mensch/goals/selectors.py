"""Goal progress, counted from meetings, connections and the ledger (never typed in).

The member's facts are loaded once (three queries) and every goal is measured
against them, so a page with ten goals costs what a page with one does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.goals.models import Goal, Metric
from mensch.ledger.models import EntryKind, EntryStatus, LedgerEntry
from mensch.ledger.selectors import COUNTED
from mensch.meetings.models import Meeting


@dataclass(frozen=True)
class Facts:
    """Dated facts about one member: (date, amount, currency) per metric."""

    by_metric: dict[str, list[tuple[date, Decimal, str]]]


def _day(moment: datetime) -> date:
    return timezone.localdate(moment)


def facts_of(member: User) -> Facts:
    one = Decimal(1)
    facts: dict[str, list[tuple[date, Decimal, str]]] = {m: [] for m in Metric.values}
    for met_on in Meeting.objects.filter(Q(member_low=member) | Q(member_high=member)).values_list(
        "met_on", flat=True
    ):
        facts[Metric.MEETINGS].append((met_on, one, ""))
    for created_at in Connection.objects.filter(
        Q(member_low=member) | Q(member_high=member)
    ).values_list("created_at", flat=True):
        facts[Metric.CONNECTIONS].append((_day(created_at), one, ""))
    entries = LedgerEntry.objects.filter(
        Q(giver=member) | Q(receiver=member), status__in=COUNTED
    ).only(
        "kind",
        "giver_id",
        "receiver_id",
        "status",
        "value",
        "currency",
        "created_at",
        "delivered_at",
        "closed_at",
    )
    for entry in entries:
        when = _day(entry.delivered_at or entry.created_at)
        received = entry.receiver_id == member.pk
        if entry.kind == EntryKind.INTRODUCTION:
            metric = Metric.INTRODUCTIONS_RECEIVED if received else Metric.INTRODUCTIONS_MADE
            facts[metric].append((when, one, ""))
        if entry.kind == EntryKind.REFERRAL and received:
            facts[Metric.REFERRALS_RECEIVED].append((when, one, ""))
        if entry.kind == EntryKind.FAVOUR and not received:
            facts[Metric.FAVOURS_GIVEN].append((when, one, ""))
        if entry.status == EntryStatus.CLOSED and received and entry.closed_at is not None:
            closed = _day(entry.closed_at)
            facts[Metric.CLIENTS_WON].append((closed, one, ""))
            facts[Metric.BUSINESS_VALUE].append((closed, entry.value or Decimal(0), entry.currency))
    return Facts(facts)


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    current: Decimal
    percent: int
    days_left: int

    @property
    def done(self) -> bool:
        return self.current >= self.goal.target

    @property
    def current_label(self) -> str:
        return _fmt(self.current)

    @property
    def target_label(self) -> str:
        return _fmt(self.goal.target)


def _fmt(value: Decimal) -> str:
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def progress_of(goal: Goal, facts: Facts) -> GoalProgress:
    current = Decimal(0)
    for when, amount, currency in facts.by_metric.get(goal.metric, []):
        if not goal.starts_on <= when <= goal.ends_on:
            continue
        if goal.metric == Metric.BUSINESS_VALUE and currency != goal.currency:
            continue
        current += amount
    percent = min(100, int(current * 100 / goal.target)) if goal.target else 0
    days_left = max(0, (goal.ends_on - timezone.localdate()).days)
    return GoalProgress(goal, current, percent, days_left)


def goals_with_progress(member: User) -> list[GoalProgress]:
    goals = list(Goal.objects.filter(member=member))
    if not goals:
        return []
    facts = facts_of(member)
    return [progress_of(goal, facts) for goal in goals]


def own_goal(*, member: User, goal_id: int) -> GoalProgress:
    goal = Goal.objects.filter(member=member).get(pk=goal_id)
    return progress_of(goal, facts_of(member))
