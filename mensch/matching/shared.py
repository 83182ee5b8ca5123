"""One warm matching engine per process, shared by every reader of the community.

``shared_engine()`` returns a :class:`~mensch.engine.matching.MatchEngine` fitted on every
active member (keyed by user id as a string; hidden members are in it but never ranked),
built once per process from plain values and kept until the community's *version stamp*
changes. The stamp lives in Django's cache (Redis when ``REDIS_URL`` is set, so every web
process sees the same one) and is bumped by :func:`bump_engine_version` whenever a profile,
ask or offer changes (``profile_changed``, via :mod:`mensch.matching.tasks`).

After a change, a process rebuilds at most once per stamp: inline while a build is cheap
(a small community), otherwise in a background thread while requests keep using the
previous engine, and then at most once every :data:`REFRESH_EVERY` seconds. A process
whose cache is its own (no Redis, several web processes) cannot see another process's
bumps, so an engine older than :data:`MAX_AGE` seconds is refreshed the same way.

Usage (the specialist directory, an event's "who to meet here")::

    from mensch.matching.shared import shared_engine

    engine = shared_engine()                   # never None; may be empty
    engine.rank_for_need("a bookkeeper", top=100, exclude={str(viewer.pk)})
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from mensch.core import cached
from mensch.engine.matching import Item, MatchEngine
from mensch.engine.matching import Profile as EngineProfile
from mensch.profiles.models import Ask, Offer, Profile

log = logging.getLogger(__name__)

VERSION_KEY = "matching:engine"
# A build that took less than this many seconds is redone inline, in the request that
# first sees a new stamp; a longer one is redone in the background.
INLINE_BUILD_SECONDS = 1.0
# Background rebuilds of one process start at most this often.
REFRESH_EVERY = 60.0
# An engine this old is refreshed even if no bump was seen (per-process caches).
MAX_AGE = 900.0
CHUNK = 5000


@dataclass(frozen=True, slots=True)
class _Warm:
    engine: MatchEngine
    version: int
    built_at: float  # time.monotonic() when the build finished
    seconds: float  # how long the build took


_lock = threading.Lock()  # held while building inline; guards _warm and _refreshing
_warm: _Warm | None = None
_refreshing = False


def engine_version() -> int:
    """The community's current version stamp (a new one after the cache was cleared)."""
    return cached.version(VERSION_KEY)


def bump_engine_version() -> None:
    """Mark every process's engine as out of date (call when a profile changes)."""
    cached.bump(VERSION_KEY)


def community_profiles() -> list[EngineProfile]:
    """Every active member as plain engine data, read as values in a few streamed queries."""
    asks = _items(Ask)
    offers = _items(Offer)
    rows = (
        Profile.objects.filter(user__is_active=True)
        .order_by("pk")
        .values_list(
            "pk",
            "user_id",
            "user__first_name",
            "user__last_name",
            "headline",
            "industry",
            "location",
            "languages",
            "is_hidden",
        )
    )
    return [
        EngineProfile(
            id=str(user_id),
            name=f"{first} {last}".strip(),
            headline=headline,
            industry=industry,
            location=location,
            asks=asks.get(pk, ()),
            offers=offers.get(pk, ()),
            hidden=hidden,
            languages=tuple(part.strip() for part in languages.split(",") if part.strip()),
        )
        for pk, user_id, first, last, headline, industry, location, languages, hidden in (
            rows.iterator(chunk_size=CHUNK)
        )
    ]


def _items(model: type[Ask] | type[Offer]) -> dict[int, tuple[Item, ...]]:
    """Each profile's asks (or offers) in the order members see them."""
    grouped: dict[int, list[Item]] = {}
    rows = (
        model.objects.filter(profile__user__is_active=True)
        .order_by("profile_id", "position", "id")
        .values_list("profile_id", "kind", "text")
    )
    kinds: dict[str, str] = {}  # one string per kind, not one per row
    for profile_id, kind, text in rows.iterator(chunk_size=CHUNK):
        grouped.setdefault(profile_id, []).append(
            Item(kind=kinds.setdefault(kind, kind), text=text)
        )
    return {pk: tuple(items) for pk, items in grouped.items()}


def build_engine() -> MatchEngine:
    """A fresh engine on the whole active community (the worker's or a first request's job)."""
    return MatchEngine(community_profiles(), model=settings.MATCH_MODEL)


def shared_engine() -> MatchEngine:
    """This process's warm engine, built on first use and refreshed after the stamp changes."""
    global _warm
    version = engine_version()
    warm = _warm
    if warm is not None and not _stale(warm, version):
        return warm.engine
    if warm is not None and warm.seconds >= INLINE_BUILD_SECONDS:
        _refresh_in_background(warm)
        return warm.engine
    with _lock:
        warm = _warm
        if warm is None or _stale(warm, version):
            warm = _build(version)
            _warm = warm
    return warm.engine


def _stale(warm: _Warm, version: int) -> bool:
    return warm.version != version or time.monotonic() - warm.built_at > MAX_AGE


def _build(version: int) -> _Warm:
    started = time.monotonic()
    engine = build_engine()
    finished = time.monotonic()
    log.info(
        "matching engine built: %d members in %.1f s", len(engine.profiles), finished - started
    )
    return _Warm(engine, version, finished, finished - started)


def _refresh_in_background(warm: _Warm) -> None:
    global _refreshing
    with _lock:
        if _refreshing or time.monotonic() - warm.built_at < REFRESH_EVERY:
            return
        _refreshing = True
    threading.Thread(target=_refresh, name="mensch-engine-refresh", daemon=True).start()


def _refresh() -> None:
    global _warm, _refreshing
    try:
        version = engine_version()
        fresh = _build(version)
        with _lock:
            _warm = fresh
    except Exception:
        log.exception("matching engine refresh failed; the previous engine stays in use")
    finally:
        connection.close()  # this thread's own connection
        with _lock:
            _refreshing = False


def forget() -> None:
    """Drop this process's engine (tests; a process that knows the community changed)."""
    global _warm
    with _lock:
        _warm = None
