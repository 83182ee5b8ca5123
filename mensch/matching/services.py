"""Everyone's "people to meet", kept current with the matching engine.

* A profile edit recomputes the member's own list and the lists the member enters or
  leaves (:func:`matches_update_member`): the lists that hold them now, and those whose
  last place they now beat (the engine's :meth:`~MatchEngine.values_towards`).
* The periodic batch (``tasks.matches_recompute_in_shards``) queues one task per shard of
  members, so several workers (on several machines) share it; each shard writes its lists
  in its own short transaction (:func:`matches_recompute_shard`).
* :func:`matches_recompute` does every shard in this process (the demo, tests).

Every write goes through :func:`_write_lists`: it compares with what is stored and upserts
only the rows that changed, deleting the ones that left a list; nothing is ever deleted
and re-inserted wholesale.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from mensch.engine.matching import Item, Match, MatchEngine
from mensch.engine.matching import Profile as EngineProfile
from mensch.matching.embeddings import StoredEmbeddings, text_model
from mensch.matching.models import ProfileChange, Recommendation
from mensch.matching.shared import community_profiles
from mensch.profiles.models import Profile

# Members per shard of the periodic batch: one task, one short transaction each.
SHARD_SIZE = 1000
# Digests looked up (and rows written) per query.
CHUNK = 2000
# Stored scores are rounded to 4 places: a value this close to a list's last place may
# still enter it, so that list is recomputed too.
SCORE_SLACK = 1e-4


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


def match_engine() -> MatchEngine:
    """A fresh engine on the whole active community, read as plain values; embeddings come
    from the store where kept."""
    return MatchEngine(community_profiles(), model=text_model(), embeddings=StoredEmbeddings())


@dataclass(slots=True)
class _Warm:
    engine: MatchEngine
    built_at: datetime  # database time when the build started reading
    seen_at: datetime  # changes from (this - CHANGE_SLACK) on are taken at the next look


_engine_lock = threading.Lock()
_warm: _Warm | None = None
# A warm engine is rebuilt from scratch this often (the lexical model refits its words,
# the similarity floors are estimated again); in between it takes edits in place.
REBUILD_AFTER = timedelta(hours=1)
# An edit's change row is written before its transaction commits: look back this far.
CHANGE_SLACK = timedelta(seconds=60)
# Change rows older than this are pruned by the periodic batch.
CHANGES_KEPT = timedelta(days=1)


def profile_change_record(*, member_id: int) -> ProfileChange:
    """Note that a member's profile changed (in the edit's own transaction)."""
    change = ProfileChange(member_id=member_id, changed_at=timezone.now())
    change.full_clean()
    change.save()
    return change


def current_engine() -> MatchEngine:
    """This worker's warm engine, caught up with every profile change any worker or web
    process recorded: changed members are taken in place (``update_profile``); a new or
    deactivated member, a changed visibility, or an engine older than
    :data:`REBUILD_AFTER` means a fresh build."""
    global _warm
    with _engine_lock:
        now = timezone.now()
        warm = _warm
        if warm is None or now - warm.built_at > REBUILD_AFTER or not _catch_up(warm, now):
            warm = _Warm(match_engine(), built_at=now, seen_at=now)
            _warm = warm
        return warm.engine


def _catch_up(warm: _Warm, now: datetime) -> bool:
    # A member who joined or left (signing up, deactivation, deletion) needs a new engine.
    members = Profile.objects.filter(user__is_active=True).aggregate(
        count=Count("pk"), last=Max("user_id")
    )
    profiles = warm.engine.profiles
    if members["count"] != len(profiles) or members["last"] != max(
        (int(p.id) for p in profiles), default=None
    ):
        return False
    changed = set(
        ProfileChange.objects.filter(changed_at__gte=warm.seen_at - CHANGE_SLACK).values_list(
            "member_id", flat=True
        )
    )
    if changed:
        fresh = {int(p.id): p for p in engine_profiles(changed)}
        for member in changed:
            profile = fresh.get(member)
            if profile is None or not warm.engine.update_profile(profile):
                return False
    warm.seen_at = now
    return True


def forget_engine() -> None:
    """Drop this process's engine (tests)."""
    global _warm
    with _engine_lock:
        _warm = None


def profile_changes_prune() -> int:
    """Forget change rows no warm engine still needs."""
    return ProfileChange.objects.filter(changed_at__lt=timezone.now() - CHANGES_KEPT).delete()[0]


# -- writing lists --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Written:
    """What a write did: lists looked at, rows upserted, rows deleted."""

    lists: int
    upserted: int
    deleted: int

    @property
    def rows(self) -> int:
        return self.upserted + self.deleted


def _write_lists(lists: Mapping[int, list[Match]]) -> Written:
    """Store these members' lists: upsert rows that changed, delete rows that left; one
    short transaction, at most one query per :data:`CHUNK` rows."""
    if not lists:
        return Written(0, 0, 0)
    now = timezone.now()
    wanted = {
        (member, int(match.id)): (rank, round(float(match.score), 4), match.reason[:600])
        for member, matches in lists.items()
        for rank, match in enumerate(matches, start=1)
    }
    with transaction.atomic():
        stored = {
            (member, candidate): (rank, score, reason)
            for member, candidate, rank, score, reason in Recommendation.objects.filter(
                member_id__in=list(lists)
            ).values_list("member_id", "candidate_id", "rank", "score", "reason")
        }
        changed = [
            Recommendation(
                member_id=member,
                candidate_id=candidate,
                rank=rank,
                score=score,
                reason=reason,
                computed_at=now,
            )
            for (member, candidate), (rank, score, reason) in wanted.items()
            if stored.get((member, candidate)) != (rank, score, reason)
        ]
        gone = [key for key in stored if key not in wanted]
        Recommendation.objects.bulk_create(
            changed,
            batch_size=CHUNK,
            update_conflicts=True,
            unique_fields=["member", "candidate"],
            update_fields=["rank", "score", "reason", "computed_at"],
        )
        deleted = 0
        for start in range(0, len(gone), CHUNK):
            pairs = Q()
            for member, candidate in gone[start : start + CHUNK]:
                pairs |= Q(member_id=member, candidate_id=candidate)
            deleted += Recommendation.objects.filter(pairs).delete()[0]
    return Written(len(lists), len(changed), deleted)


def _lists_of(engine: MatchEngine, member_ids: Sequence[int]) -> dict[int, list[Match]]:
    lists = engine.recommend_many([str(m) for m in member_ids], top=settings.MATCHES_PER_MEMBER)
    return {int(member): matches for member, matches in lists.items()}


# -- one profile changed ----------------------------------------------------------------


def affected_members(engine: MatchEngine, member_id: int) -> list[int]:
    """The members whose list one member's change may alter: the member, everyone whose
    list holds them, and everyone whose list they now enter (their value beats the list's
    last place, or the list is not full)."""
    top = settings.MATCHES_PER_MEMBER
    holding = set(
        Recommendation.objects.filter(candidate_id=member_id).values_list("member_id", flat=True)
    )
    affected = {member_id} | holding
    key = str(member_id)
    if not engine.has(key):  # gone or deactivated: only the lists that hold them
        return sorted(m for m in affected if engine.has(str(m)))
    values = engine.values_towards(key)
    floor = engine.settings.min_score
    # Only members for whom the value clears the floor can take the member in; their
    # lists' last places are read in chunks.
    rows = np.flatnonzero(values >= floor - SCORE_SLACK)
    ids = [int(engine.profiles[row].id) for row in rows.tolist()]
    last_place: dict[int, float] = {}
    for start in range(0, len(ids), CHUNK):
        stats = (
            Recommendation.objects.filter(member_id__in=ids[start : start + CHUNK])
            .values("member_id")
            .annotate(count=Count("id"), last=Min("score"))
            .filter(count__gte=top)
            .values_list("member_id", "last")
        )
        last_place.update((member, float(last)) for member, last in stats)
    affected |= {
        member
        for member, value in zip(ids, values[rows].tolist(), strict=True)
        if value > 0 and value >= max(floor, last_place.get(member, floor)) - SCORE_SLACK
    }
    return sorted(m for m in affected if engine.has(str(m)))


def matches_update_member(*, member_id: int, engine: MatchEngine | None = None) -> Written:
    """After one member's profile changed: recompute their list and the lists they enter
    or leave, and store only the rows that changed."""
    engine = engine or current_engine()
    if not engine.has(str(member_id)):
        Recommendation.objects.filter(member_id=member_id).delete()
    affected = affected_members(engine, member_id)
    return _write_lists(_lists_of(engine, affected))


# -- the whole community --------------------------------------------------------------


def member_shards(size: int | None = None) -> list[tuple[int, int]]:
    """Active members' user ids cut into ranges of ``size`` members (:data:`SHARD_SIZE`):
    (first, last)."""
    size = size or SHARD_SIZE
    ids = list(
        Profile.objects.filter(user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
    return [
        (chunk[0], chunk[-1]) for chunk in (ids[s : s + size] for s in range(0, len(ids), size))
    ]


def matches_recompute_shard(*, first: int, last: int, engine: MatchEngine | None = None) -> Written:
    """Recompute and store the lists of the members with user ids in [first, last]."""
    engine = engine or current_engine()
    members = [int(p.id) for p in engine.profiles if first <= int(p.id) <= last]
    written = _write_lists(_lists_of(engine, members))
    # Lists of members no longer active in this range.
    stale = (
        Recommendation.objects.filter(member_id__gte=first, member_id__lte=last)
        .exclude(member_id__in=members)
        .delete()[0]
    )
    return Written(written.lists, written.upserted, written.deleted + stale)


def matches_recompute(*, progress: Callable[[int], None] | None = None) -> int:
    """Recompute every list in this process, shard by shard; returns how many rows the
    lists hold. ``progress`` is called with the members done after each shard."""
    engine = match_engine()
    ids = [int(p.id) for p in engine.profiles]
    for start in range(0, len(ids), SHARD_SIZE):
        shard = ids[start : start + SHARD_SIZE]
        _write_lists(_lists_of(engine, shard))
        if progress is not None:
            progress(len(shard))
    Recommendation.objects.exclude(member__is_active=True).delete()
    Recommendation.objects.exclude(member_id__in=Profile.objects.values("user_id")).delete()
    return Recommendation.objects.count()
