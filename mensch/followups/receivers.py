"""Follow-up tasks appear by themselves after a confirmed meeting or an accepted
introduction, for both people, and follow a contact merged into another."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.contacts.services import contact_for_member
from mensch.contacts.signals import contacts_merged
from mensch.events.models import Event
from mensch.followups.models import FollowUp
from mensch.followups.services import (
    followups_for_introduction,
    followups_for_meeting,
    followups_move,
)
from mensch.introductions.models import Introduction
from mensch.introductions.signals import introduction_accepted
from mensch.meetings.models import Meeting, ScheduledMeeting
from mensch.meetings.signals import meeting_booked, meeting_confirmed


@receiver(meeting_confirmed, dispatch_uid="followups.meeting_confirmed")
def on_meeting_confirmed(sender: object, *, meeting: Meeting, **kwargs: Any) -> None:
    low = User.objects.get(pk=meeting.member_low_id)
    high = User.objects.get(pk=meeting.member_high_id)
    event = Event.objects.filter(pk=meeting.event_id).first() if meeting.event_id else None
    for owner, other in ((low, high), (high, low)):
        contact = contact_for_member(owner=owner, member=other)
        followups_for_meeting(owner=owner, contact=contact, meeting_id=meeting.pk, event=event)


@receiver(meeting_booked, dispatch_uid="followups.meeting_booked")
def on_meeting_booked(sender: object, *, meeting: ScheduledMeeting, **kwargs: Any) -> None:
    """A booked meeting is the "propose a meeting" task done, for both people (and the
    "say hello and propose a time" task after an introduction)."""
    pair = (meeting.organizer_id, meeting.attendee_id)
    for owner_id, other_id in (pair, pair[::-1]):
        FollowUp.objects.filter(
            Q(kind=FollowUp.Kind.PROPOSE_MEETING)
            | Q(kind=FollowUp.Kind.INTRODUCTION, source_key__endswith=":hello"),
            owner_id=owner_id,
            contact__member_id=other_id,
            status=FollowUp.Status.OPEN,
        ).update(status=FollowUp.Status.DONE, done_at=timezone.now())


@receiver(introduction_accepted, dispatch_uid="followups.introduction_accepted")
def on_introduction_accepted(sender: object, *, introduction: Introduction, **kwargs: Any) -> None:
    requester = User.objects.get(pk=introduction.requester_id)
    recipient = User.objects.get(pk=introduction.recipient_id)
    introducer = (
        User.objects.get(pk=introduction.introducer_id) if introduction.introducer_id else None
    )
    for owner, other in ((requester, recipient), (recipient, requester)):
        contact = contact_for_member(owner=owner, member=other)
        introducer_contact = (
            contact_for_member(owner=owner, member=introducer) if introducer else None
        )
        followups_for_introduction(
            owner=owner,
            contact=contact,
            introduction_id=introduction.pk,
            introducer=introducer_contact,
        )


@receiver(contacts_merged, dispatch_uid="followups.contacts_merged")
def on_contacts_merged(sender: object, *, keep: Contact, other: Contact, **kwargs: Any) -> None:
    followups_move(source=other, target=keep)
