"""Exact optimum for small instances, to measure the heuristic against.

A set-partitioning program solved by HiGHS through ``scipy.optimize.milp``:
one binary variable per (round, possible table), i.e. per subset of people of
an allowed size that contains no pair to keep apart, worth the summed value of
its pairs. Each round seats every person exactly once and uses the right
number of tables of each size; each pair shares a table in at most one round
(no repeats); rounds are ordered by person 0's table to remove the symmetry
between rounds. Its linear relaxation is tight, which is what makes proofs of
optimality possible, but the variables grow as ``C(n, k)``: a few dozen people
with small tables at most.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import comb

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from mensch.engine.rounds.errors import ScheduleInputError
from mensch.engine.rounds.sizes import table_sizes

MAX_EXACT_VARIABLES = 400_000


@dataclass(frozen=True)
class ExactResult:
    """``value``: best schedule found; ``bound``: no schedule can beat it.

    ``optimal`` is True when the solver proved ``value`` optimal (within its
    default relative gap of 1e-4). ``rounds`` holds the seating as tables of
    attendee indices, or is empty when no schedule was found in time.
    """

    value: float
    bound: float
    optimal: bool
    rounds: list[list[list[int]]]


class _Rows:
    """Collects sparse constraint rows ``low <= a @ x <= high``."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.data: list[float] = []
        self.low: list[float] = []
        self.high: list[float] = []

    def add(self, cols: list[int], coefs: list[float], low: float, high: float) -> None:
        row = len(self.low)
        self.rows.extend([row] * len(cols))
        self.cols.extend(cols)
        self.data.extend(coefs)
        self.low.append(low)
        self.high.append(high)

    def constraint(self, variables: int) -> LinearConstraint:
        matrix = coo_array(
            (self.data, (self.rows, self.cols)), shape=(len(self.low), variables)
        ).tocsr()
        return LinearConstraint(matrix, np.array(self.low), np.array(self.high))


def exact_schedule(
    values: ArrayLike,
    rounds: int,
    table_size: int,
    forbidden: NDArray[np.bool_] | None = None,
    time_limit: float = 30.0,
) -> ExactResult:
    """The best repeat-free schedule of a small instance (see module docstring)."""
    values = np.asarray(values, dtype=np.float64)
    n = values.shape[0]
    sizes = table_sizes(n, table_size)
    counts = {size: sizes.count(size) for size in set(sizes)}
    too_large = (
        f"{n} people at tables of {table_size} over {rounds} rounds is too large for the "
        f"exact solver (at most {MAX_EXACT_VARIABLES} round-table variables)"
    )
    if sum(comb(n, size) for size in counts) > 5 * MAX_EXACT_VARIABLES:
        raise ScheduleInputError(too_large)
    tables = [
        table
        for size in sorted(counts, reverse=True)
        for table in combinations(range(n), size)
        if forbidden is None or not any(forbidden[i, j] for i, j in combinations(table, 2))
    ]
    if len(tables) * rounds > MAX_EXACT_VARIABLES:
        raise ScheduleInputError(too_large)
    worth = np.array([sum(values[i, j] for i, j in combinations(t, 2)) for t in tables])
    per_round = len(tables)
    rows = _Rows()
    pair_rows: dict[tuple[int, int], list[int]] = {}
    for r in range(rounds):
        offset = r * per_round
        seats: list[list[int]] = [[] for _ in range(n)]
        by_size: dict[int, list[int]] = {size: [] for size in counts}
        for position, table in enumerate(tables):
            column = offset + position
            by_size[len(table)].append(column)
            for person in table:
                seats[person].append(column)
            for pair in combinations(table, 2):
                pair_rows.setdefault(pair, []).append(column)
        for columns in seats:
            rows.add(columns, [1.0] * len(columns), 1.0, 1.0)
        if len(counts) > 1:
            for size, columns in by_size.items():
                rows.add(columns, [1.0] * len(columns), counts[size], counts[size])
    if rounds > 1:
        for columns in pair_rows.values():
            rows.add(columns, [1.0] * len(columns), -np.inf, 1.0)
        _break_round_symmetry(rows, tables, rounds)
    variables = rounds * per_round
    result = milp(
        -np.tile(worth, rounds),
        constraints=rows.constraint(variables),
        integrality=np.ones(variables, dtype=np.uint8),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "disp": False},
    )
    dual = getattr(result, "mip_dual_bound", None)
    bound = float("inf") if dual is None or not np.isfinite(dual) else -float(dual)
    if result.x is None:
        return ExactResult(float("nan"), bound, False, [])
    chosen = np.flatnonzero(result.x > 0.5)
    seating = [
        [list(tables[c % per_round]) for c in chosen if c // per_round == r] for r in range(rounds)
    ]
    value = _value(values, seating)
    return ExactResult(value, max(bound, value), result.status == 0, seating)


def _break_round_symmetry(rows: _Rows, tables: list[tuple[int, ...]], rounds: int) -> None:
    """Rounds are interchangeable: order them by the table of person 0.

    Person 0 sits at a different table each round (no repeats), so requiring
    the index of that table to rise from round to round keeps exactly one of
    the ``rounds!`` orderings of every schedule.
    """
    per_round = len(tables)
    with_first = [position for position, table in enumerate(tables) if table[0] == 0]
    for r in range(rounds - 1):
        cols = [r * per_round + p for p in with_first] + [
            (r + 1) * per_round + p for p in with_first
        ]
        coefs = [float(p) for p in with_first] + [-float(p) for p in with_first]
        rows.add(cols, coefs, -np.inf, -1.0)


def _value(values: NDArray[np.float64], seating: list[list[list[int]]]) -> float:
    met: set[tuple[int, int]] = set()
    for tables in seating:
        for table in tables:
            met.update(combinations(sorted(table), 2))
    return float(sum(values[i, j] for i, j in met))
