"""Trust over the API: the coach, my trust, members' bands, endorsements, the directory."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Query, Router, Schema, Status

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.core.coach import coach_draft
from mensch.engine.coach import CONFIRM_THRESHOLD, CoachResult
from mensch.profiles.selectors import profile_for_viewer
from mensch.trust import selectors, services
from mensch.trust.directory import NEED_MAX, find_specialists
from mensch.trust.interactions import interactions_between
from mensch.trust.models import Endorsement

router = Router(tags=["trust"])


class CoachIn(Schema):
    text: str
    context: Literal["first_message", "introduction_request", "event_chat"] = "first_message"
    recipient_profile_id: int | None = None


class SignalOut(Schema):
    code: str
    points: int
    explanation: str
    suggestion: str


class CoachOut(Schema):
    score: int
    verdict: str
    needs_confirmation: bool
    confirm_threshold: int
    summary: str
    signals: list[SignalOut]
    strengths: list[str]
    notes: list[str]


class MyTrustOut(Schema):
    display: int
    band: str
    rank: int
    is_seed: bool
    explanation: str
    reasons: list[str]
    computed_at: datetime


class TrustPersonOut(Schema):
    profile_id: int
    name: str


class EndorsementOut(Schema):
    id: int
    author: TrustPersonOut
    member: TrustPersonOut
    offer_id: int
    offer: str
    text: str
    basis: str
    basis_label: str
    updated_at: datetime


class MemberTrustOut(Schema):
    profile_id: int
    name: str
    band: str
    endorsements: list[EndorsementOut]


class EndorsementIn(Schema):
    profile_id: int
    offer_id: int
    text: str


class EndorsementEditIn(Schema):
    text: str


class ReportIn(Schema):
    reason: str


class SharedInteractionOut(Schema):
    kind: str
    on: date
    label: str


class SpecialistOut(Schema):
    profile_id: int
    name: str
    headline: str
    location: str
    languages: str
    fit: float
    band: str
    offer: str | None
    why: str
    endorsements: list[EndorsementOut]


def coach_out(result: CoachResult) -> dict[str, object]:
    return {
        "score": result.score,
        "verdict": result.verdict,
        "needs_confirmation": result.needs_confirmation,
        "confirm_threshold": CONFIRM_THRESHOLD,
        "summary": result.summary,
        "signals": [
            {
                "code": s.code,
                "points": s.points,
                "explanation": s.explanation,
                "suggestion": s.suggestion,
            }
            for s in result.signals
        ],
        "strengths": list(result.strengths),
        "notes": list(result.notes),
    }


def endorsement_out(e: Endorsement) -> dict[str, object]:
    return {
        "id": e.pk,
        "author": {"profile_id": e.author.profile.pk, "name": e.author.name},
        "member": {"profile_id": e.member.profile.pk, "name": e.member.name},
        "offer_id": e.offer_id,
        "offer": e.offer.text,
        "text": e.text,
        "basis": e.basis,
        "basis_label": e.basis_label,
        "updated_at": e.updated_at,
    }


def _fresh(endorsement_id: int) -> dict[str, object]:
    return endorsement_out(
        Endorsement.objects.select_related("author__profile", "member__profile", "offer").get(
            pk=endorsement_id
        )
    )


@router.post("/coach", response=CoachOut, summary="Score a draft with the listening coach")
def coach(request: AuthenticatedHttpRequest, payload: CoachIn) -> dict[str, object]:
    """How much a draft reads like broadcasting (0-100), why, and what to change.

    A draft at or above ``confirm_threshold`` is refused by introduction requests and
    first messages unless they are sent with ``confirm_pitch: true``.
    """
    name = None
    if payload.recipient_profile_id is not None:
        name = profile_for_viewer(viewer=request.user, profile_id=payload.recipient_profile_id).name
    return coach_out(coach_draft(payload.text, recipient_name=name, context=payload.context))


@router.get("/me", response={200: MyTrustOut, 204: None}, summary="Your trust, explained")
def my_trust(request: AuthenticatedHttpRequest) -> Status | dict[str, object]:
    score = selectors.trust_of(request.user)
    if score is None:
        return Status(204, None)
    return {
        "display": score.display,
        "band": score.band,
        "rank": score.rank,
        "is_seed": score.is_seed,
        "explanation": " ".join([score.headline, *score.reasons]),
        "reasons": score.reasons,
        "computed_at": score.computed_at,
    }


@router.get(
    "/members/{profile_id}", response=MemberTrustOut, summary="A member's band and endorsements"
)
def member_trust(request: AuthenticatedHttpRequest, profile_id: int) -> dict[str, object]:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    return {
        "profile_id": profile.pk,
        "name": profile.name,
        "band": selectors.band_of(selectors.trust_of(profile.user)),
        "endorsements": [
            endorsement_out(e)
            for e in selectors.visible_endorsements(profile.user).select_related("member__profile")
        ],
    }


@router.get(
    "/members/{profile_id}/interactions",
    response=list[SharedInteractionOut],
    summary="Verified interactions you share with a member",
)
def shared_interactions(
    request: AuthenticatedHttpRequest, profile_id: int
) -> list[dict[str, object]]:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    if profile.user_id == request.user.pk:
        return []
    return [
        {"kind": i.kind, "on": i.on, "label": i.label}
        for i in interactions_between(request.user, profile.user)
    ]


@router.get("/specialists", response=list[SpecialistOut], summary="Find the specialist for a need")
def specialists(
    request: AuthenticatedHttpRequest,
    need: Query[str],
    location: Query[str] = "",
    language: Query[str] = "",
    remote: Query[bool] = False,
) -> list[dict[str, object]]:
    found = find_specialists(
        viewer=request.user,
        need=need[:NEED_MAX],
        location=location[:120],
        language=language[:60],
        remote=remote,
    )
    return [
        {
            "profile_id": s.profile.pk,
            "name": s.profile.name,
            "headline": s.profile.headline,
            "location": s.profile.location,
            "languages": s.profile.languages,
            "fit": round(s.fit, 4),
            "band": s.band,
            "offer": s.offer.text if s.offer else None,
            "why": s.why,
            "endorsements": [
                {
                    **endorsement_out_light(e),
                    "member": {"profile_id": s.profile.pk, "name": s.profile.name},
                }
                for e in s.endorsements
            ],
        }
        for s in found
    ]


def endorsement_out_light(e: Endorsement) -> dict[str, object]:
    """Like :func:`endorsement_out` without touching ``e.member`` (the caller knows it)."""
    return {
        "id": e.pk,
        "author": {"profile_id": e.author.profile.pk, "name": e.author.name},
        "offer_id": e.offer_id,
        "offer": e.offer.text,
        "text": e.text,
        "basis": e.basis,
        "basis_label": e.basis_label,
        "updated_at": e.updated_at,
    }


@router.get("/endorsements/given", response=list[EndorsementOut], summary="Endorsements you gave")
def endorsements_given(request: AuthenticatedHttpRequest) -> list[dict[str, object]]:
    return [
        endorsement_out(e)
        for e in selectors.endorsements_given(request.user).select_related("author__profile")
    ]


@router.post("/endorsements", response={201: EndorsementOut}, summary="Endorse a member's offer")
def endorsement_create(request: AuthenticatedHttpRequest, payload: EndorsementIn) -> Status:
    profile = profile_for_viewer(viewer=request.user, profile_id=payload.profile_id)
    endorsement = services.endorsement_create(
        author=request.user, member=profile.user, offer_id=payload.offer_id, text=payload.text
    )
    return Status(201, _fresh(endorsement.pk))


@router.patch("/endorsements/{endorsement_id}", response=EndorsementOut, summary="Edit yours")
def endorsement_update(
    request: AuthenticatedHttpRequest, endorsement_id: int, payload: EndorsementEditIn
) -> dict[str, object]:
    services.endorsement_update(
        author=request.user, endorsement_id=endorsement_id, text=payload.text
    )
    return _fresh(endorsement_id)


@router.delete("/endorsements/{endorsement_id}", response={204: None}, summary="Withdraw yours")
def endorsement_withdraw(request: AuthenticatedHttpRequest, endorsement_id: int) -> Status:
    services.endorsement_withdraw(author=request.user, endorsement_id=endorsement_id)
    return Status(204, None)


@router.post(
    "/endorsements/{endorsement_id}/report",
    response={201: None},
    summary="Report an endorsement that is not genuine",
)
def endorsement_report(
    request: AuthenticatedHttpRequest, endorsement_id: int, payload: ReportIn
) -> Status:
    services.endorsement_report(
        reporter=request.user, endorsement_id=endorsement_id, reason=payload.reason
    )
    return Status(201, None)
