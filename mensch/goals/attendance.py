"""Which events a member attended, event formats, follow-ups done: reads over other apps.

Everything goals and ROI need from the events, contacts and follow-ups apps goes
through this module, so a change there is a change here only.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from mensch.accounts.models import User
from mensch.events.models import AgendaItem, Event, Rsvp
from mensch.followups.models import FollowUp
from mensch.meetings.models import Meeting


def _attending() -> Q:
    # Going to an event that has begun, or checked in at the door.
    return Q(status=Rsvp.Status.GOING, event__starts_at__lte=timezone.now()) | Q(
        checked_in_at__isnull=False
    )


def attended_event_ids(member: User) -> set[int]:
    """Events with a confirmed meeting of the member, or their RSVP to one that has begun."""
    ids = set(
        Meeting.objects.filter(
            Q(member_low=member) | Q(member_high=member), event__isnull=False
        ).values_list("event_id", flat=True)
    )
    ids |= set(Rsvp.objects.filter(_attending(), member=member).values_list("event_id", flat=True))
    return ids


def attendee_counts(event_ids: list[int]) -> dict[int, set[int]]:
    """Member ids per event: attending RSVPs plus everyone with a meeting there."""
    people: dict[int, set[int]] = {event_id: set() for event_id in event_ids}
    for event_id, low, high in Meeting.objects.filter(event_id__in=event_ids).values_list(
        "event_id", "member_low_id", "member_high_id"
    ):
        people[event_id].update((low, high))
    for event_id, member_id in Rsvp.objects.filter(
        _attending(), event_id__in=event_ids
    ).values_list("event_id", "member_id"):
        people[event_id].add(member_id)
    return people


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
