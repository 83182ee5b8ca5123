"""rank_for_need: a free-text need against every member's offers, from the fitted engine."""

from __future__ import annotations

import numpy as np
import pytest

from mensch.engine.matching import MatchEngine, NeedMatch, Profile
from tests.engine.matching.conftest import person

pytestmark = pytest.mark.unit

NEED = "someone to do the bookkeeping for my studio"


def test_bookkeepers_come_first_with_their_best_offer(studio_community: list[Profile]) -> None:
    engine = MatchEngine(studio_community)
    found = engine.rank_for_need(NEED, top=3)
    assert [m.id for m in found[:2]] == ["bo", "cy"]
    assert all(isinstance(m, NeedMatch) for m in found)
    assert found[0].score >= found[1].score > 0
    assert found[0].best_offer == 0


def test_best_offer_points_at_the_offer_that_meets_the_need() -> None:
    engine = MatchEngine(
        [
            person("ana", offers=("product photography", "bookkeeping for freelancers")),
            person("bo", offers=("wedding photography",)),
        ]
    )
    [first, *_] = engine.rank_for_need("bookkeeping for a freelancer", top=1)
    assert (first.id, first.best_offer) == ("ana", 1)


def test_top_exclude_only_and_min_score(studio_community: list[Profile]) -> None:
    engine = MatchEngine(studio_community)
    assert [m.id for m in engine.rank_for_need(NEED, top=1)] == ["bo"]
    assert "bo" not in [m.id for m in engine.rank_for_need(NEED, top=5, exclude={"bo"})]
    assert [m.id for m in engine.rank_for_need(NEED, top=5, only={"cy", "eve"})][:1] == ["cy"]
    mask = engine.mask_of({"cy", "eve", "nobody"})
    assert engine.rank_for_need(NEED, top=5, only=mask) == engine.rank_for_need(
        NEED, top=5, only={"cy", "eve"}
    )
    assert engine.rank_for_need(NEED, top=5, min_score=1.01) == []
    assert engine.rank_for_need(NEED, top=0) == []


def test_hidden_members_and_unrelated_needs_find_nobody(studio_community: list[Profile]) -> None:
    community = [
        person("bo", offers=("bookkeeping for small studios",), hidden=True),
        *[p for p in studio_community if p.id != "bo"],
    ]
    engine = MatchEngine(community)
    assert "bo" not in [m.id for m in engine.rank_for_need(NEED, top=10)]
    assert engine.rank_for_need("zzzz qqqq", top=10) == []
    assert engine.rank_for_need("", top=10) == []


def test_headline_stands_in_without_offers() -> None:
    engine = MatchEngine([person("hu", headline="Bookkeeper for studios"), person("x")])
    [found] = engine.rank_for_need("a bookkeeper", top=5)
    assert (found.id, found.best_offer) == ("hu", None)


def test_ties_keep_profile_order_and_scores_match_the_one_sided_value() -> None:
    same = ("bookkeeping and VAT returns for small studios",)
    community = [person(f"m{n:02d}", offers=same) for n in range(12)]
    community.append(person("photo", offers=("product photography",)))
    engine = MatchEngine(community)
    found = engine.rank_for_need(NEED, top=5)
    assert [m.id for m in found] == [f"m{n:02d}" for n in range(5)]
    # The same value the engine gives the pair one-sidedly: rescaled f, no look-alike term.
    vector = np.asarray(engine.model.encode([NEED]), dtype=np.float32)[0]
    vector /= np.linalg.norm(vector)
    f = np.array([engine.offers[0] @ vector], dtype=np.float32)
    expected = engine.scorer.values(f, None, np.zeros(1, dtype=np.float32))[0]
    assert found[0].score == pytest.approx(float(expected))


def test_an_empty_community_finds_nobody() -> None:
    assert MatchEngine([]).rank_for_need(NEED) == []
    assert MatchEngine([person("a"), person("b")]).rank_for_need(NEED) == []


def test_ranking_needs_no_candidate_index(studio_community: list[Profile]) -> None:
    engine = MatchEngine(studio_community)
    engine.rank_for_need(NEED)
    assert engine._index is None  # the directory never pays for the people-to-meet index
    assert engine.recommend("dana", top=2)
    assert engine._index is not None
