"""The event page's and the events list's reads, written out as statements.

Building and compiling the ORM's querysets (the event with its counts, the viewer's RSVP,
"may they book", the topic tables, the meetings booked) cost several times what the
database takes to answer them. Each read here is one statement over the models' own
table names; the rule of who may see which event stays in ``selectors.visible_events``
(and ``open_events``), applied as its compiled filter, so it is kept in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Model

from mensch.accounts.models import User
from mensch.core import statements
from mensch.events.models import (
    AgendaItem,
    Event,
    MeetingHours,
    MeetingSpot,
    Rsvp,
    SlotBooking,
    Topic,
)
from mensch.events.selectors import open_events, visible_events


@dataclass(frozen=True)
class AgendaRow:
    """An agenda item as the event page shows it."""

    starts_at: Any
    kind: str  # in words ("networking round")
    title: str


@dataclass(frozen=True)
class EventPage:
    """What the event page reads about the event, in two statements: the event (with its
    organizer's name, the seats taken and whether it teaches something, as
    ``with_details`` annotates them), the viewer's own RSVP (any status, None without
    one), whether it has meeting hours and spots (``slots.bookable``), topic tables and
    meetings of the viewer's, and its agenda."""

    event: Event
    rsvp: Rsvp | None
    bookable: bool
    agenda: list[AgendaRow]
    # Whether the event has topic tables, and the viewer meetings booked here (requested
    # or booked): their lists are read only then.
    has_topics: bool = False
    has_bookings: bool = False

    @property
    def agenda_titles(self) -> list[str]:
        return [item.title for item in self.agenda]


@cache
def _readers(model: type[Model], names: tuple[str, ...], vendor: str) -> list[Callable[..., Any]]:
    """Each column's converter (as the ORM applies it), once per process and database."""
    del vendor  # the key: converters differ between databases
    return [statements.column_reader(model, name) for name in names]


def _event_columns() -> tuple[str, ...]:
    return tuple(field.attname for field in Event._meta.concrete_fields)


def _event_instance(row: Iterable[Any]) -> Event:
    names = _event_columns()
    values = list(row)
    readers = _readers(Event, names, connection.vendor)
    return statements.instance(
        Event,
        **{name: read(value) for name, read, value in zip(names, readers, values, strict=True)},
    )


_RSVP_FIELDS = ("id", "status", "goal", "contact_consent", "topic_id")


def event_page(*, viewer: User, event_id: int) -> EventPage:
    """The event ``viewer`` may read (``selectors.visible_events``), as the page shows it.
    Raises Event.DoesNotExist otherwise."""
    event_t, user_t, rsvp_t = (
        statements.table(Event),
        statements.table(User),
        statements.table(Rsvp),
    )
    agenda_t = statements.table(AgendaItem)
    hours_t, spot_t = statements.table(MeetingHours), statements.table(MeetingSpot)
    topic_t, booking_t = statements.table(Topic), statements.table(SlotBooking)
    holding = ", ".join(["%s"] * len(SlotBooking.HOLDING))
    quote = connection.ops.quote_name
    low, high = connection.ops.integer_field_range(Event._meta.pk.get_internal_type())
    if (low is not None and event_id < low) or (high is not None and event_id > high):
        raise Event.DoesNotExist("Event matching query does not exist.")  # as the ORM answers
    visible, visible_params = statements.where(visible_events(viewer))
    columns = ", ".join(
        f"{event_t}.{quote(str(field.column))}" for field in Event._meta.concrete_fields
    )
    educational = ", ".join(["%s"] * len(AgendaItem.EDUCATIONAL))
    # Tables from the models, values bound:
    sql = (
        f"SELECT {columns}, o.first_name, o.last_name,"  # noqa: S608
        f" (SELECT COUNT(*) FROM {rsvp_t} g WHERE g.event_id = {event_t}.id AND g.status = %s),"
        f" EXISTS (SELECT 1 FROM {agenda_t} a WHERE a.event_id = {event_t}.id"
        f" AND a.kind IN ({educational})),"
        f" EXISTS (SELECT 1 FROM {hours_t} h WHERE h.event_id = {event_t}.id),"
        f" EXISTS (SELECT 1 FROM {spot_t} s WHERE s.event_id = {event_t}.id),"
        f" EXISTS (SELECT 1 FROM {topic_t} t WHERE t.event_id = {event_t}.id),"
        f" EXISTS (SELECT 1 FROM {booking_t} b WHERE b.event_id = {event_t}.id"
        f" AND (b.booker_id = %s OR b.guest_id = %s) AND b.status IN ({holding})),"
        " r.id, r.status, r.goal, r.contact_consent, r.topic_id"
        f" FROM {event_t} INNER JOIN {user_t} o ON o.id = {event_t}.organizer_id"
        f" LEFT OUTER JOIN {rsvp_t} r ON r.event_id = {event_t}.id AND r.member_id = %s"
        f" WHERE {event_t}.id = %s AND {visible}"
    )
    params = [
        Rsvp.Status.GOING.value,
        *(kind.value for kind in AgendaItem.EDUCATIONAL),
        viewer.pk,
        viewer.pk,
        *(status.value for status in SlotBooking.HOLDING),
        viewer.pk,
        event_id,
        *visible_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            raise Event.DoesNotExist("Event matching query does not exist.")
        cursor.execute(
            f"SELECT starts_at, kind, title FROM {agenda_t}"  # noqa: S608 -- the model's names
            " WHERE event_id = %s ORDER BY starts_at, id",
            [event_id],
        )
        agenda_rows = cursor.fetchall()
    width = len(Event._meta.concrete_fields)
    event = _event_instance(row[:width])
    first_name, last_name, going, teaches, has_hours, has_spots, *more = row[width:]
    has_topics, has_bookings, *own = more
    event.organizer = statements.instance(
        User, id=event.organizer_id, first_name=first_name, last_name=last_name
    )
    event.going = going  # type: ignore[attr-defined]  # as with_details annotates it
    event.educational = bool(teaches)  # type: ignore[attr-defined]
    rsvp = None
    if own[0] is not None:
        values = [
            read(value)
            for read, value in zip(
                _readers(Rsvp, _RSVP_FIELDS, connection.vendor), own, strict=True
            )
        ]
        rsvp = statements.instance(
            Rsvp,
            event_id=event.pk,
            member_id=viewer.pk,
            **dict(zip(_RSVP_FIELDS, values, strict=True)),
        )
    starts_at = _readers(AgendaItem, ("starts_at",), connection.vendor)[0]
    kinds = dict(AgendaItem.Kind.choices)
    agenda = [
        AgendaRow(starts_at(moment), kinds.get(kind, kind), title)
        for moment, kind, title in agenda_rows
    ]
    return EventPage(
        event=event,
        rsvp=rsvp,
        bookable=event.status == Event.Status.PUBLISHED and bool(has_hours) and bool(has_spots),
        agenda=agenda,
        has_topics=bool(has_topics),
        has_bookings=bool(has_bookings),
    )


@dataclass(frozen=True)
class TopicRow:
    """A topic table as the event page lists it, with its join link."""

    pk: int
    title: str
    sharing: int
    learning: int
    join_url: str


def topic_rows(event: Event, join_url: Callable[[int], str]) -> list[TopicRow]:
    """``selectors.topics_of`` as the event page shows it: each topic with the RSVPs that
    can share and want to learn at it, oldest first."""
    topic_t, rsvp_t = statements.table(Topic), statements.table(Rsvp)
    sql = (
        f"SELECT t.id, t.title,"  # noqa: S608 -- the models' names, values bound
        " COUNT(CASE WHEN r.topic_side = %s THEN 1 END),"
        " COUNT(CASE WHEN r.topic_side = %s THEN 1 END)"
        f" FROM {topic_t} t LEFT OUTER JOIN {rsvp_t} r ON r.topic_id = t.id"
        " WHERE t.event_id = %s GROUP BY t.id, t.title, t.created_at"
        " ORDER BY t.created_at, t.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [Rsvp.Side.SHARE.value, Rsvp.Side.LEARN.value, event.pk])
        rows = cursor.fetchall()
    return [
        TopicRow(pk, title, sharing, learning, join_url(pk))
        for pk, title, sharing, learning in rows
    ]


def page_bookings(*, member: User, event: Event) -> list[SlotBooking]:
    """The member's meetings here (requested or booked), as "Your meetings here" shows
    them: each booking's times, status and spot's name and both people's names (the other
    fields deferred, read on use), in one statement."""
    booking_t, spot_t, user_t = (
        statements.table(SlotBooking),
        statements.table(MeetingSpot),
        statements.table(User),
    )
    holding = ", ".join(["%s"] * len(SlotBooking.HOLDING))
    sql = (
        "SELECT b.id, b.status, b.starts_at, b.ends_at, b.booker_id, b.guest_id,"  # noqa: S608
        " b.spot_id, s.name, bu.first_name, bu.last_name, gu.first_name, gu.last_name"
        f" FROM {booking_t} b INNER JOIN {spot_t} s ON s.id = b.spot_id"
        f" INNER JOIN {user_t} bu ON bu.id = b.booker_id"
        f" INNER JOIN {user_t} gu ON gu.id = b.guest_id"
        " WHERE b.event_id = %s AND (b.booker_id = %s OR b.guest_id = %s)"
        f" AND b.status IN ({holding}) ORDER BY b.starts_at, b.id"
    )
    params: list[Any] = [
        event.pk,
        member.pk,
        member.pk,
        *(status.value for status in SlotBooking.HOLDING),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    starts_read, ends_read = _readers(SlotBooking, ("starts_at", "ends_at"), connection.vendor)
    found = []
    for pk, status, starts_at, ends_at, booker_id, guest_id, spot_id, spot_name, *names in rows:
        booking = statements.instance(
            SlotBooking,
            id=pk,
            event_id=event.pk,
            status=status,
            starts_at=starts_read(starts_at),
            ends_at=ends_read(ends_at),
            booker_id=booker_id,
            guest_id=guest_id,
            spot_id=spot_id,
        )
        booking.spot = statements.instance(MeetingSpot, id=spot_id, name=spot_name)
        booking.booker = statements.instance(
            User, id=booker_id, first_name=names[0], last_name=names[1]
        )
        booking.guest = statements.instance(
            User, id=guest_id, first_name=names[2], last_name=names[3]
        )
        found.append(booking)
    return found


def open_event_rows(member: User) -> tuple[list[Event], dict[int, str], dict[int, list[str]]]:
    """``selectors.open_events(member)`` in start order as ``fit.events_for_member`` reads
    them, in two statements: the events (each with ``going`` and ``educational`` as
    ``with_details`` annotates them), the member's RSVP status by event id, and each
    event's agenda titles by event id."""
    event_t, rsvp_t, agenda_t = (
        statements.table(Event),
        statements.table(Rsvp),
        statements.table(AgendaItem),
    )
    quote = connection.ops.quote_name
    visible, visible_params = statements.where(open_events(member))
    columns = ", ".join(
        f"{event_t}.{quote(str(field.column))}" for field in Event._meta.concrete_fields
    )
    educational = ", ".join(["%s"] * len(AgendaItem.EDUCATIONAL))
    sql = (
        f"SELECT {columns},"  # noqa: S608 -- the models' names, values bound
        f" (SELECT COUNT(*) FROM {rsvp_t} g WHERE g.event_id = {event_t}.id AND g.status = %s),"
        f" EXISTS (SELECT 1 FROM {agenda_t} a WHERE a.event_id = {event_t}.id"
        f" AND a.kind IN ({educational})),"
        f" (SELECT r.status FROM {rsvp_t} r WHERE r.event_id = {event_t}.id"
        " AND r.member_id = %s)"
        f" FROM {event_t} WHERE {visible}"
        f" ORDER BY {event_t}.starts_at, {event_t}.id"
    )
    params = [
        Rsvp.Status.GOING.value,
        *(kind.value for kind in AgendaItem.EDUCATIONAL),
        member.pk,
        *visible_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        agenda_rows: list[tuple[Any, ...]] = []
        if rows:
            ids = [row[_event_columns().index("id")] for row in rows]
            cursor.execute(
                f"SELECT event_id, title FROM {agenda_t}"  # noqa: S608 -- the model's names
                f" WHERE event_id IN ({', '.join(['%s'] * len(ids))}) ORDER BY starts_at, id",
                ids,
            )
            agenda_rows = cursor.fetchall()
    width = len(Event._meta.concrete_fields)
    events, statuses = [], {}
    for row in rows:
        event = _event_instance(row[:width])
        going, teaches, status = row[width:]
        event.going = going  # type: ignore[attr-defined]  # as with_details annotates it
        event.educational = bool(teaches)  # type: ignore[attr-defined]
        if status is not None:
            statuses[event.pk] = status
        events.append(event)
    agenda: dict[int, list[str]] = {}
    for event_pk, title in agenda_rows:
        agenda.setdefault(event_pk, []).append(title)
    return events, statuses, agenda
