from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from mensch.accounts.models import User
from mensch.meetings.models import Meeting, MeetingProposal, ScheduledMeeting


def meetings_of(member: User) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(Q(member_low=member) | Q(member_high=member))
        .select_related("member_low__profile", "member_high__profile", "event")
        .order_by("-met_on", "-pk")
    )


def own_meeting(*, member: User, meeting_id: int) -> Meeting:
    return meetings_of(member).get(pk=meeting_id)


def proposals_of(member: User) -> QuerySet[MeetingProposal]:
    """Proposals the member sent or received, newest first, with their times."""
    return (
        MeetingProposal.objects.filter(Q(proposer=member) | Q(recipient=member))
        .select_related("proposer__profile", "recipient__profile", "reschedules")
        .prefetch_related("times")
        .order_by("-created_at", "-pk")
    )


def own_proposal(*, member: User, proposal_id: int) -> MeetingProposal:
    return proposals_of(member).get(pk=proposal_id)


def pending_proposal_between(member: User, other: User) -> MeetingProposal | None:
    low, high = sorted((member.pk, other.pk))
    return (
        proposals_of(member)
        .filter(member_low_id=low, member_high_id=high, status=MeetingProposal.Status.PENDING)
        .first()
    )


def scheduled_meetings_of(member: User) -> QuerySet[ScheduledMeeting]:
    return (
        ScheduledMeeting.objects.filter(Q(organizer=member) | Q(attendee=member))
        .select_related("organizer__profile", "attendee__profile")
        .order_by("starts_at", "pk")
    )


def own_scheduled_meeting(*, member: User, meeting_id: int) -> ScheduledMeeting:
    return scheduled_meetings_of(member).get(pk=meeting_id)


def my_answer(meeting: ScheduledMeeting, member_id: int) -> bool | None:
    """The member's own "did it happen?" answer (the other's is never shown)."""
    if member_id == meeting.organizer_id:
        return meeting.organizer_says_happened
    return meeting.attendee_says_happened


@dataclass(frozen=True)
class MeetingsKept:
    """Of my booked meetings the other has answered "did it happen?" for, how many they
    say happened. Shown to the member alone, never to anyone else."""

    kept: int
    total: int


def meetings_kept(member: User) -> MeetingsKept:
    """The member's own figure: a no from the other side is a no-show of theirs. One query."""
    rows = (
        ScheduledMeeting.objects.filter(Q(organizer=member) | Q(attendee=member))
        .exclude(status=ScheduledMeeting.Status.CANCELLED)
        .values_list("organizer_id", "organizer_says_happened", "attendee_says_happened")
    )
    return meetings_kept_of(rows, member.pk)


def meetings_kept_of(
    meetings: Iterable[tuple[int, bool | None, bool | None]], member_id: int
) -> MeetingsKept:
    """The rule of ``meetings_kept``, over (organizer, organizer says, attendee says) rows of
    the member's booked meetings not cancelled: what the other side answered counts."""
    kept = total = 0
    for organizer_id, organizer_says, attendee_says in meetings:
        theirs = attendee_says if organizer_id == member_id else organizer_says
        if theirs is not None:
            total += 1
            kept += theirs
    return MeetingsKept(kept, total)
