"""Tick, confirm and answer "follow up?" for meetings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.connections.selectors import are_connected
from mensch.connections.services import connection_create
from mensch.core.locks import lock_rows
from mensch.meetings.models import Meeting, MeetingTick
from mensch.meetings.signals import meeting_confirmed
from mensch.notifications.services import notify


class EventRef(Protocol):
    """The event a meeting happened at. Events stand above meetings, so this app asks only
    for what it reads of one."""

    @property
    def pk(self) -> int: ...

    @property
    def starts_at(self) -> datetime: ...


@transaction.atomic
def meeting_tick(
    *, member: User, other: User, event: EventRef | None = None, met_on: date | None = None
) -> Meeting | None:
    """Record that ``member`` met ``other``; returns the Meeting once both sides ticked.

    Outside an event, only connections can confirm a meeting (they were introduced
    and then met). At an event, the events app checks both attended before calling.
    """
    if member.pk == other.pk:
        raise ValidationError({"other": ["You cannot tick yourself."]})
    if event is None and not are_connected(member, other):
        raise ValidationError(
            {"other": ["Outside an event you can confirm meetings with your connections only."]}
        )
    event_id = event.pk if event is not None else None
    # Both sides ticking at the same moment: each transaction would look for the other's
    # tick before that one committed, and neither would confirm. Both lock the same two
    # member rows first, so the second waits, then sees the first tick and confirms.
    lock_rows(User, (member.pk, other.pk))
    try:
        with transaction.atomic():
            if not MeetingTick.objects.filter(member=member, other=other, event=event_id).exists():
                MeetingTick.objects.create(member=member, other=other, event_id=event_id)
    except IntegrityError:
        pass  # the same tick arrived twice at once
    if not MeetingTick.objects.filter(member=other, other=member, event=event_id).exists():
        return None
    low, high = sorted((member.pk, other.pk))
    existing = Meeting.objects.filter(
        member_low_id=low, member_high_id=high, event=event_id
    ).first()
    if existing is not None:
        return existing
    meeting = Meeting(
        member_low_id=low,
        member_high_id=high,
        event_id=event_id,
        met_on=met_on or _met_on(event),
    )
    meeting.full_clean(validate_unique=False, validate_constraints=False)
    meeting.save()
    for person, counterpart in ((member, other), (other, member)):
        notify(
            recipient=person,
            kind="meeting_confirmed",
            title=f"Your meeting with {counterpart.name} is confirmed",
            body="Follow up?",
            url=reverse("meetings"),
            email=False,
        )
    meeting_confirmed.send(sender=Meeting, meeting=meeting)
    return meeting


def _met_on(event: EventRef | None) -> date:
    if event is not None and event.starts_at is not None:
        return timezone.localdate(event.starts_at)
    return timezone.localdate()


@transaction.atomic
def meeting_follow_up(*, member: User, meeting_id: int, yes: bool) -> Meeting:
    """Answer "follow up?"; two yeses make a connection."""
    meeting = Meeting.objects.select_for_update(no_key=True).get(pk=meeting_id)
    if not meeting.involves(member.pk):
        raise Meeting.DoesNotExist
    if member.pk == meeting.member_low_id:
        meeting.low_follow_up = yes
    else:
        meeting.high_follow_up = yes
    meeting.save(update_fields=["low_follow_up", "high_follow_up"])
    if meeting.low_follow_up and meeting.high_follow_up:
        low = User.objects.get(pk=meeting.member_low_id)
        high = User.objects.get(pk=meeting.member_high_id)
        connection_create(
            member=low, other=high, source=Connection.Source.EVENT, source_id=meeting.event_id
        )
    return meeting
