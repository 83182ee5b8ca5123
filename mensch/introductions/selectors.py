"""Introductions as one member sees them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from mensch.accounts.models import User
from mensch.connections.selectors import are_connected, has_blocked, is_blocked_either_way
from mensch.introductions.cooldown import cooldown_between
from mensch.introductions.models import Decision, Introduction


def _visible_to(member: User) -> QuerySet[Introduction]:
    return Introduction.objects.filter(
        Q(requester=member) | Q(recipient=member) | Q(introducer=member)
    ).select_related("requester__profile", "recipient__profile", "introducer__profile")


@dataclass(frozen=True)
class IntroductionBoxes:
    awaiting_you: list[Introduction]
    waiting_on_others: list[Introduction]
    past: list[Introduction]


def introduction_boxes(member: User, past_limit: int = 30) -> IntroductionBoxes:
    pending = list(_visible_to(member).filter(status=Introduction.Status.PENDING))
    awaiting = [i for i in pending if member.pk in i.deciders()]
    waiting = [i for i in pending if member.pk not in i.deciders()]
    past = list(_visible_to(member).exclude(status=Introduction.Status.PENDING)[:past_limit])
    return IntroductionBoxes(awaiting, waiting, past)


def own_introduction(*, member: User, introduction_id: int) -> Introduction:
    """An introduction the member is part of; DoesNotExist for anyone else."""
    return _visible_to(member).get(pk=introduction_id)


def introductions_list(member: User, box: str = "all") -> list[Introduction]:
    queryset = _visible_to(member)
    if box == "incoming":
        queryset = queryset.filter(status=Introduction.Status.PENDING).filter(
            Q(recipient=member, recipient_decision=Decision.PENDING)
            | Q(requester=member, requester_decision=Decision.PENDING)
        )
    elif box == "outgoing":
        queryset = queryset.filter(
            Q(requester=member, introducer__isnull=True) | Q(introducer=member)
        )
    return list(queryset[:200])


def introductions_made_count(member: User) -> int:
    """Accepted introductions this member brokered: their credit."""
    return Introduction.objects.filter(
        introducer=member, status=Introduction.Status.ACCEPTED
    ).count()


@dataclass(frozen=True)
class Relationship:
    """What the viewer can do with another member, for buttons on their profile."""

    is_self: bool
    connected: bool
    blocked_by_viewer: bool
    pending: bool
    # A declined introduction between the two still cools (see ``cooldown``).
    cooling: bool = False

    @property
    def can_request(self) -> bool:
        return not (
            self.is_self or self.connected or self.blocked_by_viewer or self.pending or self.cooling
        )


def pending_between(member: User, other: User | int) -> bool:
    """Whether an introduction between the two, either way, awaits an answer."""
    other_id = other if isinstance(other, int) else other.pk
    return Introduction.objects.filter(
        Q(requester=member, recipient_id=other_id) | Q(requester_id=other_id, recipient=member),
        status=Introduction.Status.PENDING,
    ).exists()


def relationship(viewer: User, other_id: int) -> Relationship:
    if viewer.pk == other_id:
        return Relationship(True, False, False, False)
    return Relationship(
        is_self=False,
        connected=are_connected(viewer, other_id),
        blocked_by_viewer=has_blocked(viewer, other_id),
        pending=pending_between(viewer, other_id),
        cooling=cooldown_between(viewer.pk, other_id) is not None,
    )


def can_request(member: User, other: User) -> bool:
    """Whether ``member`` may ask to be introduced to ``other`` now."""
    return not (
        member.pk == other.pk
        or is_blocked_either_way(member, other)
        or are_connected(member, other)
        or pending_between(member, other)
        or cooldown_between(member.pk, other.pk) is not None
    )
