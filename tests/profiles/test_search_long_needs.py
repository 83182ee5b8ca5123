"""A longer need's last word, and the capped count of a ranked search (issue 13).

On PostgreSQL a longer need's finished last word is looked up by name with the common
words it begins (a prefix walks the index, several times slower); a word the statistics
do not know may still be being typed and stays a prefix. The count of a ranked search
looks each match's member up by key; a deactivated member's match is not counted.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection

from mensch.accounts.models import User
from mensch.profiles import search, selectors
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# At this scale a profile must have three of the need's five words (``search.plan``).
STATS = search._Stats(
    rows=100_000.0,
    frequencies={
        **dict.fromkeys(("translator", "french", "contract", "next"), 0.1),
        "month": 0.05,
        "monthly": 0.02,
        "month-end": 0.01,
        "studio": 0.04,
    },
)


@pytest.fixture
def known_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """Statistics as ``ANALYZE`` would give them at scale."""
    monkeypatch.setattr(search, "_stats", lambda: STATS)


def names(query: str) -> list[str]:
    return [p.name for p in selectors.member_search(query=query)]


@pytest.mark.usefixtures("known_words")
def test_a_finished_last_word_is_named_with_the_common_words_it_begins() -> None:
    # Only plain words are named: "month-end" would be parsed into three by to_tsquery.
    assert search._last_word("month") == "(month | monthly)"
    assert search._last_word("studio") == "studio"


@pytest.mark.usefixtures("known_words")
def test_a_last_word_the_statistics_do_not_know_stays_a_prefix() -> None:
    assert search._last_word("mon") == "mon:*"
    assert search._last_word("translat") == "translat:*"


def test_without_statistics_the_last_word_is_a_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "_stats", lambda: None)
    assert search._last_word("month") == "month:*"


@pytest.mark.usefixtures("known_words")
def test_a_long_need_finds_the_last_word_and_its_common_longer_forms(owner: User) -> None:
    make_member("Bea", offers=[("supplier", "translator for French contracts, monthly")])
    make_member("Cal", offers=[("supplier", "French translator, booked a month ahead")])
    make_member("Dee", offers=[("supplier", "Portuguese lessons")])
    if connection.vendor == "postgresql":
        assert search.plan(search.search_terms("translator french contract next month"))[1] == 3
    # Bea has three of the words only with "monthly"; Cal has "month" itself.
    found = names("a translator for a French contract next month")
    assert set(found) == {"Bea Example", "Cal Example"}
    # Still being typed: the last word is a prefix.
    assert set(names("a translator for a French contract next mon")) == set(found)


@pytest.mark.usefixtures("known_words")
def test_a_ranked_search_counts_and_lists_active_members_only(owner: User) -> None:
    members = [
        make_member(f"Tax{n}", offers=[("supplier", "tax adviser for freelancers")])
        for n in range(4)
    ]
    gone = members[0]
    gone.is_active = False
    gone.save()
    results = selectors.member_search(query="I need a tax adviser who knows freelancers")
    if connection.vendor == "postgresql":
        assert results.ranked is not None  # the one query that reads page and count
    assert results.count() == 3
    listed = [p.user_id for p in results[0:20]]
    assert sorted(listed) == sorted(m.pk for m in members[1:])


def test_the_ranked_count_stops_at_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    cache.clear()
    monkeypatch.setattr(selectors, "MEMBER_COUNT_CAP", 2)
    for n in range(4):
        make_member(f"Tax{n}", offers=[("supplier", "tax adviser for freelancers")])
    results = selectors.member_search(query="tax adviser for freelancers")
    assert results.count() == 3  # the cap and one more: "2+"
    assert len(results[0:20]) == 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN indexes")
def test_the_search_indexes_keep_a_short_pending_list() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname IN "
            "('profiles_profile_search_idx', 'profiles_profile_trgm_idx')"
        )
        options = dict(cursor.fetchall())
    assert options == {
        "profiles_profile_search_idx": ["gin_pending_list_limit=128"],
        "profiles_profile_trgm_idx": ["gin_pending_list_limit=128"],
    }
