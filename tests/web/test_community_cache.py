"""Community figures and "New in <city>" come from the shared cache, never from a count
over the whole community in a request, and never show the viewer anyone blocked."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mensch.accounts.models import User
from mensch.connections.services import member_block
from mensch.core.analyze import analyze
from mensch.profiles.models import Ask, Offer, Profile
from mensch.web import selectors
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LISBON = "Lisbon, Portugal"


def _nearby_names(html: str) -> str:
    start = html.index(f"New in {LISBON}")
    return html[start : html.index("Browse people", start)]


def test_newcomers_nearby_leave_out_members_blocked_either_way(
    login_as: Callable[[User], Client], owner: User
) -> None:
    rui = make_member("Rui", location=LISBON, headline="Bookkeeper")
    blocked = make_member("Blocked", location=LISBON)
    blocker = make_member("Blocker", location=LISBON)
    member_block(blocker=owner, blocked=blocked)
    member_block(blocker=blocker, blocked=owner)
    nearby = _nearby_names(login_as(owner).get("/dashboard/").content.decode())
    assert rui.first_name in nearby
    assert "Blocked" not in nearby
    assert "Blocker" not in nearby
    # The list is shared by the city: a third member there still sees all three.
    other = make_member("Ines", location=LISBON)
    nearby = _nearby_names(login_as(other).get("/dashboard/").content.decode())
    assert all(name in nearby for name in ("Rui", "Blocked", "Blocker", "Dana"))
    assert "Ines" not in nearby


def test_a_newcomer_appears_nearby_as_soon_as_they_say_where_they_are(
    login_as: Callable[[User], Client], owner: User
) -> None:
    client = login_as(owner)
    assert f"New in {LISBON}" not in client.get("/dashboard/").content.decode()
    make_member("Rui", location=LISBON)
    assert "Rui" in _nearby_names(client.get("/dashboard/").content.decode())


def test_a_member_who_hides_or_moves_away_leaves_the_list_at_once(
    login_as: Callable[[User], Client], owner: User
) -> None:
    rui = make_member("Rui", location=LISBON)
    ines = make_member("Ines", location=LISBON)
    client = login_as(owner)
    assert "Rui" in _nearby_names(client.get("/dashboard/").content.decode())
    Profile.objects.filter(user=rui).update(is_hidden=True)  # no signal: the rows decide
    Profile.objects.filter(user=ines).update(location="Porto, Portugal")
    assert f"New in {LISBON}" not in client.get("/dashboard/").content.decode()


def _community_wide(sql: str) -> bool:
    lowered = sql.lower()
    return "count(" in lowered or "group by" in lowered


def test_the_dashboard_counts_nothing_over_the_community_once_the_worker_has(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    make_member("Rui", location=LISBON)
    selectors.community_figures_refresh()
    client = login_as(owner)
    client.get("/dashboard/")  # fills "New in Lisbon"
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/dashboard/").content.decode()
    assert "3 members" in html
    community = [q["sql"] for q in queries.captured_queries if _community_wide(q["sql"])]
    # What is left counts the member's own rows only (their endorsements, follow-ups...).
    assert all(Profile._meta.db_table not in sql for sql in community), community


def test_the_front_page_reads_the_worker_s_figures_without_a_query(
    client: Client, owner: User, stranger: User
) -> None:
    assert selectors.community_figures_refresh() == {
        "members": 2,
        "industries": 1,
        "asks": 1,
        "offers": 1,
    }
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    assert queries.captured_queries == []
    assert '<span class="figure-value">2</span><span class="figure-label">members</span>' in html


def test_a_large_community_shows_the_planner_s_estimates_not_a_count(
    client: Client, owner: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, industry in (("Rui", "Bookkeeping"), ("Ines", "Bookkeeping")):
        make_member(name, industry=industry, asks=[("supplier", "a printer")])
    analyze(Profile, Ask, Offer)
    monkeypatch.setattr(selectors, "EXACT_COUNTS_BELOW", 0)
    with CaptureQueriesContext(connection) as queries:
        figures = selectors.community_figures()
    # After ANALYZE on a small table PostgreSQL's statistics are exact; SQLite has none
    # and counts (its communities are small).
    assert figures == {"members": 3, "industries": 2, "asks": 3, "offers": 1}
    if connection.vendor == "postgresql":
        assert len(queries.captured_queries) == 1
        assert "count(" not in queries.captured_queries[0]["sql"].lower()
