"""Fixed-window counters in the cache, shared by every web worker.

Used for what django-axes does not cover: sign-ups and password-reset emails per client and
per address, and failed log-ins across many accounts from one client (password spraying).
The counters live in the configured cache (Redis when ``REDIS_URL`` is set, so several
workers and machines share them; ``cache.add`` and ``cache.incr`` are atomic there). The
window is fixed: it starts at the first hit and the key expires with it.

Keys are hashed, so an email address or a client address never appears in the cache as is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache

PREFIX = "mensch:throttle:"


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits per ``seconds`` for one scope (e.g. "signup-client")."""

    scope: str
    count: int
    seconds: int

    def key(self, subject: str) -> str:
        digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()[:32]
        return f"{PREFIX}{self.scope}:{digest}"


def hits(limit: Limit, subject: str) -> int:
    """How many hits ``subject`` has in the current window."""
    value = cache.get(limit.key(subject))
    return int(value) if value is not None else 0


def exceeded(limit: Limit, subject: str) -> bool:
    """True when ``subject`` has used up its allowance (a check that counts nothing)."""
    return hits(limit, subject) >= limit.count


def hit(limit: Limit, subject: str) -> int:
    """Count one hit and return the count in this window, this hit included."""
    key = limit.key(subject)
    if cache.add(key, 1, timeout=limit.seconds):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr: this hit opens a new window
        cache.add(key, 1, timeout=limit.seconds)
        return 1


def allow(limit: Limit, subject: str) -> bool:
    """Count one attempt; False once ``subject`` is over its allowance for this window."""
    return hit(limit, subject) <= limit.count
