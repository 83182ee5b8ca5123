"""The search that builds a schedule; see ``scheduler`` for the public API.

Phases, all driven by one seeded generator so the same seed gives the same
schedule (no phase ever stops on the clock):

1. Construction: each round in turn is seated greedily on a score matrix in
   which pairs that already met and pairs to keep apart carry large
   penalties, then improved by swap/move local search.
2. Sweeps: every round is improved again with all *other* rounds fixed, so
   early rounds are no longer favoured over late ones.
3. Annealing (events of up to 400 people): a few simulated annealing runs over
   the whole schedule (``anneal``), each from the best schedule so far and
   followed by a sweep.
4. Repair (any size): while repeats, kept-apart or rather-not pairs remain and the
   counting bounds say a repeat-free schedule may exist, an annealing run
   that looks only at repeats and kept-apart pairs, then one that wins value
   back without adding repeats; the best schedule is kept.

Pairs who would rather not meet (a soft avoid) carry a penalty below repeats
and above topic seating and value (see ``scoring``), so every phase keeps them
apart when it can; a seating is found whether or not it can.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from mensch.engine.rounds.anneal import TICKS, AnnealSettings, anneal_schedule, schedule_rank
from mensch.engine.rounds.inputs import Problem
from mensch.engine.rounds.scoring import ScoreScale, round_score, together
from mensch.engine.rounds.search import improve, seat_greedy

ProgressCallback = Callable[[int, int], None]

# Improvement sweeps over all rounds after the construction.
_SWEEPS = 2
# Annealing moves at effort 1; a move costs the same at any head count.
_ANNEAL_MOVES = 200_000
# The budget is split over this many restarts (see ``_anneal_runs``).
_ANNEAL_RUNS = 4
# Above this head count local search alone seats well and annealing is skipped
# (a repair run still happens when repeats remain).
_ANNEAL_MAX_ATTENDEES = 400
# Repair runs when repeats or kept-apart pairs remain.
_REPAIR_RUNS = 3


class Solver:
    """One scheduling run over a checked :class:`Problem`."""

    def __init__(
        self,
        problem: Problem,
        sizes: list[int],
        seed: int,
        effort: float,
        progress: ProgressCallback | None,
    ) -> None:
        self.problem = problem
        self.sizes = sizes
        self.tables = len(sizes)
        self.n = len(problem.ids)
        self.rng = np.random.default_rng(seed)
        self.effort = effort
        self.progress = progress
        self.scale = ScoreScale.for_problem(
            problem.values, max(sizes), topics=problem.same_topic is not None
        )
        self.bonus = [
            self.scale.topic_bonus * problem.same_topic
            if problem.same_topic is not None and r in problem.topic_rounds
            else None
            for r in range(problem.rounds)
        ]
        # Pairs to keep apart, weighted: 1 must not meet, less for rather not.
        self.apart = problem.apart_weights(self.scale.rather_not_ratio)
        anneal_steps = TICKS * _ANNEAL_RUNS if self._anneal_moves() else 0
        self.total_steps = problem.rounds * (1 + _SWEEPS) + anneal_steps
        self.step = 0

    def solve(self, repeat_free: bool) -> list[NDArray[np.int64]]:
        tabs = self._construct()
        for _ in range(_SWEEPS):
            tabs = self._sweep(tabs, tick=True)
        moves = self._anneal_moves()
        if moves:
            tabs = self._anneal_runs(tabs, moves)
        if self._needs_repair(tabs, repeat_free):
            tabs = self._repair(tabs, repeat_free)
        return tabs

    def advance(self) -> None:
        self.step += 1
        if self.progress is not None:
            self.progress(self.step, self.total_steps)

    def _anneal_moves(self) -> int:
        if self.effort <= 0 or self.n > _ANNEAL_MAX_ATTENDEES:
            return 0
        return int(self.effort * _ANNEAL_MOVES)

    def _score(self, round_index: int, met_elsewhere: NDArray[np.int32]) -> NDArray[np.float64]:
        problem = self.problem
        same_topic = problem.same_topic if round_index in problem.topic_rounds else None
        return round_score(problem.values, met_elsewhere, self.apart, same_topic, self.scale)

    def _construct(self) -> list[NDArray[np.int64]]:
        met = np.zeros((self.n, self.n), dtype=np.int32)
        tabs: list[NDArray[np.int64]] = []
        for round_index in range(self.problem.rounds):
            score = self._score(round_index, met)
            tab = seat_greedy(score, self.sizes, self.rng)
            tab, _ = improve(score, tab, self.tables, self.rng)
            met += together(tab)
            tabs.append(tab)
            self.advance()
        return tabs

    def _sweep(self, tabs: list[NDArray[np.int64]], tick: bool) -> list[NDArray[np.int64]]:
        """Improve each round in turn with the others fixed."""
        tabs = list(tabs)
        met = _meetings(tabs, self.n)
        for round_index in range(self.problem.rounds):
            if self.problem.rounds > 1:
                own = together(tabs[round_index])
                score = self._score(round_index, met - own)
                tab, gain = improve(score, tabs[round_index], self.tables, self.rng)
                if gain > 0:
                    met += together(tab).astype(np.int32) - own
                    tabs[round_index] = tab
            if tick:
                self.advance()
        return tabs

    def _anneal(
        self, tabs: list[NDArray[np.int64]], moves: int, tick: bool
    ) -> list[NDArray[np.int64]]:
        problem = self.problem
        tabs = anneal_schedule(
            tabs,
            problem.values,
            self.apart,
            self.bonus,
            self.scale,
            self.rng,
            AnnealSettings(moves),
            tick=self.advance if tick else None,
        )
        return self._sweep(tabs, tick=False)

    def _anneal_runs(self, tabs: list[NDArray[np.int64]], moves: int) -> list[NDArray[np.int64]]:
        """Several shorter annealing runs, each from the best schedule so far.

        One long run ends in a good or a poor region largely by luck; the best
        of a few restarts is much steadier at the same cost.
        """
        best, best_rank = tabs, self._rank(tabs)
        for _ in range(_ANNEAL_RUNS):
            candidate = self._anneal(best, moves // _ANNEAL_RUNS, tick=True)
            rank = self._rank(candidate)
            if rank > best_rank:
                best, best_rank = candidate, rank
        return best

    def _rank(self, tabs: list[NDArray[np.int64]]) -> float:
        problem = self.problem
        return schedule_rank(tabs, problem.values, self.apart, self.bonus, self.scale)

    def _needs_repair(self, tabs: list[NDArray[np.int64]], repeat_free: bool) -> bool:
        met = _meetings(tabs, self.n)
        upper = np.triu(np.ones((self.n, self.n), dtype=bool), 1)
        clashes = bool((upper & (self.apart > 0) & (met > 0)).any())
        repeats = bool((upper & (met > 1)).any())
        return clashes or (repeats and repeat_free)

    def _repair(self, tabs: list[NDArray[np.int64]], repeat_free: bool) -> list[NDArray[np.int64]]:
        """Anneal for fewer repeats with value out of the way, then win value back.

        With value in play the annealing trades a repeat for value while the
        repeat penalty is still soft, which on tight events can leave repeats
        that a pure repeat search removes. The second run keeps the repeat
        penalty hard from the start, so it adds value without adding repeats.
        """
        problem = self.problem
        best, best_rank = tabs, self._rank(tabs)
        moves = max(_ANNEAL_MOVES, self._anneal_moves())
        blank = np.zeros_like(problem.values)
        no_topics: list[NDArray[np.float64] | None] = [None] * problem.rounds
        self.total_steps += _REPAIR_RUNS
        for run in range(_REPAIR_RUNS):
            fewer = anneal_schedule(
                best,
                blank,
                self.apart,
                no_topics,
                self.scale,
                self.rng,
                AnnealSettings(moves),
            )
            candidate = anneal_schedule(
                fewer,
                problem.values,
                self.apart,
                self.bonus,
                self.scale,
                self.rng,
                AnnealSettings(moves, soft_repeat=math.inf),
            )
            candidate = self._sweep(candidate, tick=False)
            rank = self._rank(candidate)
            if rank > best_rank:
                best, best_rank = candidate, rank
            self.advance()
            if not self._needs_repair(best, repeat_free):
                for _ in range(run + 1, _REPAIR_RUNS):
                    self.advance()
                break
        return best


def _meetings(tabs: list[NDArray[np.int64]], n: int) -> NDArray[np.int32]:
    met = np.zeros((n, n), dtype=np.int32)
    for tab in tabs:
        met += together(tab)
    return met
