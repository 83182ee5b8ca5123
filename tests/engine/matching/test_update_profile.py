"""An engine takes one changed profile in place and ranks as a rebuilt one does."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from mensch.engine.matching import Item, MatchEngine, Profile

pytestmark = pytest.mark.unit


class Words:
    """Vectors from the text alone, as the semantic model's are."""

    name = "words"
    stable_vectors = True
    embedding_key = "words"

    def fit(self, texts: Sequence[str]) -> None:
        return None

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        out = np.zeros((len(texts), 128), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                out[row, zlib.crc32(word.encode()) % 128] += 1.0
        return out


class Store:
    def __init__(self) -> None:
        self.rows: dict[str, NDArray[np.float32]] = {}

    def load(self, model: str, digests: Sequence[str]) -> dict[str, NDArray[np.float32]]:
        return {d: self.rows[d] for d in digests if d in self.rows}

    def save(self, model: str, vectors: dict[str, NDArray[np.float32]]) -> None:
        self.rows.update(vectors)


def person(i: int, asks: str, offers: str, industry: str = "") -> Profile:
    return Profile(
        id=f"p{i}",
        name=f"Person {i}",
        headline=f"{offers} specialist",
        industry=industry or f"industry {i % 3}",
        asks=(Item("supplier", asks),),
        offers=(Item("supplier", offers),),
    )


TRADES = ["bookkeeping", "logos", "payroll", "photography", "translation", "plumbing"]


def community() -> list[Profile]:
    return [person(i, TRADES[i % 6], TRADES[(i * 5 + 1) % 6]) for i in range(24)]


def test_a_profile_taken_in_place_ranks_as_a_rebuilt_engine_does() -> None:
    people = community()
    store = Store()
    engine = MatchEngine(people, model=Words(), embeddings=store)
    before = engine.recommend_many([p.id for p in people], top=5)
    changed = Profile(
        id="p3",
        name="Person 3",
        headline="",
        industry="Catering",
        asks=(Item("supplier", "plumbing"), Item("advice", "logos and more logos")),
        offers=(Item("supplier", "bookkeeping"), Item("supplier", "payroll help")),
    )
    embedded = engine.embedded
    assert engine.update_profile(changed)
    assert engine.embedded - embedded == 2  # "logos and more logos", "payroll help" only
    people[3] = changed
    rebuilt = MatchEngine(people, model=Words(), embeddings=store)
    np.testing.assert_allclose(engine.asks, rebuilt.asks, atol=1e-6)
    np.testing.assert_allclose(engine.offers, rebuilt.offers, atol=1e-6)
    ids = [p.id for p in people]
    after = engine.recommend_many(ids, top=5)
    assert after == rebuilt.recommend_many(ids, top=5)
    assert after != before


def test_a_new_member_or_a_changed_visibility_needs_a_rebuild() -> None:
    people = community()
    engine = MatchEngine(people, model=Words())
    assert not engine.update_profile(person(99, "logos", "plumbing"))
    hidden = Profile(id="p2", name="Person 2", hidden=True)
    assert not engine.update_profile(hidden)
