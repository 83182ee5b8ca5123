"""Seating one round: greedy construction and swap/move local search.

A round is an assignment ``tab`` (person index -> table index) with fixed
table sizes. Every routine here works on a *score matrix* ``score``: the
symmetric pair scores of this round (match value, topic bonus, and large
negative penalties for repeats and for pairs that must not meet), zero on the
diagonal. The score of a seating is the sum of ``score`` over the pairs that
share a table; everything below tries to raise it.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

# Gains smaller than this fraction of the largest score are rounding noise;
# taking them could make the search cycle.
_RELATIVE_EPS = 1e-12


def seat_random(n: int, sizes: list[int], rng: np.random.Generator) -> NDArray[np.int64]:
    """A uniformly random seating with the given table sizes."""
    tab = np.repeat(np.arange(len(sizes)), sizes)
    return tab[rng.permutation(n)]


def seat_greedy(
    score: NDArray[np.float64], sizes: list[int], rng: np.random.Generator
) -> NDArray[np.int64]:
    """Fill tables one at a time, each time adding the best-scoring newcomer.

    Each table starts from the unseated person with the most conflicts (pairs
    they must not sit with) among those still unseated, so that hard-to-place
    people are seated while there is still choice; ties break in a seeded
    random order. Then, until the table is full, the unseated person whose
    scores with those already at the table sum highest sits down.
    """
    n = score.shape[0]
    tab = np.full(n, -1, dtype=np.int64)
    unseated = np.ones(n, dtype=bool)
    conflicts = (score < 0).sum(axis=1).astype(np.float64)
    # A seeded random tie-break below one conflict keeps the order deterministic.
    tiebreak = rng.random(n) * 0.5
    for table, size in enumerate(sizes):
        seed_rank = np.where(unseated, conflicts + tiebreak, -np.inf)
        first = int(np.argmax(seed_rank))
        tab[first] = table
        unseated[first] = False
        conflicts -= score[first] < 0
        gain = score[first].copy()
        for _ in range(size - 1):
            candidate_gain = np.where(unseated, gain, -np.inf)
            chosen = int(np.argmax(candidate_gain))
            tab[chosen] = table
            unseated[chosen] = False
            conflicts -= score[chosen] < 0
            gain += score[chosen]
    return tab


def table_sums(
    score: NDArray[np.float64], tab: NDArray[np.int64], tables: int
) -> NDArray[np.float64]:
    """``sums[p, t]``: the sum of ``score`` between person p and table t's people."""
    membership = np.zeros((score.shape[0], tables), dtype=np.float64)
    membership[np.arange(score.shape[0]), tab] = 1.0
    return np.asfortranarray(score @ membership)


def improve(
    score: NDArray[np.float64],
    tab: NDArray[np.int64],
    tables: int,
    rng: np.random.Generator,
    max_passes: int = 50,
) -> tuple[NDArray[np.int64], float]:
    """Best-improvement local search; returns the seating and the gain.

    Two moves, each taken only when it raises the score:

    * swap two people at different tables (sizes unchanged);
    * move one person from a table to a table one seat smaller (the two tables
      trade sizes, so the round keeps the same mix of table sizes).

    People are visited in a seeded random order; for each, every swap partner
    and every destination table is evaluated at once from ``table_sums``.
    Stops at a local optimum or after ``max_passes`` passes.
    """
    n = score.shape[0]
    tab = tab.copy()
    sums = table_sums(score, tab, tables)
    people = np.arange(n)
    own = sums[people, tab]
    counts = np.bincount(tab, minlength=tables)
    mixed_sizes = counts.min() != counts.max()
    eps = _RELATIVE_EPS * max(1.0, float(np.abs(score).max()))
    twice = 2.0 * score
    delta = np.empty(n)
    joining = np.empty(n)
    total_gain = 0.0
    for _ in range(max_passes):
        improved = False
        for a in rng.permutation(n):
            ta = tab[a]
            # gain[t]: what a adds at table t, less what a adds at home.
            gain = sums[a] - own[a]
            move_to, best = -1, -np.inf
            if mixed_sizes:
                smaller = np.where(counts < counts[ta], gain, -np.inf)
                move_to = int(smaller.argmax())
                best = smaller[move_to]
            # Swap with b: b's gain at a's table + a's gain at b's table, less
            # the pair (a, b) counted in both; a's own table is ruled out.
            gain[ta] = -np.inf
            np.take(gain, tab, out=joining)
            np.subtract(sums[:, ta], own, out=delta)
            delta += joining
            delta -= twice[a]
            b = int(delta.argmax())
            if delta[b] >= best:
                best, move_to = delta[b], -1
            if best <= eps:
                continue
            improved = True
            total_gain += float(best)
            if move_to >= 0:
                sums[:, ta] -= score[:, a]
                sums[:, move_to] += score[:, a]
                counts[ta] -= 1
                counts[move_to] += 1
                tab[a] = move_to
            else:
                tb = tab[b]
                diff = score[:, b] - score[:, a]
                sums[:, ta] += diff
                sums[:, tb] -= diff
                tab[a], tab[b] = tb, ta
            own = sums[people, tab]
        if not improved:
            break
    return tab, total_gain
