"""Simulated annealing over the whole schedule, for small and mid-size events.

Local search changes one round while the others stay fixed, and with the
no-repeat rule that is very restrictive: the best seating often needs two
rounds to change together. Annealing accepts worsening moves with a
probability that falls as the temperature drops, lets pairs repeat at a *soft*
penalty that rises to the hard one by the end, and keeps the best schedule it
sees under the real ranking (pairs kept apart, then repeats, then pairs who
would rather not meet, then topic pairs, then value). ``forbidden`` may weigh
pairs: 1 for a pair that must not meet, a fraction for one that would rather
not (see ``Problem.apart_weights``); ``clashes`` sums those weights.

Three moves: swap two people at different tables of one round; move one
person to a table one seat smaller (when table sizes differ); and swap two
people in *every* round ("relabel"), which keeps the shape of who meets whom
and so never creates a repeat, the move that matters most when the no-repeat
rule leaves little room. Each move's effect is computed from the pair meeting
counts in O(rounds x table size), in plain Python, so the cost per move does
not grow with the number of attendees.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mensch.engine.rounds.scoring import ScoreScale

# Share of proposals that move one person instead of swapping two, when
# tables differ in size.
_MOVE_SHARE = 0.25
# Share of proposals that swap two people in every round (see ``_State.relabel``).
_RELABEL_SHARE = 0.1
# Random swaps sampled to set the starting temperature.
_SAMPLE_SWAPS = 300
TICKS = 20


@dataclass(frozen=True)
class AnnealSettings:
    moves: int
    # The starting temperature accepts a typical worsening swap with this
    # probability; the temperature then falls geometrically by ``cooling``.
    start_acceptance: float = 0.3
    cooling: float = 0.01
    # Starting repeat penalty, in units of the mean positive pair value. It
    # rises geometrically to the hard one, so the search ends among
    # repeat-free seatings whenever it can.
    soft_repeat: float = 0.5


class _State:
    """Seating, pair meeting counts and the running score components."""

    def __init__(
        self,
        tabs: list[NDArray[np.int64]],
        values: NDArray[np.float64],
        forbidden: NDArray[np.bool_] | NDArray[np.float64],
        topic_bonus: list[NDArray[np.float64] | None],
        soft_repeat: float,
        forbidden_penalty: float,
    ) -> None:
        # Penalties of the score the moves are judged by (see ``change``).
        self.soft_repeat = soft_repeat
        self.forbidden_penalty = forbidden_penalty
        self.seats = [tab.tolist() for tab in tabs]
        tables = int(max(tab.max() for tab in tabs)) + 1
        self.members: list[list[list[int]]] = [[[] for _ in range(tables)] for _ in tabs]
        for r, seats in enumerate(self.seats):
            for person, table in enumerate(seats):
                self.members[r][table].append(person)
        met = _meetings(tabs)
        self.met = met.tolist()
        self.values = values.tolist()
        self.forbidden = forbidden.astype(np.float64).tolist()
        self.topic = [None if bonus is None else bonus.tolist() for bonus in topic_bonus]
        self.value, self.repeats, self.clashes, self.topic_score = _components(
            tabs, met, values, forbidden, topic_bonus
        )

    def rank(self, scale: ScoreScale) -> float:
        return (
            self.value
            + self.topic_score
            - scale.repeat_penalty * self.repeats
            - scale.forbidden_penalty * self.clashes
        )

    def change(self, r: int, person: int, others: list[int], step: int) -> float:
        """Soft-score change of ``person`` joining (+1) or leaving (-1) ``others``.

        Returns the change of the soft score (value + topic bonus
        - ``soft_repeat`` per repeat - ``forbidden_penalty`` per kept-apart pair
        seated) without applying it.
        """
        met = self.met[person]
        values = self.values[person]
        forbidden = self.forbidden[person]
        topic = self.topic[r]
        bonus_row = topic[person] if topic is not None else None
        soft = self.soft_repeat
        hard = self.forbidden_penalty
        total = 0.0
        for other in others:
            count = met[other] if step > 0 else met[other] - 1
            gain = values[other] if count == 0 else -soft
            gain -= hard * forbidden[other]
            if bonus_row is not None:
                gain += bonus_row[other]
            total += gain
        return total if step > 0 else -total

    def apply(self, r: int, person: int, others: list[int], step: int) -> None:
        """Record ``person`` joining (+1) or leaving (-1) ``others`` in round ``r``."""
        met = self.met[person]
        values = self.values[person]
        forbidden = self.forbidden[person]
        topic = self.topic[r]
        bonus_row = topic[person] if topic is not None else None
        for other in others:
            before = met[other]
            after = before + step
            met[other] = after
            self.met[other][person] = after
            if before == 0 or after == 0:
                self.value += step * values[other]
            if before + after > 1:
                self.repeats += step
            if forbidden[other]:
                self.clashes += step * forbidden[other]
            if bonus_row is not None:
                self.topic_score += step * bonus_row[other]

    def swap(self, r: int, a: int, b: int) -> None:
        """Swap a and b, who sit at different tables in round r."""
        seats = self.seats[r]
        ta, tb = seats[a], seats[b]
        home, away = self.members[r][ta], self.members[r][tb]
        stay = [x for x in home if x != a]
        there = [y for y in away if y != b]
        self.apply(r, a, stay, -1)
        self.apply(r, b, there, -1)
        self.apply(r, a, there, +1)
        self.apply(r, b, stay, +1)
        home[home.index(a)] = b
        away[away.index(b)] = a
        seats[a], seats[b] = tb, ta

    def move(self, r: int, a: int, table: int) -> None:
        """Move a to ``table`` in round r."""
        seats = self.seats[r]
        home, away = self.members[r][seats[a]], self.members[r][table]
        home.remove(a)
        self.apply(r, a, home, -1)
        self.apply(r, a, away, +1)
        away.append(a)
        seats[a] = table

    def swap_delta(self, r: int, a: int, b: int) -> float | None:
        """Soft-score change of swapping a and b in round r (None: same table)."""
        seats = self.seats[r]
        ta, tb = seats[a], seats[b]
        if ta == tb:
            return None
        met_a, met_b = self.met[a], self.met[b]
        value_a, value_b = self.values[a], self.values[b]
        apart_a, apart_b = self.forbidden[a], self.forbidden[b]
        soft, hard = self.soft_repeat, self.forbidden_penalty
        topic = self.topic[r]
        total = 0.0
        # a leaves x and b takes the seat: a pair (a, x) goes, (b, x) comes.
        for x in self.members[r][ta]:
            if x != a:
                leaving = value_a[x] if met_a[x] == 1 else -soft
                joining = value_b[x] if met_b[x] == 0 else -soft
                total += joining - leaving - hard * (apart_b[x] - apart_a[x])
                if topic is not None:
                    total += topic[b][x] - topic[a][x]
        for y in self.members[r][tb]:
            if y != b:
                leaving = value_b[y] if met_b[y] == 1 else -soft
                joining = value_a[y] if met_a[y] == 0 else -soft
                total += joining - leaving - hard * (apart_a[y] - apart_b[y])
                if topic is not None:
                    total += topic[a][y] - topic[b][y]
        return total

    def relabel_delta(self, a: int, b: int) -> float:
        """Soft-score change of swapping a and b in every round.

        The pattern of who meets whom keeps its shape, only a and b trade
        places in it: no repeat appears or disappears, so this move stays among
        repeat-free schedules. Only the values of a's and b's pairs change (and
        the topic bonus, per topic round).
        """
        met_a, met_b = self.met[a], self.met[b]
        total = 0.0
        others: set[int] = set()
        for r, seats in enumerate(self.seats):
            ta, tb = seats[a], seats[b]
            if ta == tb:
                continue
            home, away = self.members[r][ta], self.members[r][tb]
            others.update(home)
            others.update(away)
            topic = self.topic[r]
            if topic is not None:
                total += sum(topic[b][x] - topic[a][x] for x in home if x != a)
                total += sum(topic[a][y] - topic[b][y] for y in away if y != b)
        others.discard(a)
        others.discard(b)
        value_a, value_b = self.values[a], self.values[b]
        apart_a, apart_b = self.forbidden[a], self.forbidden[b]
        hard = self.forbidden_penalty
        for x in others:
            before, after = met_a[x], met_b[x]
            if before != after:
                total += (value_a[x] - value_b[x]) * ((after > 0) - (before > 0))
                total -= hard * (apart_a[x] - apart_b[x]) * (after - before)
        return total

    def relabel(self, a: int, b: int) -> None:
        """Swap a and b in every round where they sit apart."""
        for r, seats in enumerate(self.seats):
            if seats[a] != seats[b]:
                self.swap(r, a, b)


def _meetings(tabs: list[NDArray[np.int64]]) -> NDArray[np.int64]:
    n = tabs[0].shape[0]
    met = np.zeros((n, n), dtype=np.int64)
    for tab in tabs:
        same = tab[:, None] == tab[None, :]
        np.fill_diagonal(same, False)
        met += same
    return met


def _components(
    tabs: list[NDArray[np.int64]],
    met: NDArray[np.int64],
    values: NDArray[np.float64],
    forbidden: NDArray[np.bool_] | NDArray[np.float64],
    topic_bonus: list[NDArray[np.float64] | None],
) -> tuple[float, int, float, float]:
    """Value, repeated sittings, kept-apart sittings and topic bonus of a schedule."""
    n = values.shape[0]
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    value = float(values[upper & (met > 0)].sum())
    repeats = int(np.maximum(met - 1, 0)[upper].sum())
    clashes = float((met * forbidden)[upper].sum())
    topic = 0.0
    for tab, bonus in zip(tabs, topic_bonus, strict=True):
        if bonus is not None:
            topic += float(bonus[upper & (tab[:, None] == tab[None, :])].sum())
    return value, repeats, clashes, topic


def schedule_rank(
    tabs: list[NDArray[np.int64]],
    values: NDArray[np.float64],
    forbidden: NDArray[np.bool_] | NDArray[np.float64],
    topic_bonus: list[NDArray[np.float64] | None],
    scale: ScoreScale,
) -> float:
    """The real ranking of a schedule as one number (higher is better)."""
    value, repeats, clashes, topic = _components(
        tabs, _meetings(tabs), values, forbidden, topic_bonus
    )
    return value + topic - scale.repeat_penalty * repeats - scale.forbidden_penalty * clashes


def _start_temperature(
    state: _State, rng: np.random.Generator, acceptance: float, unit: float
) -> float:
    """A temperature at which a typical worsening swap is accepted as asked.

    Typical: the median over a sample of random swaps that lower the score
    without seating a pair that must be kept apart.
    """
    rounds = len(state.seats)
    n = len(state.seats[0])
    worse: list[float] = []
    for _ in range(_SAMPLE_SWAPS):
        r = int(rng.integers(rounds))
        a, b = (int(person) for person in rng.integers(0, n, size=2))
        delta = state.swap_delta(r, a, b)
        if delta is not None and -state.forbidden_penalty / 2 < delta < 0:
            worse.append(-delta)
    typical = float(np.median(worse)) if worse else unit
    return typical / math.log(1.0 / acceptance)


def anneal_schedule(
    tabs: list[NDArray[np.int64]],
    values: NDArray[np.float64],
    forbidden: NDArray[np.bool_] | NDArray[np.float64],
    topic_bonus: list[NDArray[np.float64] | None],
    scale: ScoreScale,
    rng: np.random.Generator,
    settings: AnnealSettings,
    tick: Callable[[], None] | None = None,
) -> list[NDArray[np.int64]]:
    """Anneal ``tabs`` (one seating per round); returns the best schedule seen.

    ``topic_bonus[r]`` is the same-topic bonus matrix of round r, or None.
    ``tick`` is called ``TICKS`` times, evenly over the run.
    """
    if settings.moves <= 0 or not tabs:
        return tabs
    positive = values[values > 0]
    unit = float(positive.mean()) if positive.size else 1.0
    # With topics, a soft repeat would be outweighed by the topic bonus; keep it hard.
    topics = any(bonus is not None for bonus in topic_bonus)
    soft = (
        scale.repeat_penalty if topics else min(settings.soft_repeat * unit, scale.repeat_penalty)
    )
    state = _State(tabs, values, forbidden, topic_bonus, soft, scale.forbidden_penalty)
    soft_ratio = (scale.repeat_penalty / soft) ** (1.0 / max(1, settings.moves - 1))
    best_rank = state.rank(scale)
    best = [list(seats) for seats in state.seats]
    rounds = len(tabs)
    n = len(state.seats[0])
    picks = rng.integers(0, n, size=(settings.moves, 2))
    which = rng.integers(0, rounds, size=settings.moves)
    chance = rng.random(settings.moves)
    kind = rng.random(settings.moves)
    temperature = _start_temperature(state, rng, settings.start_acceptance, unit)
    ratio = settings.cooling ** (1.0 / max(1, settings.moves - 1))
    tick_every = max(1, settings.moves // TICKS)
    relabel_below = _MOVE_SHARE + (_RELABEL_SHARE if rounds > 1 else 0.0)
    for step in range(settings.moves):
        temperature *= ratio
        state.soft_repeat *= soft_ratio
        if tick is not None and step % tick_every == tick_every - 1:
            tick()
        a = int(picks[step, 0])
        b = int(picks[step, 1])
        if a == b:
            continue
        draw = kind[step]
        if _MOVE_SHARE <= draw < relabel_below:
            delta = state.relabel_delta(a, b)
            if delta < 0 and chance[step] >= math.exp(delta / temperature):
                continue
            state.relabel(a, b)
        else:
            r = int(which[step])
            seats = state.seats[r]
            home = state.members[r][seats[a]]
            away = state.members[r][seats[b]]
            if home is away:
                continue
            move_only = draw < _MOVE_SHARE and len(away) < len(home)
            if move_only:
                stay = [x for x in home if x != a]
                delta = state.change(r, a, stay, -1) + state.change(r, a, away, +1)
            else:
                delta = state.swap_delta(r, a, b) or 0.0
            if delta < 0 and chance[step] >= math.exp(delta / temperature):
                continue
            if move_only:
                state.move(r, a, seats[b])
            else:
                state.swap(r, a, b)
        rank = state.rank(scale)
        if rank > best_rank:
            best_rank = rank
            best = [list(seats_r) for seats_r in state.seats]
    return [np.array(seats, dtype=np.int64) for seats in best]
