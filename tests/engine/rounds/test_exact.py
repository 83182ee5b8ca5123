"""The exact solver (MILP) and the heuristic measured against it."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from mensch.engine.rounds import schedule_rounds
from mensch.engine.rounds.exact import exact_schedule
from tests.engine.rounds.values import ids_for, low_rank_values

pytestmark = pytest.mark.unit


def test_exact_schedule_small_event_is_repeat_free_and_optimal() -> None:
    values = low_rank_values(9, seed=2)

    exact = exact_schedule(values, rounds=2, table_size=3, time_limit=60)

    assert exact.optimal
    pairs = [
        pair
        for tables in exact.rounds
        for table in tables
        for pair in combinations(sorted(table), 2)
    ]
    assert len(pairs) == len(set(pairs)) == 18
    for tables in exact.rounds:
        assert sorted(len(table) for table in tables) == [3, 3, 3]
        assert sorted(person for table in tables for person in table) == list(range(9))
    assert exact.value == pytest.approx(sum(values[i, j] for i, j in pairs))
    assert exact.bound == pytest.approx(exact.value, rel=1e-3)


def test_exact_schedule_keeps_forbidden_pairs_apart() -> None:
    values = low_rank_values(8, seed=3)
    forbidden = np.zeros((8, 8), dtype=bool)
    best = np.unravel_index(np.argmax(values), values.shape)
    forbidden[best] = forbidden[best[::-1]] = True

    exact = exact_schedule(values, rounds=1, table_size=4, forbidden=forbidden, time_limit=60)

    assert all(not (best[0] in table and best[1] in table) for table in exact.rounds[0])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_schedule_rounds_small_event_within_five_percent_of_optimum(seed: int) -> None:
    values = low_rank_values(12, seed=seed)

    exact = exact_schedule(values, rounds=2, table_size=3, time_limit=60)
    ours = schedule_rounds(ids_for(12), 2, 3, values, seed=seed)

    assert exact.optimal
    assert ours.repeats == 0
    assert ours.value >= 0.95 * exact.value
