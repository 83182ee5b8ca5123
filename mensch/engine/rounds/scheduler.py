"""The round scheduler: seat attendees over several rounds so the right people meet.

Plain data in (ids, a pair value matrix, pairs to keep apart, pairs who would
rather not meet), plain data out
(:class:`RoundSchedule`). No Django. How the search works is described in
``mensch.engine.rounds.solve``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mensch.engine.rounds.errors import InfeasibleSchedule
from mensch.engine.rounds.inputs import (
    Problem,
    build_problem,
    check_forbidden_feasible,
    kept_apart_repeat_reason,
)
from mensch.engine.rounds.scoring import ScoreScale, round_score, together
from mensch.engine.rounds.search import seat_greedy, seat_random
from mensch.engine.rounds.sizes import (
    describe_tables,
    repeat_bound_message,
    repeat_free_possible,
    table_sizes,
)
from mensch.engine.rounds.solve import ProgressCallback, Solver


@dataclass(frozen=True)
class RoundSchedule:
    """A seating plan.

    ``rounds[r][t]`` lists the attendee ids at table ``t`` in round ``r``.
    ``value`` is the total match value of the pairs who meet: each pair's
    value counts once however often it sits together, so a repeat adds
    nothing. ``repeats`` counts the pairs that sit together in more than one
    round. ``message`` says in words what the organizer gets, including why
    repeats could not be avoided. ``rather_not_together`` counts the pairs
    who would rather not meet but share a table anyway, because no seating
    kept them apart; the message leaves them out (it is shown to organizers,
    who need not learn who would rather not meet whom).
    """

    rounds: list[list[list[str]]]
    value: float
    repeats: int
    message: str
    rather_not_together: int = 0

    def to_json(self) -> dict[str, object]:
        """The ``schedule.json`` shape of the command line."""
        return {
            "rounds": [{"tables": tables} for tables in self.rounds],
            "value": self.value,
            "repeats": self.repeats,
        }


def schedule_rounds(
    attendee_ids: Sequence[str],
    rounds: int,
    table_size: int,
    values: ArrayLike,
    *,
    avoid: Iterable[tuple[str, str]] = (),
    rather_not: Iterable[tuple[str, str]] = (),
    seed: int = 0,
    topics: Sequence[str | None] | None = None,
    topic_rounds: Collection[int] | None = None,
    strict: bool = False,
    effort: float = 1.0,
    progress: ProgressCallback | None = None,
) -> RoundSchedule:
    """Seat ``attendee_ids`` at tables of ``table_size`` over ``rounds`` rounds.

    ``values[i, j]`` (symmetric, zero or more) is how much attendees ``i`` and
    ``j`` should meet. ``avoid`` lists id pairs that must never share a table
    (same company, a block): they are always respected, or
    :class:`InfeasibleSchedule` is raised naming the problem. No pair sits
    together twice when that is possible; when it is not, the result's
    ``repeats`` and ``message`` say so, or with ``strict=True`` the call
    raises :class:`InfeasibleSchedule`.

    ``rather_not`` lists id pairs who would rather not share a table (a
    declined introduction): a soft avoid. They sit apart whenever a seating
    without more repeats allows it, even at the price of topic seating or
    match value;
    when none does, the seating is still made and ``rather_not_together``
    counts them. They never make a schedule infeasible.

    ``topics`` gives each attendee's topic label (or None); in the rounds
    listed in ``topic_rounds`` (0-based, default: every round when topics are
    given) people with the same topic sit together wherever possible. Topic
    seating ranks below "no repeats" and above match value.

    ``effort`` scales the simulated annealing budget (0 turns it off; the
    repair of leftover repeats still runs; see ``mensch.engine.rounds.solve``).
    ``progress`` is called as ``progress(done, total)`` after each step.
    """
    problem = build_problem(
        attendee_ids, rounds, table_size, values, avoid, topics, topic_rounds, rather_not
    )
    sizes = table_sizes(len(problem.ids), table_size)
    check_forbidden_feasible(problem, sizes)
    reason = _why_repeats_are_unavoidable(problem, sizes)
    if strict and reason:
        raise InfeasibleSchedule(reason)
    tabs = Solver(problem, sizes, seed, effort, progress).solve(repeat_free=reason is None)
    return _result(problem, sizes, tabs, reason, strict)


def _why_repeats_are_unavoidable(problem: Problem, sizes: list[int]) -> str | None:
    """The counting argument that rules out a repeat-free schedule, if one does."""
    n = len(problem.ids)
    if not repeat_free_possible(n, problem.rounds, sizes):
        return repeat_bound_message(n, problem.rounds, problem.table_size, sizes)
    return kept_apart_repeat_reason(problem, sizes)


def baseline_schedule(
    attendee_ids: Sequence[str],
    rounds: int,
    table_size: int,
    values: ArrayLike,
    *,
    kind: str,
    avoid: Iterable[tuple[str, str]] = (),
    seed: int = 0,
) -> RoundSchedule:
    """A reference seating to compare against: ``kind`` "random" or "greedy".

    "random" seats everyone uniformly at random each round (repeats and
    pairs to keep apart are not checked). "greedy" is the scheduler's
    construction step alone: each round filled greedily with earlier meetings
    and kept-apart pairs penalised, and no improvement afterwards.
    """
    problem = build_problem(attendee_ids, rounds, table_size, values, avoid, None, None)
    sizes = table_sizes(len(problem.ids), table_size)
    rng = np.random.default_rng(seed)
    n = len(problem.ids)
    if kind == "random":
        tabs = [seat_random(n, sizes, rng) for _ in range(rounds)]
    elif kind == "greedy":
        scale = ScoreScale.for_problem(problem.values, max(sizes), topics=False)
        met = np.zeros((n, n), dtype=np.int32)
        tabs = []
        for _ in range(rounds):
            apart = problem.apart_weights(scale.rather_not_ratio)
            score = round_score(problem.values, met, apart, None, scale)
            tab = seat_greedy(score, sizes, rng)
            met += together(tab)
            tabs.append(tab)
    else:
        raise ValueError(f"unknown baseline {kind!r}; use 'random' or 'greedy'")
    reason = _why_repeats_are_unavoidable(problem, sizes)
    return _result(problem, sizes, tabs, reason, strict=False, check_forbidden=False)


def _result(
    problem: Problem,
    sizes: list[int],
    tabs: list[NDArray[np.int64]],
    unavoidable: str | None,
    strict: bool,
    check_forbidden: bool = True,
) -> RoundSchedule:
    n = len(problem.ids)
    met = np.zeros((n, n), dtype=np.int32)
    for tab in tabs:
        met += together(tab)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    if check_forbidden:
        clashes = np.argwhere(upper & problem.forbidden & (met > 0))
        if len(clashes):
            first, second = (problem.ids[int(person)] for person in clashes[0])
            raise InfeasibleSchedule(
                f"could not find a seating that keeps {first} and {second} apart "
                f"({len(clashes)} pair(s) to keep apart would share a table); "
                "remove some pairs to keep apart or change the table size"
            )
    value = float(problem.values[upper & (met > 0)].sum())
    repeats = int((upper & (met > 1)).sum())
    rather_not_together = (
        int((upper & problem.rather_not & (met > 0)).sum()) if problem.rather_not is not None else 0
    )
    tables_text = describe_tables(sizes)
    rounds_text = f"{problem.rounds} round{'s' if problem.rounds != 1 else ''}"
    repeated = f"{repeats} pair meets" if repeats == 1 else f"{repeats} pairs meet"
    if repeats == 0:
        message = f"{rounds_text} at {tables_text}; nobody sits with the same person twice."
    elif unavoidable:
        message = f"{rounds_text} at {tables_text}; {repeated} more than once: {unavoidable}."
    else:
        hint = (
            "pairs to keep apart may make it impossible"
            if problem.forbidden.any()
            else "the counting bounds allow one, but the search did not find it"
        )
        message = (
            f"{rounds_text} at {tables_text}; {repeated} more than once: "
            f"no repeat-free seating was found ({hint})."
        )
        if strict:
            raise InfeasibleSchedule(
                f"could not find a seating of {rounds_text} at {tables_text} without repeats "
                f"({hint}); the best found has {repeated} more than once"
            )
    rounds_out = [_tables_of(problem.ids, tab, len(sizes)) for tab in tabs]
    return RoundSchedule(rounds_out, value, repeats, message, rather_not_together)


def _tables_of(ids: list[str], tab: NDArray[np.int64], tables: int) -> list[list[str]]:
    seated: list[list[str]] = [[] for _ in range(tables)]
    for person, table in enumerate(tab):
        seated[int(table)].append(ids[person])
    return seated
