"""Pair value matrices for the round scheduler tests."""

from __future__ import annotations

import numpy as np


def low_rank_values(n: int, seed: int = 0, dims: int = 4) -> np.ndarray:
    """A seeded symmetric value matrix: many pairs worth something, a few a lot."""
    rng = np.random.default_rng(seed)
    asks = rng.random((n, dims))
    offers = rng.random((n, dims))
    values = asks @ offers.T
    values = values + values.T
    values = np.maximum(values - np.median(values), 0.0)
    np.fill_diagonal(values, 0.0)
    return values


def ids_for(n: int) -> list[str]:
    return [f"a{number:03d}" for number in range(n)]


def pairs_met(rounds: list[list[list[str]]]) -> list[frozenset[str]]:
    """Every pair seated together, once per round it sits together."""
    met: list[frozenset[str]] = []
    for tables in rounds:
        for table in tables:
            met.extend(
                frozenset((first, second))
                for position, first in enumerate(table)
                for second in table[position + 1 :]
            )
    return met
