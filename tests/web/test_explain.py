"""No query of the dashboard or of people-to-meet reads a whole table that grows with the
community (profiles, their asks and offers, suggestions): PostgreSQL's plans, checked.

A few hundred rows fit in a handful of pages, where a sequential scan *is* the cheapest
plan; so the check turns sequential scans off (``enable_seqscan = off``) and asks whether
the planner can still avoid one. A ``Seq Scan`` left in the plan (or an index read from end
to end, with no condition on its keys) means no index serves that query, and at 100,000
members it reads them all.

The dashboard is measured warm: the community figures (four counts over the whole
community) come from the worker through the cache, never from a request; see
``mensch.web.selectors.community_figures``. The newest members of a city
(``selectors._newest_in``) are computed on a cache miss only, once per city per version;
that cold read is checked on its own (the index on ``Profile(location, -created_at, -id)``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mensch.accounts.models import User
from mensch.core.analyze import analyze
from mensch.matching.models import Recommendation
from mensch.profiles.models import Ask, Offer, Profile
from mensch.web import selectors
from tests.web.test_query_budget import LISBON, _members

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's"),
]

GROWING = {
    Profile._meta.db_table,
    Ask._meta.db_table,
    Offer._meta.db_table,
    Recommendation._meta.db_table,
}


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _full_scans(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        (raw,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = on")
    plan = (raw if isinstance(raw, list) else json.loads(raw))[0]["Plan"]
    return [
        f"{node['Node Type']} on {node['Relation Name']}"
        for node in _nodes(plan)
        if node.get("Relation Name") in GROWING and _reads_all(node)
    ]


def _reads_all(node: dict[str, Any]) -> bool:
    """A sequential scan, or an index walked from end to end (no condition on its keys)."""
    if node["Node Type"] == "Seq Scan":
        return True
    return node["Node Type"] in {"Index Scan", "Index Only Scan"} and "Index Cond" not in node


def _selects_of(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith("SELECT")]


@pytest.fixture
def community(owner: User) -> User:
    users = _members(0, 400)
    now = timezone.now()
    Recommendation.objects.bulk_create(
        Recommendation(
            member=owner if n < 20 else users[n - 1],
            candidate=user,
            rank=n + 1,
            score=0.5,
            reason="offers bookkeeping, which you ask for.",
            computed_at=now,
        )
        for n, user in enumerate(users)
    )
    analyze(Profile, Ask, Offer, Recommendation, User)
    return owner


@pytest.mark.parametrize("url", ["/dashboard/", "/people-to-meet/"])
def test_member_pages_scan_no_table_that_grows_with_the_community(
    url: str, community: User, login_as: Callable[[User], Client]
) -> None:
    client = login_as(community)
    selectors.community_figures_refresh()  # the worker's job
    client.get(url)  # fills the city's list of newcomers
    scans = {sql: _full_scans(sql) for sql in _selects_of(client, url)}
    assert {sql: tables for sql, tables in scans.items() if tables} == {}


@pytest.mark.usefixtures("community")
def test_the_newest_members_of_a_city_are_read_from_an_index() -> None:
    """The dashboard's cold path: "New in <city>" on a cache miss, in order, from the
    index on the city and the join date, never every profile."""
    with CaptureQueriesContext(connection) as queries:
        newest = selectors._newest_in(LISBON)
    assert newest  # the city has members: the plan below is for a real read
    selects = [q["sql"] for q in queries.captured_queries]
    assert len(selects) == 1
    assert _full_scans(selects[0]) == []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {selects[0]}")
        (raw,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = on")
    plan = (raw if isinstance(raw, list) else json.loads(raw))[0]["Plan"]
    indexes = {node.get("Index Name") for node in _nodes(plan)}
    assert "profiles_location_newest_idx" in indexes
    assert "Sort" not in {node["Node Type"] for node in _nodes(plan)}
