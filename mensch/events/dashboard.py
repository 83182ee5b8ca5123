"""The member's next events on the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.utils.formats import date_format
from django.utils.timezone import localtime

from mensch.accounts.models import User
from mensch.core import statements
from mensch.core.cards import DashboardCard
from mensch.core.markup import url_for_ids
from mensch.events.models import Event, Rsvp
from mensch.events.selectors import open_events

UPCOMING_SHOWN = 3


@dataclass(frozen=True)
class Upcoming:
    """One of the member's next events, as the card lists it."""

    event_id: int
    title: str
    starts_at: datetime
    status: str


def upcoming(member: User, limit: int = UPCOMING_SHOWN) -> list[Upcoming]:
    """What ``selectors.upcoming_for_member`` lists (the member's RSVPs, going or on the
    waitlist, to events that take RSVPs, soonest first), as the card shows it, in a
    statement written out: the events the member may see are ``open_events``'s filter,
    compiled and applied here to the same table."""
    query = open_events(member).query
    visible, params = query.get_compiler(connection=connection).compile(query.where)
    event = connection.ops.quote_name(Event._meta.db_table)
    rsvp = connection.ops.quote_name(Rsvp._meta.db_table)
    # Tables from the models, values bound:
    sql = (
        f"SELECT {event}.id, {event}.title, {event}.starts_at, r.status"  # noqa: S608
        f" FROM {rsvp} r INNER JOIN {event} ON {event}.id = r.event_id"
        f" WHERE r.member_id = %s AND r.status IN (%s, %s) AND {visible}"
        f" ORDER BY {event}.starts_at LIMIT %s"
    )
    going, waitlisted = Rsvp.Status.GOING.value, Rsvp.Status.WAITLISTED.value
    with connection.cursor() as cursor:
        cursor.execute(sql, [member.pk, going, waitlisted, *params, limit])
        rows = cursor.fetchall()
    starts_at = statements.column_reader(Event, "starts_at")
    return [
        Upcoming(event_id, title, starts_at(start), status)
        for event_id, title, start, status in rows
    ]


def card(member: User) -> DashboardCard | None:
    rsvps = upcoming(member)
    return DashboardCard(
        "Your next events",
        "events/dashboard_card.html",
        {"rsvps": rsvps, "rows": _rows(rsvps) if rsvps else []},
    )


def _rows(rsvps: list[Upcoming]) -> list[tuple[str, str, str, bool]]:
    """Each event's link, title, start (the template's ``date:"j M, H:i"``, in the current
    time zone) and whether the member is on its waitlist: worked out here rather than by
    the template."""
    detail = url_for_ids("event_detail")
    return [
        (
            detail(rsvp.event_id),
            rsvp.title,
            date_format(localtime(rsvp.starts_at), "j M, H:i"),
            rsvp.status == Rsvp.Status.WAITLISTED,
        )
        for rsvp in rsvps
    ]
