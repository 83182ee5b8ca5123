"""The reciprocal value of a pair, computed on blocks of cosine similarities.

For members *a* and *b* with ask vectors ``A`` and offer vectors ``O``:

* ``f = A_a . O_b``: how well *b*'s offers meet *a*'s asks (b helps a);
* ``r = A_b . O_a``: how well *a*'s offers meet *b*'s asks (a helps b);
* ``s = O_a . O_b``: how alike their offers are (a look-alike, a competitor).

Each similarity is first rescaled above a *floor* (the median similarity of
random pairs), so an embedding model whose unrelated texts still score 0.2
behaves like the lexical model whose unrelated texts score 0. Then::

    value = ((f + r) / 2 + bonus * min(f, r)) / (1 + bonus) - penalty * max(0, s - threshold)

clipped to [0, 1]. The ``min`` term is what makes mutual help rank above a
stronger one-sided match; the look-alike term is what keeps a competitor with
the same offers off the list. With ``reciprocal=False`` (the one-sided
baseline) ``value = f - penalty * ...``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

# Pairs sampled to estimate the similarity floors.
FLOOR_SAMPLE = 4000
MAX_FLOOR = 0.6


@dataclass(frozen=True, slots=True)
class PairScorer:
    reciprocal: bool = True
    mutual_bonus: float = 0.5
    lookalike_threshold: float = 0.3
    lookalike_penalty: float = 1.5
    help_floor: float = 0.0
    alike_floor: float = 0.0

    def values[F: np.floating](
        self, f: NDArray[F], r: NDArray[F] | None, s: NDArray[F]
    ) -> NDArray[F]:
        """Pair values for equal-shaped blocks ``f``, ``r``, ``s``; all three are overwritten."""
        value = _rescale(f, self.help_floor)
        if self.reciprocal and r is not None:
            back = _rescale(r, self.help_floor)
            smaller = np.minimum(value, back)
            value += back
            value *= 0.5
            smaller *= self.mutual_bonus
            value += smaller
            value *= 1.0 / (1.0 + self.mutual_bonus)
            del back, smaller
        if self.lookalike_penalty > 0:
            alike = _rescale(s, self.alike_floor)
            alike -= self.lookalike_threshold
            np.maximum(alike, 0.0, out=alike)
            alike *= self.lookalike_penalty
            value -= alike
        np.clip(value, 0.0, 1.0, out=value)
        return value


def _rescale[F: np.floating](block: NDArray[F], floor: float) -> NDArray[F]:
    if floor > 0:
        block -= floor
        block *= 1.0 / (1.0 - floor)
    np.clip(block, 0.0, 1.0, out=block)
    return block


def estimate_floors(
    asks: NDArray[np.float32], offers: NDArray[np.float32], *, seed: int = 0
) -> tuple[float, float]:
    """Median ask-offer and offer-offer similarity of random pairs of distinct members.

    Members with an empty side (an all-zero vector) are left out so they do not
    drag the floor to zero.
    """
    has_ask = np.flatnonzero(np.abs(asks).sum(axis=1) > 0)
    has_offer = np.flatnonzero(np.abs(offers).sum(axis=1) > 0)
    rng = np.random.default_rng(seed)
    return (
        _median_pair(asks, has_ask, offers, has_offer, rng),
        _median_pair(offers, has_offer, offers, has_offer, rng),
    )


def _median_pair(
    left: NDArray[np.float32],
    left_ids: NDArray[np.intp],
    right: NDArray[np.float32],
    right_ids: NDArray[np.intp],
    rng: np.random.Generator,
) -> float:
    if len(left_ids) < 2 or len(right_ids) < 2:
        return 0.0
    a = rng.choice(left_ids, FLOOR_SAMPLE)
    b = rng.choice(right_ids, FLOOR_SAMPLE)
    distinct = a != b
    if not distinct.any():
        return 0.0
    sims = np.einsum("ij,ij->i", left[a[distinct]], right[b[distinct]])
    return float(np.clip(np.median(sims), 0.0, MAX_FLOOR))
