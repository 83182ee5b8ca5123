"""The follow-through card on the dashboard: what is due, and how I follow through."""

from __future__ import annotations

import functools
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection, Message
from mensch.contacts.selectors import losing_touch_count
from mensch.core import statements
from mensch.core.cards import DashboardCard
from mensch.followups import selectors
from mensch.introductions.models import Introduction
from mensch.meetings.models import ScheduledMeeting
from mensch.meetings.selectors import meetings_kept_of

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


def card(member: User) -> DashboardCard | None:
    today = timezone.localdate()
    # The counts and the follow-up rate come from one query of a few fields; only the
    # five tasks shown are loaded whole; the three rates and the connections, one more.
    counts = selectors.task_counts(member, today=today)
    figures = _Figures(member)
    return DashboardCard(
        "Follow-through",
        "followups/card.html",
        {
            "open": counts.open,
            "overdue": counts.overdue,
            "due_today": counts.due_today,
            "next": selectors.task_rows(
                member,
                selectors.tasks_by_ids(member, counts.next_ids),
                connected=figures.connected,
            ),
            "followup_rate": counts.rate,
            "introductions": figures.introductions,
            "messages": figures.messages,
            "meetings_kept": figures.meetings_kept,
            "losing_touch": losing_touch_count(member, today=today),
        },
    )
