"""Recompute everyone's "people to meet" with the matching engine."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mensch.engine.matching import Item, MatchEngine
from mensch.engine.matching import Profile as EngineProfile
from mensch.matching.models import Recommendation
from mensch.profiles.models import Profile


def engine_profile(profile: Profile, *, engine_id: str | None = None) -> EngineProfile:
    """One member's profile as plain data for the engine (keyed by user id unless told)."""
    return EngineProfile(
        id=engine_id or str(profile.user_id),
        name=profile.name,
        headline=profile.headline,
        industry=profile.industry,
        location=profile.location,
        asks=tuple(Item(kind=a.kind, text=a.text) for a in profile.asks.all()),
        offers=tuple(Item(kind=o.kind, text=o.text) for o in profile.offers.all()),
        hidden=profile.is_hidden,
        languages=tuple(profile.language_list),
    )


def engine_profiles(user_ids: Iterable[int] | None = None) -> list[EngineProfile]:
    """Active members (all, or those in ``user_ids``) as plain data for the engine; hidden
    ones get a list but appear in nobody's."""
    profiles = Profile.objects.filter(user__is_active=True)
    if user_ids is not None:
        profiles = profiles.filter(user_id__in=list(user_ids))
    profiles = profiles.select_related("user").prefetch_related("asks", "offers").order_by("pk")
    return [engine_profile(profile) for profile in profiles]


def matches_recompute(*, progress: Callable[[int], None] | None = None) -> int:
    """Replace all stored recommendations; returns how many were stored."""
    profiles = engine_profiles()
    if len(profiles) < 2:
        Recommendation.objects.all().delete()
        return 0
    engine = MatchEngine(profiles, model=settings.MATCH_MODEL)
    lists = engine.recommend_all(top=settings.MATCHES_PER_MEMBER, progress=progress)
    now = timezone.now()
    rows = [
        Recommendation(
            member_id=int(member_id),
            candidate_id=int(match.id),
            rank=rank,
            score=round(float(match.score), 4),
            reason=match.reason[:600],
            computed_at=now,
        )
        for member_id, matches in lists.items()
        for rank, match in enumerate(matches, start=1)
    ]
    with transaction.atomic():
        Recommendation.objects.all().delete()
        Recommendation.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
