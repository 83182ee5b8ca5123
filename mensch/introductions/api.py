"""Introductions over the API: the same services as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Query, Router, Schema, Status

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.accounts.models import User
from mensch.introductions import selectors, services
from mensch.introductions.models import Introduction
from mensch.profiles.selectors import profile_for_viewer

router = Router(tags=["introductions"])


class IntroductionPersonOut(Schema):
    profile_id: int
    name: str


class IntroductionOut(Schema):
    id: int
    status: str
    brokered: bool
    introducer: IntroductionPersonOut | None
    requester: IntroductionPersonOut
    recipient: IntroductionPersonOut
    reason: str
    requester_decision: str
    recipient_decision: str
    requester_note: str
    recipient_note: str
    created_at: datetime
    expires_at: datetime
    decided_at: datetime | None
    awaiting_you: bool


class RequestIn(Schema):
    recipient_profile_id: int
    reason: str
    confirm_pitch: bool = False  # send a reason the listening coach flags as a pitch anyway


class BrokerIn(Schema):
    member_a_profile_id: int
    member_b_profile_id: int
    note: str


class DecisionIn(Schema):
    note: str = ""


def _person(user: User | None) -> dict[str, object] | None:
    if user is None:
        return None
    return {"profile_id": user.profile.pk, "name": user.name}


def introduction_out(introduction: Introduction, viewer_id: int) -> dict[str, object]:
    return {
        "id": introduction.pk,
        "status": introduction.status,
        "brokered": introduction.is_brokered,
        "introducer": _person(introduction.introducer),
        "requester": _person(introduction.requester),
        "recipient": _person(introduction.recipient),
        "reason": introduction.reason,
        "requester_decision": introduction.requester_decision,
        "recipient_decision": introduction.recipient_decision,
        "requester_note": introduction.requester_note,
        "recipient_note": introduction.recipient_note,
        "created_at": introduction.created_at,
        "expires_at": introduction.expires_at,
        "decided_at": introduction.decided_at,
        "awaiting_you": introduction.status == Introduction.Status.PENDING
        and viewer_id in introduction.deciders(),
    }


def _fresh(request: AuthenticatedHttpRequest, introduction_id: int) -> dict[str, object]:
    introduction = selectors.own_introduction(member=request.user, introduction_id=introduction_id)
    return introduction_out(introduction, request.user.pk)


@router.get("", response=list[IntroductionOut], summary="Your introductions")
def introduction_list(
    request: AuthenticatedHttpRequest, box: Query[Literal["all", "incoming", "outgoing"]] = "all"
) -> list[dict[str, object]]:
    return [
        introduction_out(i, request.user.pk)
        for i in selectors.introductions_list(request.user, box)
    ]


@router.get("/{int:introduction_id}", response=IntroductionOut, summary="One introduction")
def introduction_detail(
    request: AuthenticatedHttpRequest, introduction_id: int
) -> dict[str, object]:
    return _fresh(request, introduction_id)


@router.post("", response={201: IntroductionOut}, summary="Ask to be introduced, with a reason")
def introduction_request(request: AuthenticatedHttpRequest, payload: RequestIn) -> Status:
    recipient = profile_for_viewer(viewer=request.user, profile_id=payload.recipient_profile_id)
    introduction = services.introduction_request(
        requester=request.user,
        recipient=recipient.user,
        reason=payload.reason,
        confirm_pitch=payload.confirm_pitch,
    )
    return Status(201, _fresh(request, introduction.pk))


@router.post("/brokered", response={201: IntroductionOut}, summary="Introduce two connections")
def introduction_broker(request: AuthenticatedHttpRequest, payload: BrokerIn) -> Status:
    member_a = profile_for_viewer(viewer=request.user, profile_id=payload.member_a_profile_id)
    member_b = profile_for_viewer(viewer=request.user, profile_id=payload.member_b_profile_id)
    introduction = services.introduction_broker(
        introducer=request.user, member_a=member_a.user, member_b=member_b.user, note=payload.note
    )
    return Status(201, _fresh(request, introduction.pk))


@router.post("/{int:introduction_id}/accept", response=IntroductionOut, summary="Accept")
def introduction_accept(
    request: AuthenticatedHttpRequest, introduction_id: int, payload: DecisionIn
) -> dict[str, object]:
    services.introduction_accept(
        introduction_id=introduction_id, member=request.user, note=payload.note
    )
    return _fresh(request, introduction_id)


@router.post("/{int:introduction_id}/decline", response=IntroductionOut, summary="Decline")
def introduction_decline(
    request: AuthenticatedHttpRequest, introduction_id: int, payload: DecisionIn
) -> dict[str, object]:
    services.introduction_decline(
        introduction_id=introduction_id, member=request.user, note=payload.note
    )
    return _fresh(request, introduction_id)


@router.post("/{int:introduction_id}/withdraw", response=IntroductionOut, summary="Withdraw")
def introduction_withdraw(
    request: AuthenticatedHttpRequest, introduction_id: int
) -> dict[str, object]:
    services.introduction_withdraw(introduction_id=introduction_id, member=request.user)
    return _fresh(request, introduction_id)
