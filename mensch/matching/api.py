from __future__ import annotations

from ninja import Router, Schema

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.matching.selectors import people_to_meet

router = Router(tags=["matches"])


class MatchOut(Schema):
    profile_id: int
    name: str
    headline: str
    industry: str
    location: str
    score: float
    reason: str
    introduction_pending: bool


@router.get("", response=list[MatchOut], summary="People you should meet, and why")
def match_list(request: AuthenticatedHttpRequest) -> list[dict[str, object]]:
    return [
        {
            "profile_id": row.candidate.profile.pk,
            "name": row.candidate.profile.name,
            "headline": row.candidate.profile.headline,
            "industry": row.candidate.profile.industry,
            "location": row.candidate.profile.location,
            "score": row.score,
            "reason": row.reason,
            "introduction_pending": row.pending,
        }
        for row in people_to_meet(request.user)
    ]
