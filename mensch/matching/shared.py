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

A large community's engine is built once and shared through a file. A build that took at
least :data:`SAVE_BUILD_SECONDS` is saved to the data folder (:func:`engine_path`, with the
stamp, the database and the engine code it belongs to). ``mensch serve`` warms the engine
in gunicorn's master before the workers fork (:func:`warm_up`: from that file when it is
current, else built and saved), so every worker starts with it, copy-on-write. Once a file
exists, a bump also queues :func:`engine_rebuild` for the worker, which builds and saves
the new engine; a web process with a stale engine keeps answering from it and loads the
worker's file when it appears, building itself only when none comes within
:data:`WAIT_FOR_WORKER` seconds (no worker running).

Usage (the specialist directory, an event's "who to meet here")::

    from mensch.matching.shared import shared_engine

    engine = shared_engine()                   # never None; may be empty
    engine.rank_for_need("a bookkeeper", top=100, exclude={str(viewer.pk)})
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connection, transaction
from django.tasks import task

from mensch.core import cached
from mensch.core.tasks import enqueue_once
from mensch.engine.matching import Item, MatchEngine
from mensch.engine.matching import Profile as EngineProfile
from mensch.matching.embeddings import StoredEmbeddings, text_model
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
# A build that took at least this long is saved for the other processes (and restarts).
SAVE_BUILD_SECONDS = 2.0
# Once a saved engine exists, a web process waits this long for the worker's new file
# before it builds one itself.
WAIT_FOR_WORKER = 120.0
POLL_SECONDS = 1.0
ENGINE_FILE = "matching-engine.pickle"
FILE_FORMAT = 1


@dataclass(frozen=True, slots=True)
class _Warm:
    engine: MatchEngine
    version: int
    built_at: float  # time.monotonic() when the build finished (or the file was loaded)
    seconds: float  # how long the build took (the saved build's time for a loaded file)
    started_ns: int  # time.time_ns() when the build began reading the community


_lock = threading.Lock()  # held while building inline; guards _warm and _refreshing
_warm: _Warm | None = None
_refreshing = False


def engine_version() -> int:
    """The community's current version stamp (a new one after the cache was cleared)."""
    return cached.version(VERSION_KEY)


def bump_engine_version() -> None:
    """Mark every process's engine as out of date (call when a profile changes); where the
    engine is shared through a file, have the worker build the new one once committed."""
    cached.bump(VERSION_KEY)
    if saved_header() is not None:
        transaction.on_commit(_queue_rebuild)


def _queue_rebuild() -> None:
    enqueue_once(engine_rebuild)


@task()
def engine_rebuild() -> int:
    """Build the community's engine and save it for the web processes (the worker's job)."""
    version = engine_version()
    started_ns = time.time_ns()
    started = time.monotonic()
    engine = build_engine()
    save_engine(engine, version=version, started_ns=started_ns, seconds=time.monotonic() - started)
    return len(engine.profiles)


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
    return MatchEngine(community_profiles(), model=text_model(), embeddings=StoredEmbeddings())


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
            warm = _load(version, warm) or _build(version)
            _warm = warm
    return warm.engine


def warm_up() -> MatchEngine:
    """Have this process's engine ready (``mensch serve``, before gunicorn forks)."""
    return shared_engine()


def _stale(warm: _Warm, version: int) -> bool:
    return warm.version != version or time.monotonic() - warm.built_at > MAX_AGE


def _build(version: int) -> _Warm:
    started_ns = time.time_ns()
    started = time.monotonic()
    engine = build_engine()
    finished = time.monotonic()
    seconds = finished - started
    log.info("matching engine built: %d members in %.1f s", len(engine.profiles), seconds)
    if seconds >= SAVE_BUILD_SECONDS:
        try:
            save_engine(engine, version=version, started_ns=started_ns, seconds=seconds)
        except OSError:
            log.exception("could not save the matching engine; each process builds its own")
    return _Warm(engine, version, finished, seconds, started_ns)


def _load(version: int, previous: _Warm | None, since_ns: int | None = None) -> _Warm | None:
    """The saved engine when it is newer than ``previous`` and current: saved at this
    stamp, or (each process's own cache) begun after ``since_ns`` / within MAX_AGE."""
    header = saved_header()
    if header is None:
        return None
    started_ns = int(header["started_ns"])
    if previous is not None and started_ns <= previous.started_ns:
        return None
    recent = started_ns >= (since_ns or time.time_ns() - int(MAX_AGE * 1e9))
    if header["version"] != version and not recent:
        return None
    loaded = load_engine()
    if loaded is None:
        return None
    header, engine = loaded
    log.info("matching engine loaded: %d members from %s", len(engine.profiles), engine_path())
    return _Warm(engine, version, time.monotonic(), float(header["seconds"]), started_ns)


def _refresh_in_background(warm: _Warm) -> None:
    global _refreshing
    with _lock:
        if _refreshing or time.monotonic() - warm.built_at < REFRESH_EVERY:
            return
        _refreshing = True
    threading.Thread(
        target=_refresh, args=(warm, time.time_ns()), name="mensch-engine-refresh", daemon=True
    ).start()


def _refresh(previous: _Warm, noticed_ns: int) -> None:
    """Renew a stale engine off-request: from the worker's file when one is (or comes)
    saved; by building when no engine is shared through a file or none comes in time."""
    global _warm, _refreshing
    try:
        version = engine_version()
        changed = version != previous.version
        deadline = time.monotonic() + (WAIT_FOR_WORKER if saved_header() is not None else 0.0)
        while True:
            fresh = _load(version, previous, since_ns=noticed_ns if changed else None)
            if fresh is None and not changed and saved_header() is not None:
                # Only old: any change would have had the worker save a newer file.
                fresh = replace(previous, version=version, built_at=time.monotonic())
            if fresh is None and time.monotonic() >= deadline:
                fresh = _build(version)
            if fresh is not None:
                with _lock:
                    _warm = fresh
                return
            time.sleep(POLL_SECONDS)
    except Exception:
        log.exception("matching engine refresh failed; the previous engine stays in use")
    finally:
        connection.close()  # this thread's own connection
        with _lock:
            _refreshing = False


# -- the engine shared through a file ----------------------------------------------------


def engine_path() -> Path:
    """Where the community's engine is saved: the data folder."""
    return Path(settings.DATA_DIR) / ENGINE_FILE


def _database() -> str:
    db = settings.DATABASES["default"]
    return f"{db['ENGINE']}:{db.get('HOST', '')}:{db.get('PORT', '')}:{db['NAME']}"


@functools.cache
def _code_stamp() -> str:
    """A fingerprint of the engine's code and model: a file saved by other code is ignored."""
    digest = hashlib.sha256(str(settings.MATCH_MODEL).encode())
    package = Path(MatchEngine.__module__.replace(".", "/")).parent.name
    folder = Path(__file__).resolve().parents[1] / "engine" / package
    for source in sorted(folder.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


_LOCK = type(threading.Lock())
_RLOCK = type(threading.RLock())


class _EnginePickler(pickle.Pickler):
    """Pickles an engine with its locks as fresh, unlocked ones."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, _LOCK):
            return threading.Lock, ()
        if isinstance(obj, _RLOCK):
            return threading.RLock, ()
        return NotImplemented


def save_engine(engine: MatchEngine, *, version: int, started_ns: int, seconds: float) -> Path:
    """Write the engine where every process of this community finds it (atomically)."""
    path = engine_path()
    header = {
        "format": FILE_FORMAT,
        "database": _database(),
        "code": _code_stamp(),
        "version": version,
        "started_ns": started_ns,
        "seconds": seconds,
        "members": len(engine.profiles),
    }
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        with temporary.open("wb") as handle:
            pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
            _EnginePickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(engine)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
    log.info("matching engine saved: %d members to %s", len(engine.profiles), path)
    return path


def _read_header(handle: IO[bytes]) -> dict[str, Any] | None:
    header = pickle.load(handle)  # noqa: S301 -- our own file in the data folder
    if (
        not isinstance(header, dict)
        or header.get("format") != FILE_FORMAT
        or header.get("database") != _database()
        or header.get("code") != _code_stamp()
    ):
        return None
    return header


def saved_header() -> dict[str, Any] | None:
    """The saved engine's stamp, build time and size, when one for this community exists."""
    try:
        with engine_path().open("rb") as handle:
            return _read_header(handle)
    except FileNotFoundError:
        return None
    except Exception:
        log.warning("ignoring an unreadable saved matching engine at %s", engine_path())
        return None


def load_engine() -> tuple[dict[str, Any], MatchEngine] | None:
    """The saved engine with its header, or None when there is none for this community."""
    try:
        with engine_path().open("rb") as handle:
            header = _read_header(handle)
            if header is None:
                return None
            engine = pickle.load(handle)  # noqa: S301 -- our own file in the data folder
    except FileNotFoundError:
        return None
    except Exception:
        log.exception("ignoring an unreadable saved matching engine at %s", engine_path())
        return None
    return (header, engine) if isinstance(engine, MatchEngine) else None


def forget() -> None:
    """Drop this process's engine (tests; a process that knows the community changed)."""
    global _warm
    with _lock:
        _warm = None
