"""The candidate index: the same lists as brute force when it looks everywhere."""

from __future__ import annotations

import random

import numpy as np
import pytest

from mensch.engine.matching import MatchEngine, MatchSettings, Profile
from mensch.engine.matching.index import IndexSettings

from .conftest import person

pytestmark = pytest.mark.unit

TOPICS = (
    ("bookkeeping for small firms", "someone to keep our books"),
    ("brand identity design", "a new logo"),
    ("website development", "a new website"),
    ("seed investment", "investors for our seed round"),
    ("wedding photography", "photos of our team"),
    ("contract review by a lawyer", "legal advice on contracts"),
    ("catering for events", "food for our launch party"),
    ("German translation", "a translator for our brochure"),
)


def community(n: int, seed: int = 3) -> list[Profile]:
    rng = random.Random(seed)
    people = []
    for i in range(n):
        offer, ask = rng.sample(range(len(TOPICS)), 2)
        people.append(
            person(
                f"p{i}",
                industry=f"industry {offer}",
                offers=(f"{TOPICS[offer][0]} in city {rng.randint(1, 9)}",),
                asks=(f"{TOPICS[ask][1]} {rng.choice(['soon', 'this year', 'please'])}",),
                hidden=i % 50 == 49,
            )
        )
    return people


def test_ivf_probing_every_cluster_finds_exactly_what_brute_force_finds() -> None:
    people = community(400)
    settings = MatchSettings(
        index=IndexSettings(kind="ivf", members_per_cluster=20, probe_fraction=1.0)
    )
    engine = MatchEngine(people, settings=settings)
    rows = np.arange(len(people))

    got_ids, got_values = engine.index.search(rows, 15)
    want_ids, want_values = engine.index.search_exact(rows, 15)

    assert engine.index.kind == "ivf"
    assert np.array_equal(got_ids, want_ids)
    assert np.allclose(got_values, want_values)


def test_ivf_member_list_alone_matches_the_full_run_candidates() -> None:
    people = community(400)
    settings = MatchSettings(
        index=IndexSettings(kind="ivf", members_per_cluster=20, probe_fraction=0.2)
    )
    engine = MatchEngine(people, settings=settings)

    all_ids, _ = engine.index.search_all(10)
    one_ids, _ = engine.index.search(np.array([7, 123]), 10)

    assert np.array_equal(one_ids, all_ids[[7, 123]])


def test_ivf_never_returns_hidden_members_or_oneself() -> None:
    people = community(400)
    engine = MatchEngine(
        people, settings=MatchSettings(index=IndexSettings(kind="ivf", members_per_cluster=20))
    )

    ids, _ = engine.index.search_all(20)

    hidden = {i for i, p in enumerate(people) if p.hidden}
    assert not hidden & set(ids[ids >= 0].tolist())
    assert all(row not in ids[row] for row in range(len(people)))
