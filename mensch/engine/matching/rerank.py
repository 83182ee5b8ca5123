"""Turning candidate pools into lists: industry diversity, exposure cap, lifting.

Pools are arrays: one row per member, candidates (rows into the profiles, ``-1``
padding) best first, with their pair values. Everything here works on whole
arrays at once, so a run over 100,000 members stays fast.

* :func:`diversify` orders each pool so that no industry, and above all not the
  member's own, fills the list while good people from elsewhere wait.
* :func:`allocate` does that for everyone in a run and then spreads attention:
  nobody appears in more than ``cap`` lists (they stay where the pair value is
  highest), and members shown fewer than ``min_exposure`` times are lifted into
  the last place of lists of people they match well.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

UNKNOWN_INDUSTRY = -1
NOBODY = -1


@dataclass(frozen=True, slots=True)
class DiversitySettings:
    own_industry_share: float = 0.3  # at most this share of a list from one's own industry
    industry_share: float = 0.5  # at most this share from any other single industry
    quality_ratio: float = 0.25  # below this share of the best value, caps no longer promote

    def caps(self, top: int) -> tuple[int, int]:
        own = max(1, math.floor(top * self.own_industry_share))
        other = max(2, math.ceil(top * self.industry_share))
        return own, other


@dataclass(frozen=True, slots=True)
class ExposureSettings:
    cap_factor: float = 3.0  # nobody in more than cap_factor * top lists per run...
    cap: int | None = None  # ...unless a fixed cap is given
    min_exposure: int = 1  # members shown fewer times than this are lifted
    lift_ratio: float = 0.5  # a lifted member must be worth this share of the place they take
    max_rounds: int = 10

    def resolve_cap(self, top: int) -> int:
        return self.cap if self.cap is not None else max(1, math.ceil(self.cap_factor * top))


def diversify(
    pool_ids: NDArray[np.int64],
    pool_values: NDArray[np.float32],
    own_industries: NDArray[np.int64],
    industries: NDArray[np.int64],
    top: int,
    settings: DiversitySettings,
) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """The first ``top`` of each pool row after industry caps: ``(ids, values)``, ``-1`` padded.

    A candidate is *held back* when earlier candidates of the same industry
    already fill its cap (the member's own industry has the smaller cap).
    Candidates that are not held back come first, in value order; held-back
    ones fill any places left, so caps bend rather than leave a list short. A
    candidate worth less than ``quality_ratio`` of the row's best is never
    placed above a held-back one.
    """
    n_rows, width = pool_ids.shape
    valid = pool_ids >= 0
    candidate_industry = np.where(valid, industries[np.maximum(pool_ids, 0)], UNKNOWN_INDUSTRY)
    occurrence = _occurrence(candidate_industry, valid)
    own_cap, other_cap = settings.caps(top)
    own = candidate_industry == own_industries[:, None]
    cap = np.where(own, own_cap, other_cap)
    held_back = (candidate_industry != UNKNOWN_INDUSTRY) & (occurrence >= cap)
    best = np.where(valid[:, :1], pool_values[:, :1], 0.0)
    weak = pool_values < settings.quality_ratio * best
    tier = np.where(valid & ~held_back & ~weak, 0, np.where(valid, 1, 2))
    order = np.lexsort((np.broadcast_to(np.arange(width), (n_rows, width)), tier), axis=1)
    chosen = np.take_along_axis(pool_ids, order, axis=1)[:, :top]
    values = np.take_along_axis(pool_values, order, axis=1)[:, :top]
    values = np.where(chosen >= 0, values, 0.0)
    if chosen.shape[1] < top:
        pad = top - chosen.shape[1]
        chosen = np.pad(chosen, ((0, 0), (0, pad)), constant_values=NOBODY)
        values = np.pad(values, ((0, 0), (0, pad)))
    return chosen, values


def _occurrence(labels: NDArray[np.int64], valid: NDArray[np.bool_]) -> NDArray[np.int64]:
    """For each cell, how many earlier valid cells in its row carry the same label."""
    n_rows, width = labels.shape
    rows = np.repeat(np.arange(n_rows), width)
    flat = labels.ravel()
    keep = valid.ravel()
    order = np.lexsort((np.tile(np.arange(width), n_rows), flat, rows))
    order = order[keep[order]]
    group_start = np.ones(len(order), dtype=bool)
    group_start[1:] = (rows[order][1:] != rows[order][:-1]) | (flat[order][1:] != flat[order][:-1])
    starts = np.flatnonzero(group_start)
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.append(starts, len(order))))
    occurrence = np.zeros(n_rows * width, dtype=np.int64)
    occurrence[order] = rank
    return occurrence.reshape(n_rows, width)


def allocate(
    pool_ids: NDArray[np.int64],
    pool_values: NDArray[np.float32],
    industries: NDArray[np.int64],
    visible: NDArray[np.bool_],
    top: int,
    diversity: DiversitySettings,
    exposure: ExposureSettings,
    shown_before: NDArray[np.int64] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """Every member's list as ``(ids, values)`` arrays, fair across the whole run."""
    n = pool_ids.shape[0]
    cap = exposure.resolve_cap(top)
    before = np.zeros(n, dtype=np.int64) if shown_before is None else shown_before.astype(np.int64)
    full = before >= cap
    pool_ids = np.where((pool_ids >= 0) & full[np.maximum(pool_ids, 0)], NOBODY, pool_ids)
    lists, values = diversify(pool_ids, pool_values, industries, industries, top, diversity)
    for _ in range(exposure.max_rounds):
        counts = before + np.bincount(lists[lists >= 0], minlength=n)
        over = counts > cap
        if not over.any():
            break
        lists, dropped = _trim_over_cap(lists, values, counts, cap, over)
        full |= over | (counts >= cap)
        # Refill the lists that lost someone, never with a member who is full
        # (unless that member already holds a place in the list).
        affected = np.flatnonzero(dropped)
        held = lists[affected]
        pool = pool_ids[affected]
        is_full = (pool >= 0) & full[np.maximum(pool, 0)]
        still_held = (pool[:, :, None] == held[:, None, :]).any(axis=2)
        pool = np.where(is_full & ~still_held, NOBODY, pool)
        lists[affected], values[affected] = diversify(
            pool, pool_values[affected], industries[affected], industries, top, diversity
        )
    counts = before + np.bincount(lists[lists >= 0], minlength=n)
    _lift(lists, values, pool_ids, pool_values, visible, counts, exposure)
    return lists, values


def _trim_over_cap(
    lists: NDArray[np.int64],
    values: NDArray[np.float32],
    counts: NDArray[np.int64],
    cap: int,
    over: NDArray[np.bool_],
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Remove over-exposed members from the lists where they are worth least."""
    holders, slots = np.nonzero((lists >= 0) & over[np.maximum(lists, 0)])
    members = lists[holders, slots]
    # Per member: highest value first, lower holder row on ties.
    order = np.lexsort((holders, -values[holders, slots], members))
    members_sorted = members[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = members_sorted[1:] != members_sorted[:-1]
    starts = np.flatnonzero(first)
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.append(starts, len(order))))
    in_run = np.bincount(members, minlength=len(counts))
    allowed = cap - (counts - in_run)  # places left after earlier runs in the period
    drop = order[rank >= allowed[members_sorted]]
    lists = lists.copy()
    lists[holders[drop], slots[drop]] = NOBODY
    dropped = np.zeros(lists.shape[0], dtype=bool)
    dropped[holders[drop]] = True
    return lists, dropped


def _lift(
    lists: NDArray[np.int64],
    values: NDArray[np.float32],
    pool_ids: NDArray[np.int64],
    pool_values: NDArray[np.float32],
    visible: NDArray[np.bool_],
    counts: NDArray[np.int64],
    exposure: ExposureSettings,
) -> None:
    """Place rarely shown members at the end of lists of people they match well.

    Pair values are symmetric, so a quiet member's own pool names the people for
    whom they are a good match. Each list takes at most one lifted member, and
    only in place of someone shown more than ``min_exposure`` times.
    """
    if exposure.min_exposure <= 0:
        return
    top = lists.shape[1]
    lengths = (lists >= 0).sum(axis=1)
    lifted = np.zeros(lists.shape[0], dtype=bool)
    quiet = np.flatnonzero(visible & (counts < exposure.min_exposure))
    # The quiet members with the strongest matches first.
    quiet = quiet[np.argsort(-pool_values[quiet, 0], kind="stable")]
    for member in quiet.tolist():
        for host, value in zip(
            pool_ids[member].tolist(), pool_values[member].tolist(), strict=True
        ):
            if counts[member] >= exposure.min_exposure or host < 0:
                break
            if lifted[host] or member in lists[host]:
                continue
            place = lengths[host] if lengths[host] < top else top - 1
            if place == top - 1 and lengths[host] == top:
                last = lists[host, place]
                if (
                    counts[last] <= exposure.min_exposure
                    or value < exposure.lift_ratio * values[host, place]
                ):
                    continue
                counts[last] -= 1
            else:
                lengths[host] += 1
            lists[host, place] = member
            values[host, place] = value
            counts[member] += 1
            lifted[host] = True
