"""Cross-member aggregates, kept in Django's cache (Redis when ``REDIS_URL`` is set,
each process's local memory otherwise).

Only data every member may see goes under a shared key: community figures, the newest
members of a city. A member's own data (their profile, their blocks, their suggestions)
is never read from here; pages filter what they read for the viewer afterwards.

Keys are versioned: a write calls :func:`bump` on the version key its data feeds, and
every process (every gunicorn worker, with Redis) then misses the old values and computes
fresh ones. A version lives in the cache too; when it is missing (a restart of the local
cache, an eviction) it starts from the clock, so it never comes back to a value that old
entries were stored under.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache

PREFIX = "mensch"
DEFAULT_TIMEOUT = 300
_MISSING = object()


def key_part(text: str) -> str:
    """A cache-safe stand-in for free text (a city name): no spaces, bounded length."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _version_name(version_key: str) -> str:
    return f"{PREFIX}:version:{version_key}"


def _fresh_version() -> int:
    return time.time_ns()


def version(version_key: str) -> int:
    name = _version_name(version_key)
    current = cache.get(name)
    if current is None:
        cache.add(name, _fresh_version(), timeout=None)
        current = cache.get(name)
    return int(current) if current is not None else _fresh_version()


def bump(*version_keys: str) -> None:
    """Make every value stored under these version keys stale, in every process."""
    for version_key in version_keys:
        name = _version_name(version_key)
        try:
            cache.incr(name)
        except ValueError:
            # No version yet: nothing was stored under one, or it was evicted.
            cache.add(name, _fresh_version(), timeout=None)


def _full_key(key: str, version_key: str | None) -> str:
    if version_key is None:
        return f"{PREFIX}:{key}"
    return f"{PREFIX}:{key}:v{version(version_key)}"


def cached[T](
    key: str,
    compute: Callable[[], T],
    *,
    version_key: str | None = None,
    timeout: int = DEFAULT_TIMEOUT,
) -> T:
    """The value under ``key`` (at the current version of ``version_key``), computing and
    storing it for ``timeout`` seconds on a miss."""
    full_key = _full_key(key, version_key)
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full_key, value, timeout=timeout)
    return value


def store[T](key: str, value: T, *, version_key: str | None = None, timeout: int) -> T:
    """Put a value computed elsewhere (by the worker) where :func:`cached` reads it."""
    cache.set(_full_key(key, version_key), value, timeout=timeout)
    return value
