"""Reads about trust and endorsements that pages and the API share."""

from __future__ import annotations

from django.db.models import QuerySet

from mensch.accounts.models import User
from mensch.engine.trust import trust_band
from mensch.profiles.models import Offer
from mensch.trust.interactions import Interaction, interactions_between
from mensch.trust.models import Endorsement, TrustScore

BAND_WORDS = {
    "high": "high trust",
    "good": "good trust",
    "building": "building trust",
    "new": "new here",
}


def trust_of(member: User | int) -> TrustScore | None:
    member_id = member if isinstance(member, int) else member.pk
    return TrustScore.objects.filter(member_id=member_id).first()


def band_of(score: TrustScore | None) -> str:
    return score.band if score is not None else trust_band(0)


def band_of_member(member_id: int) -> str:
    """The member's band, read by limits in lower apps (mensch.core.standing)."""
    return band_of(trust_of(member_id))


def visible_endorsements(member: User | int) -> QuerySet[Endorsement]:
    """Endorsements of a member that anyone signed in may read (not hidden, not removed)."""
    member_id = member if isinstance(member, int) else member.pk
    return (
        Endorsement.objects.filter(
            member_id=member_id, hidden_at__isnull=True, removed_at__isnull=True
        )
        .select_related("author__profile", "offer")
        .order_by("-updated_at", "-id")
    )


def endorsements_received(member: User) -> QuerySet[Endorsement]:
    """Endorsements of the member, as they see them: hidden ones too, until staff remove them."""
    return (
        Endorsement.objects.filter(member=member, removed_at__isnull=True)
        .select_related("author__profile", "offer")
        .order_by("-updated_at", "-id")
    )


def endorsements_given(author: User) -> QuerySet[Endorsement]:
    return (
        Endorsement.objects.filter(author=author, removed_at__isnull=True)
        .select_related("member__profile", "offer")
        .order_by("-updated_at", "-id")
    )


def own_endorsement(*, author: User, endorsement_id: int) -> Endorsement:
    return Endorsement.objects.select_related("member__profile", "offer").get(
        pk=endorsement_id, author=author, removed_at__isnull=True
    )


def endorsements_awaiting_review() -> QuerySet[Endorsement]:
    return (
        Endorsement.objects.filter(hidden_at__isnull=False, removed_at__isnull=True)
        .select_related("author", "member", "offer")
        .prefetch_related("reports__reporter")
        .order_by("hidden_at", "id")
    )


def endorsement_options(viewer: User, member: User) -> tuple[list[Interaction], list[Offer]]:
    """What ``viewer`` could endorse ``member`` for: the interactions they share, and the
    offers not endorsed yet (no offers when they share no interaction)."""
    if viewer.pk == member.pk:
        return [], []
    interactions = interactions_between(viewer, member)
    if not interactions:
        return [], []
    done = Endorsement.objects.filter(author=viewer, member=member).values("offer_id")
    offers = list(Offer.objects.filter(profile__user=member).exclude(pk__in=done))
    return interactions, offers
