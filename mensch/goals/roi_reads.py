"""What the ROI pages read, in two statements written out: the member's facts (meetings,
costs, connections, follow-ups done, ledger entries and the events they attended) in one,
then the events among those they may see. Building the seven querysets this replaced cost
more than running them.

The rules kept elsewhere are applied as their SQL (``core.statements.where``): who counts
as an attendee (``events.selectors.attending_rsvps``, the same for every request, so
compiled once a process: ``statements.where_once``) and which events a member may see
(``events.selectors.visible_events``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.contacts.models import Contact
from mensch.core import statements
from mensch.events.models import Event, Rsvp
from mensch.events.selectors import attending_rsvps, visible_events
from mensch.followups.models import FollowUp
from mensch.goals.models import EventCost
from mensch.ledger.models import LedgerEntry
from mensch.ledger.selectors import COUNTED
from mensch.meetings.models import Meeting

# The parts of the facts statement, its first column.
_MEETING, _COST, _CONNECTION, _FOLLOWUP, _ENTRY, _ATTENDED = range(6)


@dataclass
class Facts:
    """The member's facts as ``roi.roi_of`` counts them, each in the order read."""

    meetings: list[Meeting] = field(default_factory=list)  # by day met, then id
    costs: dict[int, EventCost] = field(default_factory=dict)  # by event id
    connections: list[tuple[datetime, str, int | None]] = field(default_factory=list)
    followups_done: list[tuple[int | None, int | None]] = field(default_factory=list)
    entries: list[LedgerEntry] = field(default_factory=list)
    attended: set[int] = field(default_factory=set)  # events.selectors.attended_event_ids


@functools.cache
def _facts_sql(vendor: str) -> str:
    """Each row: its part, four ids, three texts, a date, a time and three numbers."""
    meeting, cost, link = (
        statements.table(Meeting),
        statements.table(EventCost),
        statements.table(Connection),
    )
    followup, contact, entry = (
        statements.table(FollowUp),
        statements.table(Contact),
        statements.table(LedgerEntry),
    )
    rsvp, event = statements.table(Rsvp), statements.table(Event)
    attending, _ = statements.where_once(attending_rsvps)
    counted = ", ".join(["%s"] * len(COUNTED))
    return (
        f"SELECT {_MEETING}, m.id, m.member_low_id, m.member_high_id, m.event_id,"  # noqa: S608 -- tables from the models, values bound
        " NULL, NULL, NULL, m.met_on, NULL, NULL, NULL, NULL"
        f" FROM {meeting} m WHERE m.member_low_id = %s OR m.member_high_id = %s"
        f" UNION ALL SELECT {_COST}, c.id, c.event_id, NULL, NULL, c.currency, c.note, NULL,"
        " NULL, c.updated_at, c.ticket, c.travel, c.hours"
        f" FROM {cost} c WHERE c.member_id = %s"
        f" UNION ALL SELECT {_CONNECTION}, k.source_id, NULL, NULL, NULL, k.source, NULL,"
        " NULL, NULL, k.created_at, NULL, NULL, NULL"
        f" FROM {link} k WHERE k.member_low_id = %s OR k.member_high_id = %s"
        f" UNION ALL SELECT {_FOLLOWUP}, t.member_id, t.met_event_id, NULL, NULL, NULL, NULL,"
        " NULL, NULL, NULL, NULL, NULL, NULL"
        f" FROM {followup} f LEFT OUTER JOIN {contact} t ON t.id = f.contact_id"
        " WHERE f.owner_id = %s AND f.status = %s"
        f" UNION ALL SELECT {_ENTRY}, l.id, l.giver_id, l.receiver_id, NULL, l.kind, l.status,"
        " l.currency, NULL, NULL, l.value, NULL, NULL"
        f" FROM {entry} l WHERE (l.giver_id = %s OR l.receiver_id = %s)"
        f" AND l.status IN ({counted})"
        # events.selectors.attended_event_ids: attending, and begun or checked in.
        f" UNION ALL SELECT {_ATTENDED}, {rsvp}.event_id, NULL, NULL, NULL, NULL, NULL, NULL,"
        f" NULL, NULL, NULL, NULL, NULL FROM {rsvp} INNER JOIN {event}"
        f" ON {rsvp}.event_id = {event}.id WHERE {attending} AND {rsvp}.member_id = %s"
        f" AND ({event}.starts_at <= %s OR {rsvp}.checked_in_at IS NOT NULL)"
    )


@functools.cache
def _readers(vendor: str) -> statements.PartConverters:
    """Per part, the columns the ORM would convert (dates and decimals on SQLite, aware
    times) with their converters."""
    del vendor  # the cache's key: converters differ by database
    columns: dict[int, list[tuple[int, type[Model], str]]] = {
        _MEETING: [(8, Meeting, "met_on")],
        _COST: [
            (9, EventCost, "updated_at"),
            (10, EventCost, "ticket"),
            (11, EventCost, "travel"),
            (12, EventCost, "hours"),
        ],
        _CONNECTION: [(9, Connection, "created_at")],
        _FOLLOWUP: [],
        _ENTRY: [(10, LedgerEntry, "value")],
        _ATTENDED: [],
    }
    return statements.part_converters(columns)


def _rows(member: User) -> list[list[Any]]:
    _, attending_params = statements.where_once(attending_rsvps)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    me = member.pk
    params = [
        *(me, me, me, me, me, me, FollowUp.Status.DONE, me, me),
        *COUNTED,
        *attending_params,
        me,
        now,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_facts_sql(connection.vendor), params)
        rows = cursor.fetchall()
    return statements.converted_parts(rows, _readers(connection.vendor))


def facts_of(member: User) -> Facts:
    facts = Facts()
    for values in _rows(member):
        part = values[0]
        if part == _MEETING:
            facts.meetings.append(
                statements.instance(
                    Meeting,
                    id=values[1],
                    member_low_id=values[2],
                    member_high_id=values[3],
                    event_id=values[4],
                    met_on=values[8],
                )
            )
        elif part == _COST:
            facts.costs[values[2]] = statements.instance(
                EventCost,
                id=values[1],
                member_id=member.pk,
                event_id=values[2],
                ticket=values[10],
                travel=values[11],
                currency=values[5],
                hours=values[12],
                note=values[6],
                updated_at=values[9],
            )
        elif part == _CONNECTION:
            facts.connections.append((values[9], values[5], values[1]))
        elif part == _FOLLOWUP:
            facts.followups_done.append((values[1], values[2]))
        elif part == _ENTRY:
            facts.entries.append(
                statements.instance(
                    LedgerEntry,
                    id=values[1],
                    kind=values[5],
                    giver_id=values[2],
                    receiver_id=values[3],
                    status=values[6],
                    value=values[10],
                    currency=values[7],
                )
            )
        else:
            facts.attended.add(values[1])
    facts.meetings.sort(key=lambda m: (m.met_on, m.pk))
    return facts


@functools.cache
def _event_columns(vendor: str) -> tuple[str, list[str], list[Callable[[Any], Any] | None]]:
    """Every column of an event, as written in a statement, read (attribute names) and
    converted."""
    del vendor  # the cache's key: names and converters differ by database
    fields = Event._meta.concrete_fields
    event = statements.table(Event)
    return (
        ", ".join(f"{event}.{connection.ops.quote_name(str(field.column))}" for field in fields),
        [field.attname for field in fields],
        [statements.column_converter(Event, field.name) for field in fields],
    )


def events_of(member: User, ids: set[int]) -> list[Event]:
    """The events ``ids`` that ``member`` may see, by start, then id."""
    if not ids:
        return []
    columns, names, converters = _event_columns(connection.vendor)
    event = statements.table(Event)
    visible, params = statements.where(visible_events(member))
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT {columns} FROM {event} WHERE {visible}"  # noqa: S608 -- the model's names, values bound
        f" AND {event}.id IN ({marks}) ORDER BY {event}.starts_at, {event}.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *sorted(ids)])
        rows = cursor.fetchall()
    events = []
    for row in rows:
        values = [
            value if convert is None else convert(value)
            for value, convert in zip(row, converters, strict=True)
        ]
        events.append(Event.from_db(connection.alias, names, values))
    return events
