"""Pair scores for one round: value, topic bonus and penalties on one scale.

The scheduler ranks seatings lexicographically: first no pair that must not
meet, then as few repeats as possible, then as few pairs who would rather not
meet (a soft avoid) as possible, then as many same-topic pairs as possible in
topic rounds, then the most match value. A soft avoid ranks below repeats so
that it never costs a seating: where "no repeats" is possible it stays
possible, and ``strict`` scheduling fails for no pair that would rather not
meet. The local search works on
one number, so each level's unit is set larger than anything a single swap can
change on the levels below it (a swap changes at most ``4 * (k - 1)`` pairs
with tables of at most ``k``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class ScoreScale:
    """Units of each level; see the module docstring."""

    topic_bonus: float
    repeat_penalty: float
    forbidden_penalty: float
    rather_not_penalty: float = 0.0

    @property
    def rather_not_ratio(self) -> float:
        """A soft-avoided pair's penalty in units of ``forbidden_penalty``."""
        return self.rather_not_penalty / self.forbidden_penalty

    @classmethod
    def for_problem(
        cls, values: NDArray[np.float64], largest_table: int, topics: bool
    ) -> ScoreScale:
        top_value = float(values.max()) if values.size else 0.0
        top_value = max(top_value, 1.0)
        factor = 4.0 * largest_table + 1.0
        topic_bonus = factor * top_value if topics else 0.0
        rather_not_penalty = factor * (top_value + topic_bonus)
        repeat_penalty = factor * (top_value + topic_bonus + rather_not_penalty)
        forbidden_penalty = factor * (top_value + topic_bonus + rather_not_penalty + repeat_penalty)
        return cls(topic_bonus, repeat_penalty, forbidden_penalty, rather_not_penalty)


def together(tab: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Boolean matrix: the two people share a table (False on the diagonal)."""
    same: NDArray[np.bool_] = tab[:, None] == tab[None, :]
    np.fill_diagonal(same, False)
    return same


def round_score(
    values: NDArray[np.float64],
    met_elsewhere: NDArray[np.int32],
    forbidden: NDArray[np.bool_] | NDArray[np.float64],
    same_topic: NDArray[np.float64] | None,
    scale: ScoreScale,
) -> NDArray[np.float64]:
    """The score matrix of one round, given how often pairs meet in the others.

    A pair that already meets in another round brings no value here (its value
    counts once, see ``schedule_rounds``) and costs one repeat penalty per
    earlier meeting. ``forbidden`` may weigh pairs (see ``Problem.apart_weights``):
    each costs its weight in units of the forbidden penalty.
    """
    score: NDArray[np.float64] = np.where(
        met_elsewhere > 0, -scale.repeat_penalty * met_elsewhere, values
    )
    if same_topic is not None:
        score = score + scale.topic_bonus * same_topic
    score = score - scale.forbidden_penalty * forbidden
    np.fill_diagonal(score, 0.0)
    return score
