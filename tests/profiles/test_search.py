"""The member directory's full-text search: what members find, and that it uses the index."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.db import connection
from django.test import Client

from mensch.accounts.models import User
from mensch.core.analyze import analyze
from mensch.profiles import search, selectors
from mensch.profiles.models import Profile
from mensch.profiles.services import member_profile_update, profile_item_delete, profile_update
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def names(query: str, **filters: str) -> list[str]:
    return [p.name for p in selectors.member_search(query=query, **filters)]


def test_finds_members_by_ask_words_and_offer_words(owner: User) -> None:
    make_member("Bea", offers=[("supplier", "bookkeeping and VAT returns")])
    assert names("books") == ["Dana Okafor"]  # her ask: "someone to keep my studio's books"
    assert names("VAT returns") == ["Bea Example"]


def test_finds_members_by_name_prefix_and_partial_word(owner: User) -> None:
    make_member("Bea", offers=[("supplier", "bookkeeping and VAT returns")])
    assert names("Dan") == ["Dana Okafor"]
    assert names("okaf") == ["Dana Okafor"]
    assert names("bookk") == ["Bea Example"]


def test_accents_and_case_do_not_matter(stranger: User) -> None:
    make_member(
        "Zoë",
        email="zoe@example.org",
        last_name="Müller",
        location="São Paulo, Brasil",
        headline="Café owner",
    )
    assert names("sao paulo") == ["Zoë Müller"]
    assert names("SÃO") == ["Zoë Müller"]
    assert names("zoe muller") == ["Zoë Müller"]
    assert names("cafe") == ["Zoë Müller"]


def test_stop_words_are_ignored(owner: User) -> None:
    make_member("Bea", offers=[("supplier", "bookkeeping and VAT returns")])
    # Dana's headline says "for"; the word says nothing about whom one looks for.
    assert sorted(names("bookkeeping for the studio")) == ["Bea Example", "Dana Okafor"]
    assert names("bookkeeping for") == ["Bea Example"]


def test_a_free_text_need_ranks_the_members_who_meet_it_first(owner: User) -> None:
    for number in range(5):
        make_member(
            f"Designer{number}",
            headline="Designer for small studios",
            offers=[("talent", "logos for a small studio")],
        )
    make_member(
        "Bea",
        headline="Bookkeeper",
        offers=[("supplier", "bookkeeping for freelancers and small firms")],
    )

    analyze(Profile)  # PostgreSQL ranks rarer words higher from the planner's statistics
    found = names("someone to help us with bookkeeping for a small studio")

    assert found[0] == "Bea Example"


def test_hidden_and_deactivated_members_stay_out_of_search(owner: User) -> None:
    gone = make_member("Gone", headline="Brand strategist")
    gone.is_active = False
    gone.save()
    profile_update(profile=owner.profile, is_hidden=True)
    assert names("brand") == []


def test_the_document_follows_every_write(owner: User) -> None:
    member_profile_update(user=owner, first_name="Dora", headline="Potter")
    assert names("dora") == ["Dora Okafor"]
    assert names("dana") == []
    assert names("potter") == ["Dora Okafor"]
    profile_item_delete(item=owner.profile.asks.get())
    assert names("books") == []


def test_the_industry_filter_and_search_combine(owner: User) -> None:
    make_member("Bea", industry="Accounting", offers=[("supplier", "brand-safe bookkeeping")])
    assert names("brand", industry="accounting") == ["Bea Example"]


def _plan(query: str) -> str:
    results = selectors.member_search(query=query)
    if results.ranked is not None:  # a ranked need: the one query that reads page and count
        sql, params = results.window_sql(0, 20)
    else:
        sql, listed = results.queryset.query.sql_with_params()
        params = list(listed)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Few rows: make the planner show whether it *can* use the indexes at all,
            # rather than read the table or walk another index whole.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.parametrize("query", ["bookkeeping for a small studio", "keeping", "Dan"])
def test_search_query_uses_the_full_text_index(owner: User, query: str) -> None:
    plan = _plan(query)
    if connection.vendor == "postgresql":
        assert "profiles_profile_search_idx" in plan
        if query == "keeping":  # a partial word inside a longer one: the trigram index
            assert "profiles_profile_trgm_idx" in plan
        assert "Seq Scan on profiles_profile" not in plan
    else:
        assert f"{search.FTS_TABLE} VIRTUAL TABLE INDEX" in plan
        assert "SCAN profiles_profile" not in plan.replace(f"SCAN {search.FTS_TABLE}", "")


@pytest.mark.parametrize("where", [{"industry": "ACCOUNTING"}, {"location": "zagr"}])
def test_a_filter_lists_and_counts_its_members_from_an_index(
    owner: User, where: dict[str, str]
) -> None:
    make_member(
        "Bea", industry="Accounting", location="Zagreb", offers=[("supplier", "bookkeeping")]
    )
    assert [p.name for p in selectors.member_search(**where)] == ["Bea Example"]
    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    listed = selectors.member_search(**where).queryset
    counted = listed.order_by().values("pk")[: selectors.MEMBER_COUNT_CAP + 1]
    for queryset in (listed[:20], counted):
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            # Few rows: make the planner show whether it *can* use an index at all.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "Seq Scan on profiles_profile" not in plan


def test_pages_of_a_search_follow_one_order_and_count_only_members_in_sight(owner: User) -> None:
    for number in range(5):
        make_member(f"Peer{number}", offers=[("advice", "pricing help for freelancers")])
    gone = make_member("Gone", offers=[("advice", "pricing help for freelancers")])
    gone.is_active = False
    gone.save()
    shy = make_member("Shy", offers=[("advice", "pricing help for freelancers")])
    profile_update(profile=shy.profile, is_hidden=True)
    need = "pricing help for our freelancers"

    everyone = [p.name for p in selectors.member_search(query=need)]
    first = [p.name for p in selectors.member_search(query=need)[0:2]]
    rest = [p.name for p in selectors.member_search(query=need)[2:10]]

    assert sorted(everyone) == [f"Peer{number} Example" for number in range(5)]
    assert first + rest == everyone
    assert selectors.member_count(selectors.member_search(query=need)) == 5


def test_directory_shows_a_capped_count_past_the_cap(
    login_as: Callable[[User], Client], stranger: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "MEMBER_COUNT_CAP", 2)
    for number in range(3):
        make_member(f"Peer{number}", offers=[("advice", "pricing help")])
    html = login_as(stranger).get("/members/?q=pricing").content.decode()
    assert "2+ members matching" in html
    assert html.count('class="card person"') == 2


def test_the_industry_filter_is_cached_and_renewed_when_an_industry_changes(
    login_as: Callable[[User], Client],
    owner: User,
    stranger: User,
    django_assert_num_queries: Callable[..., AbstractContextManager[object]],
) -> None:
    client = login_as(stranger)
    assert "Graphic &amp; brand design" in client.get("/members/").content.decode()
    # session, user, count, page, asks, offers, unread notifications: no industries query
    with django_assert_num_queries(7):
        client.get("/members/")
    profile_update(profile=owner.profile, industry="Ceramics")
    html = client.get("/members/").content.decode()
    assert "Ceramics" in html
    assert "Graphic &amp; brand design" not in html


def _many_members(count: int) -> None:
    users = User.objects.bulk_create(
        User(email=f"bulk{n}@example.org", first_name=f"Bulk{n}", last_name="Member")
        for n in range(count)
    )
    # Accounts made in bulk skip the signal that gives each a profile.
    Profile.objects.bulk_create(
        Profile(user=user, headline="Pricing coach", industry="Consulting") for user in users
    )
    search.documents_refresh(Profile.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("count", [1, 300])
@pytest.mark.parametrize("query", ["", "pricing coach for a small studio"])
def test_directory_query_count_is_the_same_at_1_and_300_members(
    login_as: Callable[[User], Client],
    stranger: User,
    count: int,
    query: str,
    django_assert_num_queries: Callable[..., AbstractContextManager[object]],
) -> None:
    _many_members(count)
    client = login_as(stranger)
    client.get("/members/", {"q": query})  # cached from here on: the industry filter, and
    # on PostgreSQL the word frequencies that weigh the ranking
    # session, user, count, page, asks, offers, unread notifications; where PostgreSQL
    # ranks the need, its page with the cards and the count are one statement
    ranked = query and connection.vendor == "postgresql"
    with django_assert_num_queries(4 if ranked else 7):
        response = client.get("/members/", {"q": query})
    listed = count if query else count + 1  # with no words, the viewer is listed too
    assert response.content.decode().count('class="card person"') == min(listed, 20)


def test_directory_pages_through_a_search_and_past_the_end_shows_the_last_page(
    login_as: Callable[[User], Client], stranger: User
) -> None:
    _many_members(23)
    client = login_as(stranger)
    need = {"q": "pricing coach for a small studio"}

    def listed(**extra: str) -> list[str]:
        html = client.get("/members/", {**need, **extra}).content.decode()
        return re.findall(r">(Bulk\d+ Member)</a>", html)

    first, second, past = listed(), listed(page="2"), listed(page="99")
    # A page number no database integer holds is the last page too, never an error.
    far = listed(page="9" * 23)

    assert len(first) == 20
    assert len(second) == 3
    assert sorted(first + second) == sorted(f"Bulk{n} Member" for n in range(23))
    assert past == second
    assert far == second


def test_the_industry_filter_offers_only_industries_of_members_in_sight(owner: User) -> None:
    make_member("Bea", industry="Ceramics")
    shy = make_member("Shy", industry="Beekeeping")
    profile_update(profile=shy.profile, is_hidden=True)
    gone = make_member("Gone", industry="Archery")
    gone.is_active = False
    gone.save()
    make_member("Nobody", industry="")

    assert selectors.industries() == ["Ceramics", "Graphic & brand design"]
