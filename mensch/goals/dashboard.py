"""The dashboard card: progress on the member's nearest goals."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.core import statements
from mensch.core.cards import DashboardCard
from mensch.events.models import Event
from mensch.goals.models import Goal, Metric
from mensch.goals.selectors import (
    LEDGER_METRICS,
    Fact,
    Facts,
    GoalProgress,
    nearest_goals,
    progress_of,
)
from mensch.ledger.models import EntryKind, EntryStatus, LedgerEntry
from mensch.ledger.selectors import COUNTED
from mensch.meetings.models import Meeting

SHOWN = 3

# The parts of ``_card_sql``'s rows.
_GOAL, _MEETING, _CONNECTION, _ENTRY = 0, 1, 2, 3

_Convert = Callable[[Any], Any]


@functools.cache
def _converters(vendor: str) -> dict[int, list[tuple[int, _Convert]]]:
    """Per part, (column, converter) of each typed column ``_card_sql`` reads."""
    del vendor  # the cache's key: converters differ by database
    columns: dict[int, list[tuple[int, type[Model], str]]] = {
        _GOAL: [(13, Goal, "target"), (10, Goal, "starts_on"), (11, Goal, "ends_on")],
        _MEETING: [(10, Meeting, "met_on")],
        _CONNECTION: [(12, Connection, "created_at")],
        _ENTRY: [
            (12, LedgerEntry, "created_at"),
            (14, LedgerEntry, "delivered_at"),
            (15, LedgerEntry, "closed_at"),
            (13, LedgerEntry, "value"),
        ],
    }
    found: dict[int, list[tuple[int, _Convert]]] = {}
    for part, wanted in columns.items():
        found[part] = []
        for position, model, name in wanted:
            convert = statements.column_converter(model, name)
            if convert is not None:
                found[part].append((position, convert))
    return found


def _cast(model: type[Model], name: str) -> str:
    return f"CAST(NULL AS {model._meta.get_field(name).db_type(connection)})"


@functools.cache
def _card_sql(vendor: str) -> str:
    """The member's goals (nearest end first) and, where one of the first ``SHOWN`` needs
    them, the facts ``selectors.facts_of`` reads, in one statement. Each row: its part,
    three ids, six texts, two dates, a time, a number and two more times."""
    del vendor  # the cache's key: the casts differ by database
    goal, event = statements.table(Goal), statements.table(Event)
    meeting, link = statements.table(Meeting), statements.table(Connection)
    entry = statements.table(LedgerEntry)
    date_null, time_null = _cast(Goal, "starts_on"), _cast(LedgerEntry, "created_at")
    id_null, number_null = _cast(Goal, "id"), _cast(Goal, "target")

    def needed(metrics: str) -> str:
        return (
            f"EXISTS (SELECT 1 FROM (SELECT g.metric FROM {goal} g"  # noqa: S608 -- as below
            " WHERE g.member_id = %(member)s ORDER BY g.ends_on, g.id LIMIT %(shown)s) s"
            f" WHERE s.metric IN ({metrics}))"
        )

    ledger_metrics = ", ".join(f"%(ledger_{n})s" for n in range(len(LEDGER_METRICS)))
    counted = ", ".join(f"%(counted_{n})s" for n in range(len(COUNTED)))
    return (
        # Goals first: their typed columns give the others' empty ones their types.
        f"SELECT {_GOAL}, g.id, g.event_id, {id_null}, g.title, g.metric, g.currency,"  # noqa: S608 -- tables from the models, values bound
        f" g.kind, g.industry, e.title, g.starts_on, g.ends_on, {time_null}, g.target,"
        f" {time_null}, {time_null}"
        f" FROM {goal} g LEFT OUTER JOIN {event} e ON e.id = g.event_id"
        " WHERE g.member_id = %(member)s"
        f" UNION ALL SELECT {_MEETING}, m.member_low_id, m.member_high_id, m.event_id,"
        f" NULL, NULL, NULL, NULL, NULL, NULL, m.met_on, {date_null}, {time_null},"
        f" {number_null}, {time_null}, {time_null}"
        f" FROM {meeting} m WHERE (m.member_low_id = %(member)s"
        f" OR m.member_high_id = %(member)s) AND {needed('%(meetings)s')}"
        f" UNION ALL SELECT {_CONNECTION}, c.member_low_id, c.member_high_id, c.source_id,"
        f" c.source, NULL, NULL, NULL, NULL, NULL, {date_null}, {date_null}, c.created_at,"
        f" {number_null}, {time_null}, {time_null}"
        f" FROM {link} c WHERE (c.member_low_id = %(member)s"
        f" OR c.member_high_id = %(member)s) AND {needed('%(connections)s')}"
        f" UNION ALL SELECT {_ENTRY}, l.giver_id, l.receiver_id, {id_null}, l.kind, l.status,"
        f" l.currency, NULL, NULL, NULL, {date_null}, {date_null}, l.created_at, l.value,"
        " l.delivered_at, l.closed_at"
        f" FROM {entry} l WHERE (l.giver_id = %(member)s OR l.receiver_id = %(member)s)"
        f" AND l.status IN ({counted}) AND {needed(ledger_metrics)}"
        " ORDER BY 1, 12, 2"
    )


def _rows(member: User) -> list[list[Any]]:
    params: dict[str, Any] = {
        "member": member.pk,
        "shown": SHOWN,
        "meetings": Metric.MEETINGS.value,
        "connections": Metric.CONNECTIONS.value,
    }
    params.update({f"ledger_{n}": m.value for n, m in enumerate(sorted(LEDGER_METRICS))})
    params.update({f"counted_{n}": status for n, status in enumerate(COUNTED)})
    with connection.cursor() as cursor:
        cursor.execute(_card_sql(connection.vendor), params)
        rows = cursor.fetchall()
    converters = _converters(connection.vendor)
    converted = []
    for row in rows:
        values = list(row)
        for position, convert in converters[values[0]]:
            values[position] = convert(values[position])
        converted.append(values)
    return converted


def _goal(values: Sequence[Any], member: User) -> Goal:
    _, pk, event_id, _, title, metric, currency, kind, industry, event_title = values[:10]
    goal = statements.instance(
        Goal,
        id=pk,
        member_id=member.pk,
        title=title,
        metric=metric,
        target=values[13],
        currency=currency,
        starts_on=values[10],
        ends_on=values[11],
        kind=kind,
        industry=industry,
        event_id=event_id,
    )
    goal.event = (
        None if event_id is None else statements.instance(Event, id=event_id, title=event_title)
    )
    return goal


def _day(moment: Any) -> Any:
    return timezone.localdate(moment)


def facts_from_rows(rows: Sequence[Sequence[Any]], member: User) -> Facts:
    """``selectors.facts_of(member)`` (without the people criteria need) over
    ``_card_sql``'s fact rows: what each metric counts, as ``facts_of`` counts it."""
    one = Decimal(1)
    me = member.pk
    facts: dict[str, list[Fact]] = {m: [] for m in Metric.values}
    for values in rows:
        part, low, high, third = values[0], values[1], values[2], values[3]
        if part == _MEETING:
            other = high if me == low else low
            facts[Metric.MEETINGS].append(Fact(values[10], one, other_id=other, event_id=third))
        elif part == _CONNECTION:
            facts[Metric.CONNECTIONS].append(
                Fact(
                    _day(values[12]),
                    one,
                    other_id=high if low == me else low,
                    event_id=third if values[4] == Connection.Source.EVENT else None,
                )
            )
        elif part == _ENTRY:
            _entry_facts(values, me, facts)
    return Facts(facts)


def _entry_facts(values: Sequence[Any], me: int, facts: dict[str, list[Fact]]) -> None:
    """``selectors._ledger_facts`` for one entry, without criteria (no "where we met")."""
    one = Decimal(1)
    giver_id, receiver_id, kind, status, currency = values[1], values[2], *values[4:7]
    created_at, value, delivered_at, closed_at = values[12], values[13], values[14], values[15]
    when = _day(delivered_at or created_at)
    received = receiver_id == me
    other_id = giver_id if received else receiver_id
    counted = Fact(when, one, "", other_id, None)
    if kind == EntryKind.INTRODUCTION:
        facts[Metric.INTRODUCTIONS_RECEIVED if received else Metric.INTRODUCTIONS_MADE].append(
            counted
        )
    if kind == EntryKind.REFERRAL and received:
        facts[Metric.REFERRALS_RECEIVED].append(counted)
    if kind == EntryKind.FAVOUR and not received:
        facts[Metric.FAVOURS_GIVEN].append(counted)
    # ``ledger.selectors.closed_business``: closed, with a value.
    if received and status == EntryStatus.CLOSED and value and closed_at:
        closed = _day(closed_at)
        facts[Metric.CLIENTS_WON].append(Fact(closed, one, "", other_id, None))
        facts[Metric.BUSINESS_VALUE].append(Fact(closed, value, currency, other_id, None))


def nearest(member: User) -> tuple[list[GoalProgress], int]:
    """``selectors.nearest_goals(member, count=SHOWN)`` in one statement; where a goal shown
    has criteria (what they need of the people met is read by ``facts_of``), through it."""
    rows = _rows(member)
    goals = [_goal(values, member) for values in rows if values[0] == _GOAL]
    shown = goals[:SHOWN]
    if any(goal.has_criteria for goal in shown):
        return nearest_goals(member, count=SHOWN)
    facts = facts_from_rows(rows, member)
    return [progress_of(goal, facts) for goal in shown], len(goals)


def card(member: User) -> DashboardCard | None:
    # Only the goals shown are measured; the rest are counted.
    shown, total = nearest(member)
    return DashboardCard(
        title="Your goals",
        template="goals/card.html",
        context={"goals": shown, "more": max(0, total - SHOWN)},
    )
