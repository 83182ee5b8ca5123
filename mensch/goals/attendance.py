"""Which events a member attended, event formats, follow-ups done: reads over other apps.

Everything goals and ROI need from the events, contacts and follow-ups apps goes
through this module, so a change there is a change here only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q

from mensch.accounts.models import User
from mensch.events.models import AgendaItem, Event
from mensch.events.selectors import attended_event_ids as events_attended_by
from mensch.followups.models import FollowUp
from mensch.meetings.models import Meeting


def attended_event_ids(member: User, *, meetings: Iterable[Meeting] | None = None) -> set[int]:
    """Events with a confirmed meeting of the member, or that they attended (by the events
    app's one attendee rule, ``events.selectors.attending_rsvps``) and that have begun.

    ``meetings``: all the member's confirmed meetings when the caller has loaded them
    already (they are not read again)."""
    if meetings is None:
        ids = set(
            Meeting.objects.filter(
                Q(member_low=member) | Q(member_high=member), event__isnull=False
            ).values_list("event_id", flat=True)
        )
    else:
        ids = {m.event_id for m in meetings if m.event_id is not None}
    return ids | events_attended_by(member)


def event_formats(events: list[Event]) -> dict[int, tuple[str, bool]]:
    """(format, has an educational part) per event.

    "rounds" when the organizer scheduled structured rounds (or a networking-round
    agenda item), otherwise "open mingling"; educational when the agenda has a
    talk or a workshop.
    """
    ids = [e.pk for e in events]
    with_rounds = {e.pk for e in events if e.round_count}
    educational: set[int] = set()
    for event_id, kind in AgendaItem.objects.filter(event_id__in=ids).values_list(
        "event_id", "kind"
    ):
        if kind == AgendaItem.Kind.ROUND:
            with_rounds.add(event_id)
        if kind in AgendaItem.EDUCATIONAL:
            educational.add(event_id)
    return {
        event_id: (
            "rounds" if event_id in with_rounds else "open mingling",
            event_id in educational,
        )
        for event_id in ids
    }


def followups_done_with(member: User) -> list[tuple[int | None, int | None, datetime | None]]:
    """(other member id, event the contact was met at, when) per follow-up the member did."""
    return list(
        FollowUp.objects.filter(owner=member, status=FollowUp.Status.DONE).values_list(
            "contact__member_id", "contact__met_event_id", "done_at"
        )
    )
