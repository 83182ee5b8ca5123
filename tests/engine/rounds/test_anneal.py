"""Annealing bookkeeping: every move's predicted effect matches a recount."""

from __future__ import annotations

import numpy as np
import pytest

from mensch.engine.rounds.anneal import _State

pytestmark = pytest.mark.unit


def _soft_score(state: _State) -> float:
    return (
        state.value
        + state.topic_score
        - state.soft_repeat * state.repeats
        - state.forbidden_penalty * state.clashes
    )


@pytest.mark.parametrize("rather_not", [False, True])
def test_anneal_state_move_effects_match_a_full_recount(rather_not: bool) -> None:
    rng = np.random.default_rng(0)
    n, rounds = 20, 3
    values = rng.random((n, n))
    values = values + values.T
    np.fill_diagonal(values, 0.0)
    forbidden = rng.random((n, n)) < 0.05
    forbidden = forbidden | forbidden.T
    np.fill_diagonal(forbidden, False)
    if rather_not:
        # Pairs who would rather not meet weigh a fraction of a pair that must not.
        soft = rng.random((n, n)) < 0.1
        soft = (soft | soft.T) & ~forbidden
        np.fill_diagonal(soft, False)
        forbidden = forbidden + 0.03 * soft
    labels = rng.integers(0, 3, n)
    same = (labels[:, None] == labels[None, :]).astype(np.float64) * 7.0
    np.fill_diagonal(same, 0.0)
    bonus: list[np.ndarray | None] = [same, None, same]
    tabs = [rng.permutation(np.repeat(np.arange(5), 4)) for _ in range(rounds)]
    state = _State(tabs, values, forbidden, bonus, 0.7, 100.0)

    for step in range(600):
        a, b = (int(person) for person in rng.integers(0, n, size=2))
        if a == b:
            continue
        before = _soft_score(state)
        if step % 2:
            r = int(rng.integers(rounds))
            predicted = state.swap_delta(r, a, b)
            if predicted is None:
                continue
            state.swap(r, a, b)
        else:
            predicted = state.relabel_delta(a, b)
            state.relabel(a, b)
        recount = _State(
            [np.array(seats) for seats in state.seats], values, forbidden, bonus, 0.7, 100.0
        )
        assert _soft_score(state) - before == pytest.approx(predicted, abs=1e-9)
        assert _soft_score(recount) == pytest.approx(_soft_score(state), abs=1e-9)
