from __future__ import annotations

from datetime import date

from ninja import Router, Schema

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.meetings import selectors, services
from mensch.meetings.models import Meeting
from mensch.profiles.selectors import profile_for_viewer

router = Router(tags=["meetings"])


class MeetingOut(Schema):
    id: int
    other_profile_id: int
    other_name: str
    event_id: int | None
    met_on: date
    your_follow_up: bool | None
    their_follow_up: bool | None


class MeetingTickIn(Schema):
    profile_id: int


class MeetingTickOut(Schema):
    confirmed: bool
    meeting: MeetingOut | None


class MeetingFollowUpIn(Schema):
    yes: bool


def meeting_out(meeting: Meeting, viewer_id: int) -> dict[str, object]:
    mine_low = meeting.member_low_id == viewer_id
    other = meeting.member_high if mine_low else meeting.member_low
    return {
        "id": meeting.pk,
        "other_profile_id": other.profile.pk,
        "other_name": other.name,
        "event_id": meeting.event_id,
        "met_on": meeting.met_on,
        "your_follow_up": meeting.low_follow_up if mine_low else meeting.high_follow_up,
        "their_follow_up": meeting.high_follow_up if mine_low else meeting.low_follow_up,
    }


@router.get("", response=list[MeetingOut], summary="Your confirmed meetings")
def meeting_list(request: AuthenticatedHttpRequest) -> list[dict[str, object]]:
    return [meeting_out(m, request.user.pk) for m in selectors.meetings_of(request.user)]


@router.post("/ticks", response=MeetingTickOut, summary="Say you met a connection")
def meeting_tick(request: AuthenticatedHttpRequest, payload: MeetingTickIn) -> dict[str, object]:
    profile = profile_for_viewer(viewer=request.user, profile_id=payload.profile_id)
    meeting = services.meeting_tick(member=request.user, other=profile.user)
    if meeting is None:
        return {"confirmed": False, "meeting": None}
    fresh = selectors.own_meeting(member=request.user, meeting_id=meeting.pk)
    return {"confirmed": True, "meeting": meeting_out(fresh, request.user.pk)}


@router.post("/{meeting_id}/follow-up", response=MeetingOut, summary='Answer "follow up?"')
def meeting_follow_up(
    request: AuthenticatedHttpRequest, meeting_id: int, payload: MeetingFollowUpIn
) -> dict[str, object]:
    services.meeting_follow_up(member=request.user, meeting_id=meeting_id, yes=payload.yes)
    fresh = selectors.own_meeting(member=request.user, meeting_id=meeting_id)
    return meeting_out(fresh, request.user.pk)
