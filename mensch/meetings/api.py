from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Router, Schema, Status

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.core.text import NoNulStr
from mensch.meetings import proposals, selectors, services
from mensch.meetings.models import Meeting, MeetingProposal, ScheduledMeeting
from mensch.meetings.times import shown_in_zone
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


# --- proposing times and booked meetings -------------------------------------------------


class MeetingWindowIn(Schema):
    start: datetime = Field(description="Wall-clock time in your time zone (no offset).")
    end: datetime


class MeetingProposalIn(Schema):
    times: list[datetime] = Field(
        default_factory=list,
        description="Up to three starts, as your clock reads them (no offset), in your zone.",
    )
    windows: list[MeetingWindowIn] = Field(
        default_factory=list, description="Or availability windows in the coming seven days."
    )
    duration_minutes: int = Field(ge=15, le=240)
    place: NoNulStr = Field(default="", max_length=200)
    purpose: NoNulStr = Field(max_length=140)


class MeetingProposalCreateIn(MeetingProposalIn):
    profile_id: int


class MeetingProposedTimeOut(Schema):
    id: int
    starts_at: datetime = Field(description="In your time zone.")
    window_ends_at: datetime | None


class MeetingProposalOut(Schema):
    id: int
    from_you: bool
    other_profile_id: int
    other_name: str
    status: str
    duration_minutes: int
    place: str
    purpose: str
    note: str
    reschedules_id: int | None
    expires_at: datetime
    times: list[MeetingProposedTimeOut]


class MeetingPickIn(Schema):
    time_id: int
    start: datetime | None = Field(
        default=None, description="Within an availability window: your wall-clock start."
    )


class MeetingNoteIn(Schema):
    note: NoNulStr = Field(default="", max_length=300)


class MeetingHappenedIn(Schema):
    happened: bool


class ScheduledMeetingOut(Schema):
    id: int
    uid: str
    organizer: bool = Field(description="Whether you proposed it.")
    other_profile_id: int
    other_name: str
    starts_at: datetime = Field(description="In your time zone.")
    ends_at: datetime
    time_zone: str
    duration_minutes: int
    place: str
    purpose: str
    status: str
    sequence: int
    your_answer: bool | None = Field(description='Your private answer to "did it happen?".')
    confirmed_meeting_id: int | None


class MemberTimeZoneIn(Schema):
    time_zone: NoNulStr = Field(max_length=64, description="An IANA name such as Europe/Lisbon.")


class MemberTimeZoneOut(Schema):
    time_zone: str


def proposal_out(proposal: MeetingProposal, request: AuthenticatedHttpRequest) -> dict[str, object]:
    viewer = request.user
    mine = proposal.proposer_id == viewer.pk
    other = proposal.recipient if mine else proposal.proposer
    return {
        "id": proposal.pk,
        "from_you": mine,
        "other_profile_id": other.profile.pk,
        "other_name": other.name,
        "status": proposal.status,
        "duration_minutes": proposal.duration_minutes,
        "place": proposal.place,
        "purpose": proposal.purpose,
        "note": proposal.note,
        "reschedules_id": proposal.reschedules_id,
        "expires_at": proposal.expires_at,
        "times": [
            {
                "id": t.pk,
                "starts_at": shown_in_zone(t.starts_at, viewer),
                "window_ends_at": (
                    shown_in_zone(t.window_ends_at, viewer) if t.window_ends_at else None
                ),
            }
            for t in proposal.times.all()
        ],
    }


def scheduled_out(
    meeting: ScheduledMeeting, request: AuthenticatedHttpRequest
) -> dict[str, object]:
    viewer = request.user
    mine = meeting.organizer_id == viewer.pk
    other = meeting.attendee if mine else meeting.organizer
    return {
        "id": meeting.pk,
        "uid": str(meeting.uid),
        "organizer": mine,
        "other_profile_id": other.profile.pk,
        "other_name": other.name,
        "starts_at": shown_in_zone(meeting.starts_at, viewer),
        "ends_at": shown_in_zone(meeting.ends_at, viewer),
        "time_zone": viewer.time_zone,
        "duration_minutes": meeting.duration_minutes,
        "place": meeting.place,
        "purpose": meeting.purpose,
        "status": meeting.status,
        "sequence": meeting.sequence,
        "your_answer": selectors.my_answer(meeting, viewer.pk),
        "confirmed_meeting_id": meeting.meeting_id,
    }


def _proposal(request: AuthenticatedHttpRequest, proposal_id: int) -> dict[str, object]:
    return proposal_out(
        selectors.own_proposal(member=request.user, proposal_id=proposal_id), request
    )


def _scheduled(request: AuthenticatedHttpRequest, meeting_id: int) -> dict[str, object]:
    return scheduled_out(
        selectors.own_scheduled_meeting(member=request.user, meeting_id=meeting_id), request
    )


def _terms(payload: MeetingProposalIn) -> dict[str, Any]:
    """The proposal as the services take it: times, windows, duration, place, purpose."""
    return {
        "times": payload.times,
        "windows": [proposals.Window(w.start, w.end) for w in payload.windows],
        "duration_minutes": payload.duration_minutes,
        "place": payload.place,
        "purpose": payload.purpose,
    }


@router.get(
    "/proposals", response=list[MeetingProposalOut], summary="Meeting proposals, yours and to you"
)
def proposal_list(request: AuthenticatedHttpRequest) -> list[dict[str, object]]:
    return [proposal_out(p, request) for p in selectors.proposals_of(request.user)[:100]]


@router.post(
    "/proposals", response={201: MeetingProposalOut}, summary="Propose times to a connection"
)
def proposal_create(request: AuthenticatedHttpRequest, payload: MeetingProposalCreateIn) -> Status:
    profile = profile_for_viewer(viewer=request.user, profile_id=payload.profile_id)
    proposal = proposals.proposal_create(
        proposer=request.user,
        recipient=profile.user,
        **_terms(payload),
    )
    return Status(201, _proposal(request, proposal.pk))


@router.get("/proposals/{int:proposal_id}", response=MeetingProposalOut, summary="One proposal")
def proposal_detail(request: AuthenticatedHttpRequest, proposal_id: int) -> dict[str, object]:
    return _proposal(request, proposal_id)


@router.post(
    "/proposals/{int:proposal_id}/pick",
    response=ScheduledMeetingOut,
    summary="Book a proposed time",
)
def proposal_pick(
    request: AuthenticatedHttpRequest, proposal_id: int, payload: MeetingPickIn
) -> dict[str, object]:
    meeting = proposals.proposal_pick(
        member=request.user, proposal_id=proposal_id, time_id=payload.time_id, start=payload.start
    )
    return _scheduled(request, meeting.pk)


@router.post(
    "/proposals/{int:proposal_id}/counter",
    response={201: MeetingProposalOut},
    summary="Answer with other times",
)
def proposal_counter(
    request: AuthenticatedHttpRequest, proposal_id: int, payload: MeetingProposalIn
) -> Status:
    proposal = proposals.proposal_counter(
        member=request.user,
        proposal_id=proposal_id,
        **_terms(payload),
    )
    return Status(201, _proposal(request, proposal.pk))


@router.post(
    "/proposals/{int:proposal_id}/decline",
    response=MeetingProposalOut,
    summary="Decline, with a note",
)
def proposal_decline(
    request: AuthenticatedHttpRequest, proposal_id: int, payload: MeetingNoteIn
) -> dict[str, object]:
    proposals.proposal_decline(member=request.user, proposal_id=proposal_id, note=payload.note)
    return _proposal(request, proposal_id)


@router.get("/booked", response=list[ScheduledMeetingOut], summary="Your booked meetings")
def scheduled_list(request: AuthenticatedHttpRequest) -> list[dict[str, object]]:
    rows = selectors.scheduled_meetings_of(request.user)[:200]
    return [scheduled_out(m, request) for m in rows]


@router.get("/booked/{int:meeting_id}", response=ScheduledMeetingOut, summary="One booked meeting")
def scheduled_detail(request: AuthenticatedHttpRequest, meeting_id: int) -> dict[str, object]:
    return _scheduled(request, meeting_id)


@router.post(
    "/booked/{int:meeting_id}/reschedule",
    response={201: MeetingProposalOut},
    summary="Propose new times (the old one holds until agreed)",
)
def scheduled_reschedule(
    request: AuthenticatedHttpRequest, meeting_id: int, payload: MeetingProposalIn
) -> Status:
    proposal = proposals.scheduled_meeting_reschedule(
        member=request.user,
        meeting_id=meeting_id,
        **_terms(payload),
    )
    return Status(201, _proposal(request, proposal.pk))


@router.post(
    "/booked/{int:meeting_id}/cancel", response=ScheduledMeetingOut, summary="Cancel, with a note"
)
def scheduled_cancel(
    request: AuthenticatedHttpRequest, meeting_id: int, payload: MeetingNoteIn
) -> dict[str, object]:
    proposals.scheduled_meeting_cancel(
        member=request.user, meeting_id=meeting_id, note=payload.note
    )
    return _scheduled(request, meeting_id)


@router.post(
    "/booked/{int:meeting_id}/happened",
    response=ScheduledMeetingOut,
    summary='Answer "did it happen?" (private)',
)
def scheduled_happened(
    request: AuthenticatedHttpRequest, meeting_id: int, payload: MeetingHappenedIn
) -> dict[str, object]:
    proposals.scheduled_meeting_answer(
        member=request.user, meeting_id=meeting_id, happened=payload.happened
    )
    return _scheduled(request, meeting_id)


@router.put("/time-zone", response=MemberTimeZoneOut, summary="Set your time zone")
def time_zone_set(
    request: AuthenticatedHttpRequest, payload: MemberTimeZoneIn
) -> dict[str, object]:
    member = proposals.member_time_zone_set(member=request.user, time_zone=payload.time_zone)
    return {"time_zone": member.time_zone}
