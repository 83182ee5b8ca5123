"""Follow-up tasks appear by themselves after a confirmed meeting or an accepted
introduction, for both people."""

from __future__ import annotations

from typing import Any

from mensch.accounts.models import User
from mensch.contacts.services import contact_for_member
from mensch.followups.services import followups_for_introduction, followups_for_meeting


def on_meeting_confirmed(sender: object, meeting: Any, **kwargs: Any) -> None:
    low = User.objects.get(pk=meeting.member_low_id)
    high = User.objects.get(pk=meeting.member_high_id)
    for owner, other in ((low, high), (high, low)):
        contact = contact_for_member(owner=owner, member=other)
        followups_for_meeting(owner=owner, contact=contact, meeting_id=meeting.pk)


def on_introduction_accepted(sender: object, introduction: Any, **kwargs: Any) -> None:
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
