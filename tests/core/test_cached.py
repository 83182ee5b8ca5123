"""The shared cache for cross-member aggregates: computed once, renewed on a bump."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from mensch.core import throttle
from mensch.core.cached import bump, cached, key_part, store, version

pytestmark = pytest.mark.unit


def test_a_value_is_computed_once_then_read_from_the_cache() -> None:
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return [3, 1, 2]

    assert cached("figures-test", compute) == [3, 1, 2]
    assert cached("figures-test", compute) == [3, 1, 2]
    assert len(calls) == 1


def test_a_bump_makes_every_value_under_that_version_fresh() -> None:
    values = iter(["old", "new"])
    assert cached("city-test", lambda: next(values), version_key="city:x") == "old"
    bump("city:x")
    assert cached("city-test", lambda: next(values), version_key="city:x") == "new"
    assert cached("city-test", lambda: "never", version_key="city:x") == "new"


def test_a_bump_leaves_other_versions_alone() -> None:
    assert cached("lisbon", lambda: "lisbon", version_key="city:lisbon") == "lisbon"
    bump("city:porto")
    assert cached("lisbon", lambda: "recomputed", version_key="city:lisbon") == "lisbon"


def test_a_lost_version_never_serves_values_stored_under_an_older_one() -> None:
    assert cached("lost", lambda: "before", version_key="city:lost") == "before"
    cache.delete("mensch:version:city:lost")  # evicted, or the local cache restarted
    bump("city:lost")
    assert cached("lost", lambda: "after", version_key="city:lost") == "after"


def test_empty_results_are_cached_too() -> None:
    assert cached("nobody", list) == []
    assert cached("nobody", lambda: ["recomputed"]) == []


def test_the_worker_stores_where_requests_read() -> None:
    store("figures-stored", {"members": 7}, timeout=60)
    assert cached("figures-stored", lambda: {"members": 0}) == {"members": 7}


def test_free_text_becomes_a_key_the_cache_accepts() -> None:
    part = key_part("Lisbon, Portugal — Baixa")
    assert part.isalnum()
    assert key_part("Lisbon, Portugal — Baixa") == part != key_part("Porto, Portugal")


def test_a_busy_local_cache_keeps_throttle_counters_and_versions() -> None:
    """Hundreds of members signing in write a counter each; none may push out another."""
    limit = throttle.Limit("test-busy", 5, 3600)
    throttle.hit(limit, "first client")
    stamp = version("busy")
    for n in range(2_000):
        throttle.hit(limit, f"client {n}")
    assert throttle.hits(limit, "first client") == 1
    assert version("busy") == stamp
