"""The pruned need search (mensch.engine.matching.bounds) gives exactly the full product's
answer: the same members, in the same order, with the same scores."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from numpy.typing import NDArray

from mensch.demo.people import generate_people, person_to_match_record
from mensch.engine.matching import Item, MatchEngine, NeedMatch, Profile, profile_from_record
from mensch.engine.matching import bounds as need_bounds
from mensch.engine.matching.bounds import OfferBounds, Value, candidate_rows, similarity, top_rows
from mensch.engine.matching.scoring import PairScorer

pytestmark = pytest.mark.unit

NEEDS = [
    "someone to keep the books and do the VAT for my design studio",
    "a photographer for our new product range",
    "help with a website for my bakery",
    "a lawyer to review a lease",
    "introductions to investors for a seed round",
    "marketing advice for a small restaurant",
    "tax advice",
]


def _unit(rows: NDArray[np.float32]) -> NDArray[np.float32]:
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)


def _community(seed: int, n: int = 3000, dim: int = 48) -> NDArray[np.float32]:
    """Offer vectors shaped like real ones: a few strong directions, exact duplicates (ties),
    members with no offers (all zero) and one whose offers are the query itself."""
    rng = np.random.default_rng(seed)
    scale = np.geomspace(1.0, 0.05, dim).astype(np.float32)
    offers = _unit((rng.standard_normal((n, dim)) * scale).astype(np.float32))
    offers[rng.choice(n, 300)] = offers[rng.choice(n, 300)]  # members with the same offers
    offers[rng.choice(n, 50)] = 0.0  # members with no offers
    return offers


def _value(floor: float) -> Value:
    scorer = PairScorer(reciprocal=False, help_floor=floor, alike_floor=0.1)

    def value(sims: NDArray[np.float32]) -> NDArray[np.float32]:
        return scorer.values(sims, None, np.zeros_like(sims))

    return value


def _full_product(
    offers: NDArray[np.float32],
    vector: NDArray[np.float32],
    allowed: NDArray[np.bool_],
    top: int,
    value: Value,
    min_score: float,
    *,
    exact: bool = True,
) -> tuple[NDArray[np.intp], NDArray[np.float32]]:
    """The answer as rank_for_need found it before: every member scored, then sorted."""
    sims = similarity(offers, np.arange(len(offers)), vector) if exact else offers @ vector
    scores = value(sims)
    rows = np.flatnonzero(allowed & (scores >= min_score) & (scores > 0))
    order = np.lexsort((rows, -scores[rows]))[:top]
    return rows[order], scores[rows[order]]


@pytest.mark.parametrize("seed", range(6))
def test_top_rows_is_the_full_products_answer(seed: int) -> None:
    offers = _community(seed)
    bounds = OfferBounds(offers, head=8, blocks=4)
    rng = np.random.default_rng(100 + seed)
    queries = [offers[rng.integers(len(offers))]]  # a query some member's offers equal
    queries += [_unit(rng.standard_normal((offers.shape[1],), dtype=np.float32)) for _ in range(3)]
    queries += [_unit(offers[rng.choice(len(offers), 3)].sum(axis=0))]  # near a few members
    checked = 0
    for vector in queries:
        for floor in (0.0, 0.2):
            value = _value(floor)
            for top in (1, 7, 40, 5000):
                for min_score in (0.0, 0.05, 0.3):
                    allowed = rng.random(len(offers)) < (0.97 if top != 7 else 0.1)
                    got = top_rows(offers, bounds, vector, allowed.copy(), top, value, min_score)
                    want = _full_product(offers, vector, allowed, top, value, min_score)
                    assert np.array_equal(got[0], want[0])
                    assert np.array_equal(got[1], want[1])  # the same bits
                    # And the BLAS product's scores, to float rounding.
                    blas = _full_product(
                        offers, vector, allowed, top, value, min_score, exact=False
                    )
                    assert np.allclose(got[1], blas[1], rtol=0, atol=1e-5)
                    checked += len(want[0])
    assert checked > 1000  # the cases above rank members, not only empty lists


def test_top_rows_without_keys_is_the_same_answer() -> None:
    offers = _community(7)
    vector = offers[11]
    value = _value(0.1)
    allowed = np.ones(len(offers), dtype=bool)
    with_keys = top_rows(
        offers, OfferBounds(offers, head=8, blocks=4), vector, allowed, 30, value, 0.0
    )
    without = top_rows(offers, None, vector, allowed, 30, value, 0.0)
    assert np.array_equal(with_keys[0], without[0])
    assert with_keys[0][0] == np.flatnonzero((offers == offers[11]).all(axis=1))[0]


def test_ties_keep_row_order() -> None:
    rng = np.random.default_rng(3)
    offers = _unit(rng.standard_normal((500, 32)).astype(np.float32))
    offers[[400, 17, 250]] = offers[5]  # four members with the same offers
    got, scores = top_rows(
        offers,
        OfferBounds(offers, head=6, blocks=3),
        offers[5].copy(),
        np.ones(500, bool),
        3,
        _value(0.0),
        0.0,
    )
    assert got.tolist() == [5, 17, 250]
    assert scores[0] == scores[1] == scores[2]


def test_keys_bound_every_similarity() -> None:
    offers = _community(9)
    bounds = OfferBounds(offers, head=8, blocks=4)
    rng = np.random.default_rng(9)
    for _ in range(5):
        vector = _unit(rng.standard_normal((offers.shape[1],), dtype=np.float32))
        reach = bounds.reach(vector)
        assert (reach + need_bounds.SLACK >= offers @ vector).all()
        assert (reach < offers @ vector + 1.5).all()  # a bound, not a constant


def test_keys_prune_most_members() -> None:
    """The point of the keys: most members are never scored exactly."""
    offers = _community(4, n=6000)
    rows = candidate_rows(
        offers,
        OfferBounds(offers, head=16, blocks=8),
        offers[3],
        np.ones(6000, bool),
        20,
        _value(0.0),
        0.05,
    )
    assert 20 <= len(rows) < 3000
    assert (
        len(candidate_rows(offers, None, offers[3], np.ones(6000, bool), 20, _value(0.0), 0.05))
        == 6000
    )


def test_small_communities_get_no_keys() -> None:
    rng = np.random.default_rng(0)
    assert OfferBounds.fit(_unit(rng.standard_normal((100, 256)).astype(np.float32))) is None
    assert OfferBounds.fit(_unit(rng.standard_normal((5000, 32)).astype(np.float32))) is None
    fitted = OfferBounds.fit(_unit(rng.standard_normal((5000, 256)).astype(np.float32)))
    assert fitted is not None
    assert fitted.keys.shape == (5000, 64 + 16)  # a third of the offers matrix


# -- the engine, on demo members -------------------------------------------------------


def _demo(n: int) -> list[Profile]:
    profiles = [profile_from_record(person_to_match_record(p)) for p in generate_people(n, seed=1)]
    return [replace(p, hidden=True) if i % 50 == 49 else p for i, p in enumerate(profiles)]


def _engine() -> MatchEngine:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(need_bounds, "MIN_ROWS", 0)  # keys even for a test-sized community
        engine = MatchEngine(_demo(1500), model="lexical")
    assert engine.need_bounds is not None
    return engine


@pytest.fixture(scope="module")
def demo_engine() -> MatchEngine:
    return _engine()


def _reference(
    engine: MatchEngine,
    need: str,
    top: int,
    *,
    exclude: frozenset[str] | set[str] = frozenset(),
    only: set[str] | None = None,
    min_score: float = 0.0,
) -> list[NeedMatch]:
    """rank_for_need as it was: every member scored, then the best."""
    vector = np.asarray(engine.model.encode([need]), dtype=np.float32).reshape(-1)
    vector /= np.linalg.norm(vector)
    sims = similarity(engine.offers, np.arange(len(engine.profiles)), vector)
    scores = engine.scorer.values(sims, None, np.zeros_like(sims))
    ids = [p.id for p in engine.profiles]
    rows = [
        row
        for row in range(len(ids))
        if engine.visible[row]
        and ids[row] not in exclude
        and (only is None or ids[row] in only)
        and scores[row] >= min_score
        and scores[row] > 0
    ]
    rows.sort(key=lambda row: (-scores[row], row))
    chosen = rows[:top]
    found = []
    for row in chosen:
        offers = engine.items.offers[row]
        best = int((engine.items.vectors[offers] @ vector).argmax())
        found.append(
            NeedMatch(
                ids[row], float(scores[row]), None if engine.items.headline_offer[row] else best
            )
        )
    return found


@pytest.mark.parametrize("need", NEEDS)
def test_rank_for_need_with_keys_matches_every_member_scored(
    demo_engine: MatchEngine, need: str
) -> None:
    engine = demo_engine
    ids = [p.id for p in engine.profiles]
    rng = np.random.default_rng(len(need))
    only = set(rng.choice(ids, 600, replace=False).tolist())
    first = [m.id for m in engine.rank_for_need(need, top=5)]
    for top, min_score in [(100, 0.0), (100, 0.05), (2000, 0.0)]:
        want = _reference(engine, need, top, min_score=min_score)
        assert engine.rank_for_need(need, top=top, min_score=min_score) == want
    want = _reference(engine, need, 10, exclude=set(first[:3]))
    assert engine.rank_for_need(need, top=10, exclude=set(first[:3])) == want
    want = _reference(engine, need, 50, only=only, min_score=0.05)
    assert engine.rank_for_need(need, top=50, only=only, min_score=0.05) == want
    mask = engine.mask_of(only)
    assert engine.rank_for_need(need, top=50, only=mask, min_score=0.05) == want
    assert first  # the demo members meet the need


def test_rank_for_need_follows_an_updated_profile() -> None:
    engine = _engine()
    need = "a lawyer to review a lease"
    last = next(p for p in reversed(engine.profiles) if not p.hidden)
    before = [m.id for m in engine.rank_for_need(need, top=20)]
    assert last.id not in before
    changed = replace(last, offers=(Item("resource", "lawyer to review a lease"),))
    assert engine.update_profile(changed)
    found = engine.rank_for_need(need, top=20)
    assert found == _reference(engine, need, 20)
    assert found[0].id == last.id


def test_a_need_excluding_many_members_is_still_exact(demo_engine: MatchEngine) -> None:
    """Excluding members from the first, the middle and beyond the first page leaves the
    ranking of everyone else exactly as scoring every member gives it."""
    engine = demo_engine
    need = "a coach for my sales team"  # searched for by no other test
    ranked = [m.id for m in engine.rank_for_need(need, top=100)]
    assert len(ranked) == 100
    beyond = [m.id for m in _reference(engine, need, 140)]
    for excluded in (set(ranked[:5]), set(ranked[1:90:2]), set(beyond[:125])):
        want = _reference(engine, need, 20, exclude=excluded)
        assert engine.rank_for_need(need, top=20, exclude=excluded) == want
        assert not excluded & {m.id for m in want}
    # A long list, then a short one.
    assert engine.rank_for_need(need, top=500) == _reference(engine, need, 500)
    assert engine.rank_for_need(need, top=3) == _reference(engine, need, 3)


def test_a_need_nobody_meets_finds_nobody(demo_engine: MatchEngine) -> None:
    assert demo_engine.rank_for_need("zzqx qqzv", top=5) == []
    assert demo_engine.rank_for_need("zzqx qqzv", top=5, exclude={"1"}) == []
