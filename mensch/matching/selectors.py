"""People to meet, as the member sees them: no one they are connected to or blocked."""

from __future__ import annotations

from django.db.models import Q

from mensch.accounts.models import User
from mensch.connections.models import Block
from mensch.connections.selectors import connected_ids
from mensch.introductions.models import Introduction
from mensch.matching.models import Recommendation


def people_to_meet(member: User, limit: int = 20) -> list[Recommendation]:
    """Stored recommendations minus connections, blocks either way and hidden members,
    each with ``pending`` set when an introduction between the two awaits an answer."""
    excluded = connected_ids(member)
    excluded |= set(Block.objects.filter(blocker=member).values_list("blocked_id", flat=True))
    excluded |= set(Block.objects.filter(blocked=member).values_list("blocker_id", flat=True))
    rows = list(
        Recommendation.objects.filter(
            member=member, candidate__is_active=True, candidate__profile__is_hidden=False
        )
        .exclude(candidate_id__in=excluded)
        .select_related("candidate__profile")
        .order_by("rank")[:limit]
    )
    pending = set()
    for requester_id, recipient_id in Introduction.objects.filter(
        Q(requester=member) | Q(recipient=member), status=Introduction.Status.PENDING
    ).values_list("requester_id", "recipient_id"):
        pending.add(recipient_id if requester_id == member.pk else requester_id)
    for row in rows:
        row.pending = row.candidate_id in pending  # type: ignore[attr-defined]
    return rows
