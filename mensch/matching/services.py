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
and re-inserted wholesale. Rows travel as plain values (on PostgreSQL one
``INSERT ... ON CONFLICT`` per shard), and each list's brief (:class:`RecommendationList`:
size and last place) is written with it, so that an edit finds the lists it enters in one
query instead of reading every candidate list's rows.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from mensch.engine.matching import Item, Match, MatchEngine
from mensch.engine.matching import Profile as EngineProfile
from mensch.matching.embeddings import StoredEmbeddings, text_model
from mensch.matching.models import ProfileChange, Recommendation, RecommendationList
from mensch.matching.shared import community_profiles
from mensch.profiles.models import Profile

# Members per shard of the periodic batch: one task, one short transaction each.
SHARD_SIZE = 1000
# Members (or row ids) looked up per query.
CHUNK = 2000
# Rows upserted per query on PostgreSQL (one JSON text).
UPSERT_CHUNK = 20_000
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
    last_member: int | None = None  # the highest user id in the engine

    def __post_init__(self) -> None:
        self.last_member = max((int(p.id) for p in self.engine.profiles), default=None)


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
    if members["count"] != len(warm.engine.profiles) or members["last"] != warm.last_member:
        return False
    changed = set(
        ProfileChange.objects.filter(changed_at__gte=warm.seen_at - CHANGE_SLACK).values_list(
            "member_id", flat=True
        )
    )
    if changed:
        engine = warm.engine
        fresh = {int(p.id): p for p in engine_profiles(changed)}
        for member in changed:
            profile = fresh.get(member)
            if profile is None:
                return False
            # Changes stay in the look-back window for a while: one already taken is the
            # profile the engine holds, and is not taken again.
            row = engine.row_of(profile.id) if engine.has(profile.id) else None
            if row is not None and engine.profiles[row] == profile:
                continue
            if not engine.update_profile(profile):
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
    short transaction, a few queries per :data:`CHUNK` lists' rows."""
    if not lists:
        return Written(0, 0, 0)
    now = timezone.now()
    wanted = {
        (member, int(match.id)): (rank, _stored_score(match), match.reason[:600])
        for member, matches in lists.items()
        for rank, match in enumerate(matches, start=1)
    }
    with transaction.atomic():
        _write_summaries(lists)
        stored = _stored_rows(list(lists))
        changed = [
            (member, candidate, rank, score, reason)
            for (member, candidate), (rank, score, reason) in wanted.items()
            if (member, candidate) not in stored
            or stored[(member, candidate)][1:] != (rank, score, reason)
        ]
        gone = [pk for key, (pk, *_) in stored.items() if key not in wanted]
        _upsert(changed, now)
        deleted = 0
        for start in range(0, len(gone), CHUNK):
            deleted += Recommendation.objects.filter(pk__in=gone[start : start + CHUNK]).delete()[0]
    return Written(len(lists), len(changed), deleted)


def _stored_score(match: Match) -> float:
    """A score as the table keeps it (4 places): rows and their list's last place alike."""
    return round(float(match.score), 4)


def _write_summaries(lists: Mapping[int, list[Match]]) -> None:
    """Each list's size and last place (:class:`RecommendationList`), where they changed."""
    wanted = {
        member: (len(matches), min((_stored_score(m) for m in matches), default=0.0))
        for member, matches in lists.items()
    }
    members = list(wanted)
    stored: dict[int, tuple[int, float]] = {}
    for start in range(0, len(members), CHUNK):
        stored.update(
            (member, (size, last))
            for member, size, last in RecommendationList.objects.filter(
                member_id__in=members[start : start + CHUNK]
            ).values_list("member_id", "size", "last_place")
        )
    RecommendationList.objects.bulk_create(
        [
            RecommendationList(member_id=member, size=size, last_place=last)
            for member, (size, last) in wanted.items()
            if stored.get(member) != (size, last)
        ],
        batch_size=CHUNK,
        update_conflicts=True,
        unique_fields=["member"],
        update_fields=["size", "last_place"],
    )


def lists_forget(members: Q) -> int:
    """Delete the stored lists (rows and briefs) of the members ``members`` selects (a
    condition on ``member``); returns the rows deleted."""
    RecommendationList.objects.filter(members).delete()
    return Recommendation.objects.filter(members).delete()[0]


Stored = dict[tuple[int, int], tuple[int, int, float, str]]


def _stored_rows(members: list[int]) -> Stored:
    """The stored rows of these members' lists as plain values: (member, candidate) ->
    (row id, rank, score, reason)."""
    stored: Stored = {}
    for start in range(0, len(members), CHUNK):
        rows = Recommendation.objects.filter(member_id__in=members[start : start + CHUNK])
        for pk, member, candidate, rank, score, reason in rows.values_list(
            "pk", "member_id", "candidate_id", "rank", "score", "reason"
        ):
            stored[(member, candidate)] = (pk, rank, score, reason)
    return stored


Row = tuple[int, int, int, float, str]  # member, candidate, rank, score, reason


def _upsert(rows: Sequence[Row], now: datetime) -> None:
    """Insert or update these rows: on PostgreSQL one ``INSERT ... SELECT ... ON CONFLICT``
    per :data:`UPSERT_CHUNK` rows, passed as one JSON text (no model instances);
    elsewhere Django's ``bulk_create``."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        Recommendation.objects.bulk_create(
            [
                Recommendation(
                    member_id=member,
                    candidate_id=candidate,
                    rank=rank,
                    score=score,
                    reason=reason,
                    computed_at=now,
                )
                for member, candidate, rank, score, reason in rows
            ],
            batch_size=CHUNK,
            update_conflicts=True,
            unique_fields=["member", "candidate"],
            update_fields=["rank", "score", "reason", "computed_at"],
        )
        return
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_CHUNK):
            # One JSON text: far cheaper to pass than five arrays quoted value by value.
            cursor.execute(_UPSERT_SQL, [now, json.dumps(rows[start : start + UPSERT_CHUNK])])


_TABLE = Recommendation._meta.db_table
_UPSERT_SQL = f"""
    INSERT INTO {_TABLE} (member_id, candidate_id, rank, score, reason, computed_at)
    SELECT (r->>0)::bigint, (r->>1)::bigint, (r->>2)::integer, (r->>3)::float8, r->>4,
        %s::timestamptz
    FROM json_array_elements(%s::json) AS changed(r)
    ON CONFLICT (member_id, candidate_id) DO UPDATE SET
        rank = EXCLUDED.rank, score = EXCLUDED.score, reason = EXCLUDED.reason,
        computed_at = EXCLUDED.computed_at
"""  # noqa: S608 -- the table name is our model's, every value a parameter


def _lists_of(engine: MatchEngine, member_ids: Sequence[int]) -> dict[int, list[Match]]:
    lists = engine.recommend_many([str(m) for m in member_ids], top=settings.MATCHES_PER_MEMBER)
    return {int(member): matches for member, matches in lists.items()}


# -- one profile changed ----------------------------------------------------------------


def affected_members(engine: MatchEngine, member_id: int) -> list[int]:
    """The members whose list one member's change may alter: the member, everyone whose
    list holds them, and everyone whose list they now enter (their value beats the list's
    last place, or the list is not full)."""
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
    # lists' last places are read from the lists' briefs.
    rows = np.flatnonzero((values >= floor - SCORE_SLACK) & (values > 0))
    ids = [int(engine.profiles[row].id) for row in rows.tolist()]
    affected.update(_lists_entered(ids, values[rows].tolist(), floor=floor))
    return sorted(m for m in affected if engine.has(str(m)))


def _lists_entered(members: list[int], values: list[float], *, floor: float) -> list[int]:
    """Those of ``members`` whose list a candidate of these ``values`` enters: the value
    reaches the list's last place (its brief), or the floor when the list is not full."""
    top = settings.MATCHES_PER_MEMBER
    if connection.vendor == "postgresql":
        # One query; ids and values as two texts, not 100,000 parameters; only the lists
        # entered come back.
        with connection.cursor() as cursor:
            cursor.execute(
                _LISTS_ENTERED_SQL,
                [
                    ",".join(map(str, members)),
                    ",".join(map(str, values)),
                    top,
                    floor,
                    floor,
                    SCORE_SLACK,
                ],
            )
            return [member for (member,) in cursor.fetchall()]
    last_place: dict[int, float] = {}
    for start in range(0, len(members), CHUNK):
        last_place.update(
            RecommendationList.objects.filter(
                member_id__in=members[start : start + CHUNK], size__gte=top
            ).values_list("member_id", "last_place")
        )
    return [
        member
        for member, value in zip(members, values, strict=True)
        if value >= max(floor, last_place.get(member, floor)) - SCORE_SLACK
    ]


_LISTS_ENTERED_SQL = f"""
    SELECT wanted.member FROM unnest(
        string_to_array(%s, ',')::bigint[], string_to_array(%s, ',')::float8[]
    ) AS wanted(member, value)
    LEFT JOIN {RecommendationList._meta.db_table} brief
        ON brief.member_id = wanted.member AND brief.size >= %s
    WHERE wanted.value >= greatest(%s, coalesce(brief.last_place, %s)) - %s
"""  # noqa: S608 -- the table name is our model's, every value a parameter


def matches_update_member(*, member_id: int, engine: MatchEngine | None = None) -> Written:
    """After one member's profile changed: recompute their list and the lists they enter
    or leave, and store only the rows that changed."""
    engine = engine or current_engine()
    if not engine.has(str(member_id)):
        lists_forget(Q(member_id=member_id))
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
    stale = lists_forget(Q(member_id__gte=first, member_id__lte=last) & ~Q(member_id__in=members))
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
    lists_forget(~Q(member__is_active=True))
    lists_forget(~Q(member_id__in=Profile.objects.values("user_id")))
    return Recommendation.objects.count()
