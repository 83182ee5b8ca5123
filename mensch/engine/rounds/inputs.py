"""Checking the scheduler's input and turning it into arrays."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mensch.engine.rounds.errors import InfeasibleSchedule, ScheduleInputError


@dataclass(frozen=True)
class Problem:
    """A checked scheduling problem, indexed by attendee position."""

    ids: list[str]
    rounds: int
    table_size: int
    values: NDArray[np.float64]
    forbidden: NDArray[np.bool_]
    same_topic: NDArray[np.float64] | None
    topic_rounds: frozenset[int]
    # Pairs who would rather not share a table: kept apart where possible, never at the
    # price of no seating (a pair that is also forbidden is only forbidden).
    rather_not: NDArray[np.bool_] | None = None

    def apart_weights(self, ratio: float) -> NDArray[np.float64]:
        """Pairs to keep apart as one matrix for the search: 1 for a pair that must not
        meet, ``ratio`` for a pair that would rather not."""
        weights: NDArray[np.float64] = self.forbidden.astype(np.float64)
        if self.rather_not is not None:
            weights = weights + ratio * self.rather_not
        return weights


def build_problem(
    attendee_ids: Sequence[str],
    rounds: int,
    table_size: int,
    values: ArrayLike,
    avoid: Iterable[tuple[str, str]],
    topics: Sequence[str | None] | None,
    topic_rounds: Collection[int] | None,
    rather_not: Iterable[tuple[str, str]] = (),
) -> Problem:
    ids = [str(identifier) for identifier in attendee_ids]
    if len(ids) < 2:
        raise ScheduleInputError(f"need at least 2 attendees to seat, got {len(ids)}")
    if len(set(ids)) != len(ids):
        duplicates = sorted(key for key, count in Counter(ids).items() if count > 1)
        raise ScheduleInputError(f"attendee ids must be unique; repeated: {', '.join(duplicates)}")
    if isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 1:
        raise ScheduleInputError(f"rounds must be a whole number of at least 1, got {rounds!r}")
    if isinstance(table_size, bool) or not isinstance(table_size, int) or table_size < 2:
        raise ScheduleInputError(f"table size must be at least 2, got {table_size!r}")
    matrix = _check_values(values, len(ids))
    forbidden = _forbidden_matrix(ids, avoid)
    soft = _forbidden_matrix(ids, rather_not) & ~forbidden
    same_topic, chosen_rounds = _topics(topics, topic_rounds, len(ids), rounds)
    return Problem(
        ids,
        rounds,
        table_size,
        matrix,
        forbidden,
        same_topic,
        chosen_rounds,
        soft if soft.any() else None,
    )


def _check_values(values: ArrayLike, n: int) -> NDArray[np.float64]:
    matrix = np.asarray(values, dtype=np.float64)
    if matrix.shape != (n, n):
        raise ScheduleInputError(
            f"pair values must be a {n}x{n} matrix for {n} attendees, got shape {matrix.shape}"
        )
    if not np.isfinite(matrix).all():
        raise ScheduleInputError("pair values must be finite numbers")
    matrix = matrix.copy()
    np.fill_diagonal(matrix, 0.0)
    if (matrix < 0).any():
        raise ScheduleInputError("pair values must be zero or more")
    tolerance = 1e-9 * max(1.0, float(matrix.max()))
    if not np.allclose(matrix, matrix.T, rtol=0.0, atol=tolerance):
        raise ScheduleInputError("pair values must be symmetric: value[a, b] == value[b, a]")
    return (matrix + matrix.T) / 2.0


def _forbidden_matrix(ids: list[str], avoid: Iterable[tuple[str, str]]) -> NDArray[np.bool_]:
    index = {identifier: position for position, identifier in enumerate(ids)}
    forbidden = np.zeros((len(ids), len(ids)), dtype=bool)
    for number, pair in enumerate(avoid, start=1):
        first, second = (str(part) for part in pair)
        for identifier in (first, second):
            if identifier not in index:
                raise ScheduleInputError(
                    f"pair {number} ({first}, {second}): unknown attendee id {identifier!r}"
                )
        if first == second:
            raise ScheduleInputError(
                f"pair {number} ({first}, {second}): an attendee cannot be kept apart from themself"
            )
        forbidden[index[first], index[second]] = True
        forbidden[index[second], index[first]] = True
    return forbidden


def _topics(
    topics: Sequence[str | None] | None,
    topic_rounds: Collection[int] | None,
    n: int,
    rounds: int,
) -> tuple[NDArray[np.float64] | None, frozenset[int]]:
    if topics is None:
        if topic_rounds:
            raise ScheduleInputError("topic rounds were chosen but no topics were given")
        return None, frozenset()
    labels = list(topics)
    if len(labels) != n:
        raise ScheduleInputError(f"got {len(labels)} topics for {n} attendees")
    chosen = frozenset(range(rounds)) if topic_rounds is None else frozenset(topic_rounds)
    outside = sorted(r for r in chosen if not 0 <= r < rounds)
    if outside:
        raise ScheduleInputError(
            f"topic rounds are numbered 0 to {rounds - 1}; got {', '.join(map(str, outside))}"
        )
    codes: dict[str, int] = {}
    coded = np.array(
        [
            -1 if label in (None, "") else codes.setdefault(str(label), len(codes))
            for label in labels
        ]
    )
    same = (coded[:, None] == coded[None, :]) & (coded[:, None] >= 0)
    np.fill_diagonal(same, False)
    return same.astype(np.float64), chosen


def check_forbidden_feasible(problem: Problem, sizes: list[int]) -> None:
    """Raise when pairs that must not meet obviously cannot be kept apart.

    Two counting checks: a person kept apart from so many others that the
    smallest table cannot be filled around them, and a group of people who must
    all be kept apart from each other that is larger than the number of tables.
    Subtler impossibilities surface after the search (see ``schedule_rounds``).
    """
    forbidden = problem.forbidden
    if not forbidden.any():
        return
    n = len(problem.ids)
    allowed = n - 1 - forbidden.sum(axis=1)
    need = min(sizes) - 1
    for person in np.flatnonzero(allowed < need):
        raise InfeasibleSchedule(
            f"{problem.ids[person]} must not meet {n - 1 - int(allowed[person])} of the other "
            f"{n - 1} attendees, so no table of {min(sizes)} can be filled around them"
        )
    group = _largest_apart_group(forbidden)
    if len(group) > len(sizes):
        names = ", ".join(problem.ids[person] for person in group)
        raise InfeasibleSchedule(
            f"{len(group)} attendees must all be kept apart ({names}), "
            f"but each round has only {len(sizes)} tables"
        )


def kept_apart_repeat_reason(problem: Problem, sizes: list[int]) -> str | None:
    """Why pairs to keep apart rule out a repeat-free schedule, if they do.

    Someone kept apart from so many people that fewer remain than the new
    tablemates they need over all rounds (at least ``min(sizes) - 1`` a round).
    """
    if not problem.forbidden.any() or problem.rounds < 2:
        return None
    n = len(problem.ids)
    kept_apart = problem.forbidden.sum(axis=1)
    needed = problem.rounds * (min(sizes) - 1)
    short = np.flatnonzero(n - 1 - kept_apart < needed)
    if not len(short):
        return None
    person = int(short[0])
    left = n - 1 - int(kept_apart[person])
    return (
        f"{problem.ids[person]} must not meet {int(kept_apart[person])} of the other {n - 1} "
        f"attendees, which leaves {left} to meet, but {problem.rounds} rounds at tables of "
        f"{min(sizes)} or more need {needed} different tablemates"
    )


def _largest_apart_group(forbidden: NDArray[np.bool_]) -> list[int]:
    """A large set of people who must all be kept apart (greedy clique search)."""
    best: list[int] = []
    degree = forbidden.sum(axis=1)
    for start in np.argsort(-degree, kind="stable"):
        if degree[start] + 1 <= len(best):
            break
        group = [int(start)]
        candidates = forbidden[start].copy()
        while candidates.any():
            inside = np.flatnonzero(candidates)
            links = forbidden[np.ix_(inside, inside)].sum(axis=1)
            chosen = int(inside[int(np.argmax(links))])
            group.append(chosen)
            candidates &= forbidden[chosen]
        if len(group) > len(best):
            best = group
    return sorted(best)
