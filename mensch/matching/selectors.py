"""People to meet, as the member sees them: no one they are connected to or blocked, and
no one with whom a declined introduction still cools (``introductions.cooldown``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from mensch.accounts.models import User
from mensch.connections.selectors import blocked_ids, connected_ids
from mensch.introductions.cooldown import still_cooling
from mensch.introductions.models import Introduction
from mensch.matching.models import Recommendation
from mensch.profiles.selectors import visible_profiles


@dataclass(frozen=True)
class PersonToMeet:
    """One stored recommendation, and whether an introduction between the two awaits an
    answer."""

    recommendation: Recommendation
    pending: bool

    @property
    def candidate(self) -> User:
        return self.recommendation.candidate

    @property
    def score(self) -> float:
        return self.recommendation.score

    @property
    def reason(self) -> str:
        return self.recommendation.reason


def people_to_meet(member: User, limit: int = 20) -> list[PersonToMeet]:
    """Stored recommendations of visible members, minus connections, blocks either way and
    anyone a declined introduction still keeps apart from the member, either way."""
    # One read of the member's introductions: those waiting for an answer, and declined
    # ones that still cool (``introductions.cooldown``).
    pending: set[int] = set()
    cooling: set[int] = set()
    waiting = Q(status=Introduction.Status.PENDING)
    declined = still_cooling()
    for requester_id, recipient_id, status in Introduction.objects.filter(
        Q(requester=member) | Q(recipient=member),
        waiting if declined is None else waiting | declined,
    ).values_list("requester_id", "recipient_id", "status"):
        other = recipient_id if requester_id == member.pk else requester_id
        (pending if status == Introduction.Status.PENDING else cooling).add(other)
    excluded = connected_ids(member) | blocked_ids(member) | cooling
    rows = list(
        Recommendation.objects.filter(
            member=member, candidate_id__in=visible_profiles().values("user_id")
        )
        .exclude(candidate_id__in=excluded)
        .select_related("candidate__profile")
        .order_by("rank")[:limit]
    )
    return [PersonToMeet(row, row.candidate_id in pending) for row in rows]
