"""Goal progress, counted from meetings, connections and the ledger (never typed in).

The member's facts are loaded once (at most three queries, only those the goals' metrics
need; four more when a goal has criteria) and every goal is measured against them, so a
page with ten goals costs what a page with one does.

What each metric counts (the same definitions as the ROI pages):

* confirmed meetings: ``Meeting`` rows the member is in (a pair counts once), on the
  day they met;
* new connections: ``Connection`` rows the member is in, on the day they were made
  (at an event: ``events.selectors.connections_made``);
* introductions and referrals: ledger entries delivered or later
  (``ledger.selectors.COUNTED``), on the day delivered;
* new clients and value of business closed: business the member closed
  (``ledger.selectors.Business.closed``), on the day it closed.

A goal's criteria (``Goal.kind``, ``industry``, ``event``) are tested against the other
person of each fact: their asks and offers, their profile's industry, and the event
(where a meeting or connection happened; for ledger entries, where the member first met
the other person). A fact with no member on the other side matches no criterion.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.core import statements
from mensch.events.models import Event, Rsvp
from mensch.events.selectors import visible_events
from mensch.goals.models import Goal, Metric
from mensch.goals.roi import first_met_events
from mensch.ledger.models import EntryKind, LedgerEntry
from mensch.ledger.selectors import COUNTED, closed_business
from mensch.meetings.models import Meeting
from mensch.profiles.models import Ask, Offer, Profile


@dataclass(frozen=True)
class Fact:
    """One thing that may count toward a goal."""

    when: date
    amount: Decimal
    currency: str = ""
    other_id: int | None = None  # the member on the other side
    event_id: int | None = None  # where it happened (or where we first met)


@dataclass(frozen=True)
class Person:
    industry: str
    kinds: frozenset[str]


@dataclass
class Facts:
    """Dated facts about one member, per metric, and what the goals' criteria need to
    know about the people on the other side (loaded only when a goal has criteria)."""

    by_metric: dict[str, list[Fact]]
    people: dict[int, Person] = field(default_factory=dict)


def _day(moment: datetime) -> date:
    return timezone.localdate(moment)


# The metrics counted from ledger entries.
LEDGER_METRICS = frozenset(
    {
        Metric.INTRODUCTIONS_RECEIVED,
        Metric.INTRODUCTIONS_MADE,
        Metric.REFERRALS_RECEIVED,
        Metric.FAVOURS_GIVEN,
        Metric.CLIENTS_WON,
        Metric.BUSINESS_VALUE,
    }
)


def facts_of(
    member: User, *, with_people: bool = False, metrics: Collection[str] | None = None
) -> Facts:
    """The member's facts; with ``metrics``, only those of these metrics are loaded (the
    others stay empty), so goals of one metric cost one or two queries, not three."""
    wanted = frozenset(Metric.values if metrics is None else metrics)
    one = Decimal(1)
    facts: dict[str, list[Fact]] = {m: [] for m in Metric.values}
    ledger = bool(wanted & LEDGER_METRICS)
    meetings: list[Meeting] = []
    # Ledger entries with criteria need the meetings too: where we first met.
    if Metric.MEETINGS in wanted or (ledger and with_people):
        meetings = list(
            Meeting.objects.filter(Q(member_low=member) | Q(member_high=member)).only(
                "member_low_id", "member_high_id", "event_id", "met_on"
            )
        )
    if Metric.MEETINGS in wanted:
        for meeting in meetings:
            facts[Metric.MEETINGS].append(
                Fact(
                    meeting.met_on,
                    one,
                    other_id=meeting.other(member.pk),
                    event_id=meeting.event_id,
                )
            )
    if Metric.CONNECTIONS in wanted:
        for low, high, source, source_id, created_at in Connection.objects.filter(
            Q(member_low=member) | Q(member_high=member)
        ).values_list("member_low_id", "member_high_id", "source", "source_id", "created_at"):
            facts[Metric.CONNECTIONS].append(
                Fact(
                    _day(created_at),
                    one,
                    other_id=high if low == member.pk else low,
                    event_id=source_id if source == Connection.Source.EVENT else None,
                )
            )
    if ledger:
        _ledger_facts(member, facts, meetings, with_people=with_people)
    result = Facts(facts)
    if with_people:
        result.people = _people(
            {f.other_id for rows in facts.values() for f in rows if f.other_id is not None}
        )
    return result


def _ledger_facts(
    member: User, facts: dict[str, list[Fact]], meetings: list[Meeting], *, with_people: bool
) -> None:
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
    met_at = first_met_events(meetings, member.pk) if with_people else {}
    _entry_facts(member, facts, entries, met_at)


def _entry_facts(
    member: User,
    facts: dict[str, list[Fact]],
    entries: Iterable[LedgerEntry],
    met_at: dict[int, int | None],
) -> None:
    """What the member's ledger ``entries`` count toward; ``met_at``: where the member
    first met each other person (only criteria need it)."""
    one = Decimal(1)
    for entry in entries:
        when = _day(entry.delivered_at or entry.created_at)
        received = entry.receiver_id == member.pk
        other_id = entry.giver_id if received else entry.receiver_id
        where = met_at.get(other_id) if other_id is not None else None
        counted = Fact(when, one, "", other_id, where)
        if entry.kind == EntryKind.INTRODUCTION:
            metric = Metric.INTRODUCTIONS_RECEIVED if received else Metric.INTRODUCTIONS_MADE
            facts[metric].append(counted)
        if entry.kind == EntryKind.REFERRAL and received:
            facts[Metric.REFERRALS_RECEIVED].append(counted)
        if entry.kind == EntryKind.FAVOUR and not received:
            facts[Metric.FAVOURS_GIVEN].append(counted)
        # Business the member closed: ``ledger.selectors.Business.closed``.
        if received and closed_business(entry) and entry.value and entry.closed_at:
            closed = _day(entry.closed_at)
            facts[Metric.CLIENTS_WON].append(Fact(closed, one, "", other_id, where))
            facts[Metric.BUSINESS_VALUE].append(
                Fact(closed, entry.value, entry.currency, other_id, where)
            )


def _people(ids: set[int]) -> dict[int, Person]:
    """Industry and ask/offer kinds of the members ``ids`` (three queries)."""
    profiles: dict[int, int] = {}
    industries: dict[int, str] = {}
    for pk, user_id, industry in Profile.objects.filter(user_id__in=ids).values_list(
        "pk", "user_id", "industry"
    ):
        profiles[pk], industries[user_id] = user_id, industry
    kinds: dict[int, set[str]] = {user_id: set() for user_id in ids}
    for model in (Ask, Offer):
        for profile_id, kind in model.objects.filter(profile_id__in=profiles).values_list(
            "profile_id", "kind"
        ):
            kinds[profiles[profile_id]].add(kind)
    return {
        user_id: Person(industries.get(user_id, ""), frozenset(kinds[user_id])) for user_id in ids
    }


def matches(goal: Goal, fact: Fact, people: dict[int, Person]) -> bool:
    """Whether ``fact`` counts toward ``goal`` under its criteria (all must hold)."""
    if not goal.has_criteria:
        return True
    if goal.event_id is not None and fact.event_id != goal.event_id:
        return False
    if not (goal.kind or goal.industry):
        return True
    person = people.get(fact.other_id) if fact.other_id is not None else None
    if person is None:
        return False
    if goal.kind and goal.kind not in person.kinds:
        return False
    return not goal.industry or person.industry.casefold() == goal.industry.casefold()


@dataclass(frozen=True)
class GoalProgress:
    """``current``: everything matching in the period, which may pass the target;
    ``counted``: what counts toward the target, at most the target. Pages read
    "2 of 2 — done, 5 in all", never "5 of 2"."""

    goal: Goal
    current: Decimal
    percent: int
    days_left: int

    @property
    def done(self) -> bool:
        return self.current >= self.goal.target

    @property
    def counted(self) -> Decimal:
        target = self.goal.target
        if self.current <= target:
            return self.current
        return target.quantize(Decimal(1)) if target == target.to_integral_value() else target

    @property
    def beyond(self) -> bool:
        """More than the target: the page adds "N in all"."""
        return self.current > self.goal.target

    @property
    def current_label(self) -> str:
        return _fmt(self.current)

    @property
    def counted_label(self) -> str:
        return _fmt(self.counted)

    @property
    def target_label(self) -> str:
        return _fmt(self.goal.target)


def _fmt(value: Decimal) -> str:
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def progress_of(goal: Goal, facts: Facts) -> GoalProgress:
    current = Decimal(0)
    for fact in facts.by_metric.get(goal.metric, []):
        if not goal.starts_on <= fact.when <= goal.ends_on:
            continue
        if goal.metric == Metric.BUSINESS_VALUE and fact.currency != goal.currency:
            continue
        if not matches(goal, fact, facts.people):
            continue
        current += fact.amount
    percent = min(100, int(current * 100 / goal.target)) if goal.target else 0
    days_left = max(0, (goal.ends_on - timezone.localdate()).days)
    return GoalProgress(goal, current, percent, days_left)


# A goal as pages show it: all its fields, and of its event only the title
# (``Goal.criteria_label``).
_GOAL_FIELDS = (
    "id",
    "member_id",
    "title",
    "metric",
    "target",
    "currency",
    "starts_on",
    "ends_on",
    "kind",
    "industry",
    "event_id",
    "created_at",
    "event__id",
    "event__title",
)


def _goals(member: User) -> QuerySet[Goal]:
    return Goal.objects.filter(member=member).select_related("event").only(*_GOAL_FIELDS)


def _progress(member: User, goals: list[Goal]) -> list[GoalProgress]:
    if not goals:
        return []
    facts = facts_of(
        member,
        with_people=any(g.has_criteria for g in goals),
        metrics={g.metric for g in goals},
    )
    return [progress_of(goal, facts) for goal in goals]


def goals_with_progress(member: User) -> list[GoalProgress]:
    """Every goal of the member with its progress: in one statement where no goal has
    criteria (what they need of the people met is read by ``facts_of``)."""
    goals, rows = goals_and_rows(member)
    if not goals:
        return []
    if any(goal.has_criteria for goal in goals):
        return _progress(member, goals)
    facts = facts_of_rows(rows, member)
    return [progress_of(goal, facts) for goal in goals]


def goals_and_rows(member: User, *, first: int | None = None) -> tuple[list[Goal], list[list[Any]]]:
    """The member's goals (nearest end first) and the rows of the facts their metrics
    need (for :func:`facts_of_rows`), read in one statement; with ``first``, only the
    facts the first ``first`` goals need (the dashboard's card shows those)."""
    rows = _goal_rows(member, first)
    return [_goal(values, member) for values in rows if values[0] == _GOAL], rows


# The parts of ``_goals_sql``'s rows.
_GOAL, _MEETING, _CONNECTION, _ENTRY = range(4)


@functools.cache
def _goals_sql(vendor: str, first: bool) -> str:
    """The member's goals (nearest end first, as ``Goal.Meta.ordering``) and the facts
    their metrics need (``facts_of``'s reads), in one statement; with ``first``, the facts
    the first ``%(first)s`` goals need. Each row: its part, three ids, six texts, two
    dates, a time, a number and two more times."""
    del vendor  # the cache's key: the statement's names are quoted for the database
    goal, event = statements.table(Goal), statements.table(Event)
    meeting, link = statements.table(Meeting), statements.table(Connection)
    entry = statements.table(LedgerEntry)
    # The goals' empty columns typed, for the other parts' values to match them.
    id_null, time_null = _cast(Goal, "id"), _cast(LedgerEntry, "created_at")

    if first:  # the metrics of the first goals, nearest end first
        goals = (
            f"(SELECT n.metric FROM {goal} n WHERE n.member_id = %(member)s"  # noqa: S608 -- as below
            " ORDER BY n.ends_on, n.id LIMIT %(first)s) n WHERE"
        )
    else:
        goals = f"{goal} n WHERE n.member_id = %(member)s AND"

    def needed(metrics: str) -> str:
        return f"EXISTS (SELECT 1 FROM {goals} n.metric IN ({metrics}))"  # noqa: S608 -- as below

    ledger_metrics = ", ".join(f"%(ledger_{n})s" for n in range(len(LEDGER_METRICS)))
    counted = ", ".join(f"%(counted_{n})s" for n in range(len(COUNTED)))
    return (
        # Goals first: their typed columns give the others' empty ones their types.
        f"SELECT {_GOAL}, g.id, g.event_id, {id_null}, g.title, g.metric, g.currency,"  # noqa: S608 -- tables from the models, values bound
        " g.kind, g.industry, e.title, g.starts_on, g.ends_on, g.created_at, g.target,"
        f" {time_null}, {time_null}"
        f" FROM {goal} g LEFT OUTER JOIN {event} e ON e.id = g.event_id"
        " WHERE g.member_id = %(member)s"
        f" UNION ALL SELECT {_MEETING}, m.member_low_id, m.member_high_id, m.event_id,"
        " NULL, NULL, NULL, NULL, NULL, NULL, m.met_on, NULL, NULL, NULL, NULL, NULL"
        f" FROM {meeting} m WHERE (m.member_low_id = %(member)s"
        f" OR m.member_high_id = %(member)s) AND {needed('%(meetings)s')}"
        f" UNION ALL SELECT {_CONNECTION}, c.member_low_id, c.member_high_id, c.source_id,"
        " c.source, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.created_at, NULL, NULL, NULL"
        f" FROM {link} c WHERE (c.member_low_id = %(member)s"
        f" OR c.member_high_id = %(member)s) AND {needed('%(connections)s')}"
        f" UNION ALL SELECT {_ENTRY}, l.giver_id, l.receiver_id, NULL, l.kind, l.status,"
        " l.currency, NULL, NULL, NULL, NULL, NULL, l.created_at, l.value, l.delivered_at,"
        f" l.closed_at FROM {entry} l"
        " WHERE (l.giver_id = %(member)s OR l.receiver_id = %(member)s)"
        f" AND l.status IN ({counted}) AND {needed(ledger_metrics)}"
        " ORDER BY 1, 12, 2"
    )


def _cast(model: type[Model], name: str) -> str:
    return f"CAST(NULL AS {model._meta.get_field(name).db_type(connection)})"


@functools.cache
def _goal_readers(vendor: str) -> statements.PartConverters:
    """Per part, (column, converter) of each column ``_goals_sql`` reads that the ORM
    would convert (dates and decimals on SQLite, aware times)."""
    del vendor  # the cache's key: converters differ by database
    columns: dict[int, list[tuple[int, type[Model], str]]] = {
        _GOAL: [
            (10, Goal, "starts_on"),
            (11, Goal, "ends_on"),
            (12, Goal, "created_at"),
            (13, Goal, "target"),
        ],
        _MEETING: [(10, Meeting, "met_on")],
        _CONNECTION: [(12, Connection, "created_at")],
        _ENTRY: [
            (12, LedgerEntry, "created_at"),
            (13, LedgerEntry, "value"),
            (14, LedgerEntry, "delivered_at"),
            (15, LedgerEntry, "closed_at"),
        ],
    }
    return statements.part_converters(columns)


def _goal_rows(member: User, first: int | None) -> list[list[Any]]:
    params: dict[str, Any] = {
        "member": member.pk,
        "meetings": Metric.MEETINGS.value,
        "connections": Metric.CONNECTIONS.value,
    }
    params.update({f"ledger_{n}": m.value for n, m in enumerate(sorted(LEDGER_METRICS))})
    params.update({f"counted_{n}": status for n, status in enumerate(COUNTED)})
    if first is not None:
        params["first"] = first
    with connection.cursor() as cursor:
        cursor.execute(_goals_sql(connection.vendor, first is not None), params)
        rows = cursor.fetchall()
    return statements.converted_parts(rows, _goal_readers(connection.vendor))


def _goal(values: list[Any], member: User) -> Goal:
    pk, event_id, _, title, metric, currency, kind, industry, event_title = values[1:10]
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
        created_at=values[12],
    )
    goal.event = (
        None if event_id is None else statements.instance(Event, id=event_id, title=event_title)
    )
    return goal


def facts_of_rows(rows: list[list[Any]], member: User) -> Facts:
    """``facts_of(member)`` (without the people criteria need) over the fact rows of
    :func:`goals_and_rows`."""
    one = Decimal(1)
    me = member.pk
    facts: dict[str, list[Fact]] = {m: [] for m in Metric.values}
    entries = []
    for values in rows:
        part, low, high, third = values[:4]
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
            entries.append(
                statements.instance(
                    LedgerEntry,
                    giver_id=low,
                    receiver_id=high,
                    kind=values[4],
                    status=values[5],
                    currency=values[6],
                    created_at=values[12],
                    value=values[13],
                    delivered_at=values[14],
                    closed_at=values[15],
                )
            )
    _entry_facts(member, facts, entries, {})
    return Facts(facts)


def nearest_goals(member: User, *, count: int) -> tuple[list[GoalProgress], int]:
    """The first ``count`` goals (nearest end first) with their progress, and how many
    goals the member has in all; only those shown are measured."""
    goals = list(_goals(member))
    return _progress(member, goals[:count]), len(goals)


def goal_event_choices(member: User) -> list[tuple[int, str]]:
    """Events a goal may be limited to (one query): those the member RSVP'd "going" to
    or had a confirmed meeting at, among the events they may see (``visible_events``, its
    rule applied as its SQL)."""
    visible, params = statements.where(visible_events(member))
    event, rsvp, meeting = (
        statements.table(Event),
        statements.table(Rsvp),
        statements.table(Meeting),
    )
    sql = (
        f"SELECT {event}.id, {event}.title, {event}.starts_at FROM {event}"  # noqa: S608 -- the models' names
        f" WHERE {visible} AND (EXISTS (SELECT 1 FROM {rsvp} r WHERE r.event_id = {event}.id"
        " AND r.member_id = %s AND r.status = %s)"
        f" OR EXISTS (SELECT 1 FROM {meeting} m WHERE m.event_id = {event}.id"
        " AND (m.member_low_id = %s OR m.member_high_id = %s)))"
        f" ORDER BY {event}.starts_at DESC, {event}.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, member.pk, Rsvp.Status.GOING, member.pk, member.pk])
        rows = cursor.fetchall()
    starts_at = statements.column_reader(Event, "starts_at")
    return [
        (pk, f"{title} ({timezone.localdate(starts_at(moment)):%d %b %Y})")
        for pk, title, moment in rows
    ]


def own_goal(*, member: User, goal_id: int) -> GoalProgress:
    goal = _goals(member).get(pk=goal_id)
    return progress_of(goal, facts_of(member, with_people=goal.has_criteria, metrics={goal.metric}))
