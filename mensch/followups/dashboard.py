"""The follow-through card on the dashboard: what is due, and how I follow through."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format

from mensch.accounts.models import User
from mensch.connections.models import Connection, Message
from mensch.contacts.models import Contact, Tag
from mensch.contacts.selectors import touch_intervals
from mensch.core import statements
from mensch.core.cards import DashboardCard
from mensch.core.dates import add_days
from mensch.core.markup import url_for_ids
from mensch.events.models import Event
from mensch.followups import selectors
from mensch.followups.models import FollowUp
from mensch.introductions.models import Introduction
from mensch.meetings.models import ScheduledMeeting
from mensch.meetings.selectors import meetings_kept_of
from mensch.profiles.models import Profile

# How far back "Messages replied" looks, as ``selectors.message_response_rate``.
MESSAGE_DAYS = 90


@functools.cache
def _figures_sql() -> str:
    """The rows behind the card's three rates and the member's connections, in one
    statement written out (building four querysets cost more than running them). Each
    row: its part (1 introductions asked of the member, 2 connections, 3 messages in the
    member's threads of the last days, in thread order, 4 booked meetings not cancelled)
    and up to three numbers, two texts, a time and an id. The rates are counted in Python
    exactly as ``selectors.introduction_response_rate``, ``message_response_rate`` and
    ``meetings_kept_rate`` count them."""
    introduction, link, message, meeting = (
        statements.table(Introduction),
        statements.table(Connection),
        statements.table(Message),
        statements.table(ScheduledMeeting),
    )
    return (
        # Messages first: their time column gives the others' empty one its type.
        "SELECT 3 AS part, m.connection_id AS a, m.sender_id AS b,"  # noqa: S608 -- tables from the models, values bound
        " CAST(NULL AS INTEGER) AS c, NULL AS s1, NULL AS s2, m.created_at AS made_at, m.id"
        f" FROM {message} m WHERE m.connection_id IN (SELECT c.id FROM {link} c"
        " WHERE c.member_low_id = %(member)s OR c.member_high_id = %(member)s)"
        " AND m.created_at >= %(since)s"
        " UNION ALL SELECT 1, i.recipient_id, NULL, NULL,"
        " i.recipient_decision, i.requester_decision, NULL, i.id"
        f" FROM {introduction} i WHERE i.recipient_id = %(member)s"
        " OR (i.requester_id = %(member)s AND i.introducer_id IS NOT NULL)"
        " UNION ALL SELECT 2, c.member_low_id, c.member_high_id, NULL, NULL, NULL, NULL, c.id"
        f" FROM {link} c WHERE c.member_low_id = %(member)s OR c.member_high_id = %(member)s"
        " UNION ALL SELECT 4, s.organizer_id,"
        " CASE WHEN s.organizer_says_happened THEN 1"
        " WHEN NOT s.organizer_says_happened THEN 0 END,"
        " CASE WHEN s.attendee_says_happened THEN 1"
        " WHEN NOT s.attendee_says_happened THEN 0 END, NULL, NULL, NULL, s.id"
        f" FROM {meeting} s WHERE (s.organizer_id = %(member)s OR s.attendee_id = %(member)s)"
        " AND s.status <> %(cancelled)s"
        " ORDER BY 1, 2, 7, 8"
    )


class _Figures:
    """The three rates and the member's connected member ids, from ``_figures_sql``."""

    def __init__(self, member: User) -> None:
        since = timezone.now() - timedelta(days=MESSAGE_DAYS)
        params = {
            "member": member.pk,
            "since": connection.ops.adapt_datetimefield_value(since),
            "cancelled": ScheduledMeeting.Status.CANCELLED.value,
        }
        with connection.cursor() as cursor:
            cursor.execute(_figures_sql(), params)
            rows = cursor.fetchall()
        me = member.pk
        asked: list[tuple[int, str, str]] = []
        messages: list[tuple[int, int]] = []
        meetings: list[tuple[int, bool | None, bool | None]] = []
        self.connected: set[int] = set()
        for part, a, b, c, s1, s2, _, _ in rows:
            if part == 1:
                asked.append((a, s1, s2))
            elif part == 2:
                self.connected.add(a if b == me else b)
            elif part == 3:
                messages.append((a, b))
            else:
                meetings.append((a, _said(b), _said(c)))
        self.introductions = selectors.answers_rate(asked, me)
        self.messages = selectors.replies_rate(messages, me)
        kept = meetings_kept_of(meetings, me)
        self.meetings_kept = selectors.Rate(kept.kept, kept.total)


def _said(value: int | None) -> bool | None:
    return None if value is None else bool(value)


# How many open tasks the card lists, soonest due first.
NEXT_SHOWN = 5


@functools.cache
def _tasks_sql() -> str:
    """The owner's tasks in one statement (``task_counts``, ``tasks_by_ids`` and the
    favours ``task_rows`` reads took three): part 1, the first ``NEXT_SHOWN`` open tasks
    (``followups_of``'s order) with what their rows show (the contact, their profile's id,
    the event's title); part 2, every task not dismissed, with the few fields the counts,
    the rate and the promised favours read; part 3, the owner's contacts with what
    ``contacts.selectors.losing_touch_count`` reads of each (its own intervals, the days it
    counts from); part 4, the intervals of each tag on those contacts."""
    followup, contact = statements.table(FollowUp), statements.table(Contact)
    profile, event = statements.table(Profile), statements.table(Event)
    tagged, tag = statements.table(Contact.tags.through), statements.table(Tag)
    return (
        # The shown tasks first: their typed columns give the others' empty ones their types.
        "SELECT 1, f.id, f.status, f.due_on, f.owed_by, f.original_due_on, f.done_at,"  # noqa: S608 -- tables from the models, values bound
        " f.kind, f.contact_id, f.title, f.steps, f.event_id, c.name, c.email, c.member_id,"
        " p.id, e.title"
        f" FROM (SELECT * FROM {followup} n WHERE n.owner_id = %(owner)s"
        " AND n.status = %(open)s ORDER BY n.due_on, n.id LIMIT %(shown)s) f"
        f" LEFT OUTER JOIN {contact} c ON c.id = f.contact_id"
        f" LEFT OUTER JOIN {profile} p ON p.user_id = c.member_id"
        f" LEFT OUTER JOIN {event} e ON e.id = f.event_id"
        " UNION ALL SELECT 2, f.id, f.status, f.due_on, f.owed_by, f.original_due_on,"
        " f.done_at, f.kind, f.contact_id, CASE WHEN f.kind = %(promise)s THEN f.title END,"
        " NULL, NULL, NULL, NULL, NULL, NULL, NULL"
        f" FROM {followup} f WHERE f.owner_id = %(owner)s AND f.status <> %(dismissed)s"
        " UNION ALL SELECT 3, c.ideal_days, NULL, c.last_interaction_on, NULL, c.met_on,"
        " c.created_at, NULL, c.max_days, NULL, NULL, NULL, NULL, NULL, NULL, c.id, NULL"
        f" FROM {contact} c WHERE c.owner_id = %(owner)s"
        # The intervals of the tags on the owner's contacts, one row a tag on a contact
        # (a subquery per contact and interval read the tags twice per contact).
        " UNION ALL SELECT 4, ct.contact_id, NULL, NULL, NULL, NULL, NULL, NULL,"
        " t.ideal_days, NULL, NULL, t.max_days, NULL, NULL, NULL, NULL, NULL"
        f" FROM {tagged} ct INNER JOIN {tag} t ON t.id = ct.tag_id"
        f" INNER JOIN {contact} o ON o.id = ct.contact_id WHERE o.owner_id = %(owner)s"
        " ORDER BY 1, 4, 2"
    )


@functools.cache
def _converters(vendor: str) -> list[tuple[int, Callable[[Any], Any]]]:
    del vendor  # the cache's key: converters differ by database
    columns = {3: "due_on", 5: "original_due_on", 6: "done_at", 10: "steps"}
    found = [
        (position, statements.column_converter(FollowUp, name))
        for position, name in columns.items()
    ]
    return [(position, convert) for position, convert in found if convert is not None]


class _Tasks:
    """``selectors.task_counts`` and the rows ``task_rows`` makes of the tasks shown, from
    ``_tasks_sql``: counted by the same rules (``test_followups_card`` holds them equal)."""

    def __init__(self, member: User, today: date) -> None:
        params: dict[str, int | str] = {
            "owner": member.pk,
            "open": FollowUp.Status.OPEN.value,
            "dismissed": FollowUp.Status.DISMISSED.value,
            "promise": FollowUp.Kind.PROMISE.value,
            "shown": NEXT_SHOWN,
        }
        with connection.cursor() as cursor:
            cursor.execute(_tasks_sql(), params)
            rows = [list(row) for row in cursor.fetchall()]
        converters = _converters(connection.vendor)
        for row in rows:
            for position, convert in converters:
                if row[0] == 1 or position != 10:
                    row[position] = convert(row[position])
        self.shown = [_task(member, row) for row in rows if row[0] == 1]
        self.promised: dict[int, list[str]] = {}
        open_count = overdue = due_today = total = on_time = 0
        for (
            _,
            _,
            status,
            due_on,
            owed_by,
            original_due_on,
            done_at,
            kind,
            contact_id,
            title,
            *_,
        ) in (row for row in rows if row[0] == 2):
            if status == FollowUp.Status.OPEN:
                open_count += 1
                overdue += due_on < today
                due_today += due_on == today
                if kind == FollowUp.Kind.PROMISE and owed_by == FollowUp.OwedBy.ME:
                    self.promised.setdefault(contact_id, []).append(f"promised favour: {title}")
            if owed_by == FollowUp.OwedBy.ME and (
                original_due_on <= today or status == FollowUp.Status.DONE
            ):
                total += 1
                on_time += selectors.on_time_done(status, done_at, original_due_on)
        self.losing_touch = _losing_touch(rows, today)
        self.counts = selectors.TaskCounts(
            open_count, overdue, due_today, selectors.Rate(on_time, total), []
        )

    def rows(self, member: User, connected: set[int]) -> list[CardRow]:
        """``selectors.task_rows(member, shown, connected=connected)``: each task's steps,
        for a meeting the favours promised to the same person, and where to write."""
        rows = []
        thread, profile = _lazy_url("thread"), _lazy_url("member_detail")
        for task in self.shown:
            items = list(task.steps or [])
            if task.kind == FollowUp.Kind.AFTER_MEETING and task.contact_id:
                items += self.promised.get(task.contact_id, [])
            link = selectors.write_link(member, task, connected, thread=thread, profile=profile)
            due = date_format(task.due_on, "j M") if task.due_on else ""
            rows.append(CardRow(task, items, link, due, ", ".join(items)))
        return rows


@dataclass(frozen=True)
class CardRow:
    """A task as the card lists it: ``selectors.TaskRow``'s task, items and link, and the
    day it is due and its items as the card writes them (the template's ``date:"j M"``
    and ``join:", "``, done once here)."""

    task: FollowUp
    due_items: list[str]
    write: selectors.WriteLink | None
    due: str
    items: str


def _lazy_url(name: str) -> Callable[[int], str]:
    """``url_for_ids(name)``, reversed on the first use only (most cards need none)."""
    built: list[Callable[[int], str]] = []

    def url(pk: int) -> str:
        if not built:
            built.append(url_for_ids(name))
        return built[0](pk)

    return url


def _losing_touch(rows: list[list[Any]], today: date) -> int:
    """``contacts.selectors.losing_touch_count`` over ``_tasks_sql``'s contact rows (part
    3) and their tags' (part 4): each contact's own intervals, else its tags' tightest."""
    tightest: dict[int, tuple[int | None, int | None]] = {}
    for row in rows:
        if row[0] == 4:
            ideal, maximum = tightest.get(row[1], (None, None))
            tightest[row[1]] = (_tighter(ideal, row[8]), _tighter(maximum, row[11]))
    count = 0
    for row in rows:
        if row[0] != 3:
            continue
        ideal, maximum = touch_intervals(row[1], row[8], *tightest.get(row[15], (None, None)))
        if ideal and maximum:
            # As ``Contact.since``: the last interaction, else the day we met, else the
            # day the contact was added.
            since = row[3] or row[5] or row[6].date()
            if add_days(since, maximum) < today:
                count += 1
    return count


def _tighter(days: int | None, other: int | None) -> int | None:
    """The smaller of two intervals, an empty or zero one left out (as ``touch_intervals``
    wants the tags' ``MIN`` of those over zero)."""
    if not other or other < 0:
        return days
    return other if days is None else min(days, other)


def _task(member: User, row: Sequence[Any]) -> FollowUp:
    """A shown task as ``task_list`` loads it: its contact, their member and profile (or
    the member's "no profile"), and its event's title."""
    _, pk, status, due_on, owed_by, original_due_on, done_at, kind, contact_id, title = row[:10]
    steps, event_id, name, email, member_id, profile_id, event_title = row[10:]
    task = statements.instance(
        FollowUp,
        id=pk,
        owner_id=member.pk,
        contact_id=contact_id,
        kind=kind,
        owed_by=owed_by,
        title=title,
        due_on=due_on,
        original_due_on=original_due_on,
        status=status,
        done_at=done_at,
        event_id=event_id,
        steps=steps,
    )
    task.owner = member
    if contact_id is None:
        task.contact = None
    else:
        other = None
        if member_id is not None:
            other = statements.instance(User, id=member_id)
            if profile_id is None:
                User.profile.related.set_cached_value(other, None)
            else:
                statements.instance(Profile, id=profile_id, user_id=member_id).user = other
        task.contact = statements.instance(
            Contact, id=contact_id, name=name, email=email, member_id=member_id
        )
        task.contact.member = other
    task.event = (
        None if event_id is None else statements.instance(Event, id=event_id, title=event_title)
    )
    return task


def card(member: User) -> DashboardCard | None:
    today = timezone.localdate()
    # The counts, the rate and the tasks shown come from one statement; the three rates
    # and the connections, one more.
    tasks = _Tasks(member, today)
    counts = tasks.counts
    figures = _Figures(member)
    return DashboardCard(
        "Follow-through",
        "followups/card.html",
        {
            "open": counts.open,
            "overdue": counts.overdue,
            "due_today": counts.due_today,
            "next": tasks.rows(member, figures.connected),
            "followup_rate": counts.rate,
            "introductions": figures.introductions,
            "messages": figures.messages,
            "meetings_kept": figures.meetings_kept,
            "losing_touch": tasks.losing_touch,
        },
    )
