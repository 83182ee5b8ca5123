from __future__ import annotations

from django.db.models import Q, QuerySet

from mensch.accounts.models import User
from mensch.meetings.models import Meeting


def meetings_of(member: User) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(Q(member_low=member) | Q(member_high=member))
        .select_related("member_low__profile", "member_high__profile", "event")
        .order_by("-met_on", "-pk")
    )


def own_meeting(*, member: User, meeting_id: int) -> Meeting:
    return meetings_of(member).get(pk=meeting_id)
