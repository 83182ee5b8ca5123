"""Finding each member's best candidates without scoring all N x N pairs.

Two strategies behind one interface, chosen by size:

* **exact**: blocked brute force. Query rows are scored against every visible
  member in blocks small enough to keep memory flat; the best are picked with
  ``argpartition``. Used for small communities and as the benchmark baseline.
* **ivf**: an inverted-file index. A member's *key* is ``[offers, asks]``; its
  *query* is ``[asks, offers]``, so ``query . key = f + r`` is the linear part
  of the pair value. Keys of visible members are clustered (k-means) and stored
  cluster by cluster. Each query probes the clusters whose centres score best
  against it (``probe_fraction`` of them) and is scored exactly against their
  members only. Work is grouped by cluster: all queries probing a cluster form
  one matrix product with its members, and each query's best candidates are
  merged across its clusters. A member's list is the same whether searched
  alone or in a full run.

Both return candidates ordered by pair value (highest first, then by row) with
``-1`` padding, and never hidden members or the member themself.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

from mensch.engine.matching.scoring import PairScorer
from mensch.engine.matching.threads import available_cpus, run_split, single_threaded_blas

# Largest block of pair values materialised at once (float32 elements).
BLOCK_ELEMENTS = 1 << 22
# Below this many queries, threads cost more than they save.
THREADED_FROM = 64

# (rows with -1 padding, their pair values)
Candidates = tuple[NDArray[np.int64], NDArray[np.float32]]
# (query positions, stored members to score them against; None: every member)
Task = tuple[NDArray[np.int64], slice | None]


@dataclass(frozen=True, slots=True)
class IndexSettings:
    kind: str = "auto"  # "auto" | "exact" | "ivf"
    exact_below: int = 20_000  # "auto" searches exactly below this many members
    members_per_cluster: int = 200
    probe_fraction: float = 0.05  # share of clusters each query probes
    kmeans_sample: int = 30_000
    kmeans_iterations: int = 10
    seed: int = 0
    workers: int | None = None  # threads for a run; default: the CPUs this process may use


class CandidateIndex:
    """Top candidates by pair value for any member."""

    def __init__(
        self,
        asks: NDArray[np.float32],
        offers: NDArray[np.float32],
        visible: NDArray[np.bool_],
        scorer: PairScorer,
        settings: IndexSettings | None = None,
    ) -> None:
        self.asks = asks
        self.offers = offers
        self.scorer = scorer
        self.settings = settings or IndexSettings()
        self.size = asks.shape[0]
        kind = self.settings.kind
        if kind == "auto":
            kind = "exact" if self.size < self.settings.exact_below else "ivf"
        if kind not in ("exact", "ivf"):
            raise ValueError(f"unknown index kind {kind!r}")
        self.kind = kind
        # Visible members in storage order; contiguous copies so blocks need no gather.
        self._order = np.flatnonzero(visible)
        self.n_clusters = 1
        self.n_probes = 1
        self._bounds = np.array([0, len(self._order)])
        if kind == "ivf" and len(self._order) > 0:
            self._build_ivf()
        self._position = np.full(self.size, -1, dtype=np.int64)
        self._position[self._order] = np.arange(len(self._order))
        self._hidden = np.flatnonzero(~visible)

    def _build_ivf(self) -> None:
        settings = self.settings
        keys = np.hstack([self.offers[self._order], self.asks[self._order]])
        n_clusters = max(
            2, min(len(keys) // 4 or 1, round(len(keys) / settings.members_per_cluster))
        )
        rng = np.random.default_rng(settings.seed)
        sample_size = min(len(keys), max(settings.kmeans_sample, n_clusters * 20))
        sample = keys[np.sort(rng.choice(len(keys), sample_size, replace=False))]
        workers = settings.workers or available_cpus()
        centers = kmeans(
            sample, n_clusters, iterations=settings.kmeans_iterations, rng=rng, workers=workers
        )
        labels = assign(keys, centers, workers)
        del keys, sample
        by_cluster = np.argsort(labels, kind="stable")
        self._order = self._order[by_cluster]
        self._bounds = np.searchsorted(labels[by_cluster], np.arange(n_clusters + 1))
        self._centers = centers
        self.n_clusters = n_clusters
        self.n_probes = max(1, min(n_clusters, math.ceil(settings.probe_fraction * n_clusters)))

    # -- public searches ---------------------------------------------------------

    def search(self, rows: ArrayLike, pool: int) -> Candidates:
        """Top ``pool`` candidates for the members at ``rows``."""
        return self._search(np.asarray(rows, dtype=np.int64), pool, exact=self.kind == "exact")

    def search_all(self, pool: int, progress: Callable[[int], None] | None = None) -> Candidates:
        """Top candidates for every member, in member order.

        ``progress`` is called (from the calling thread) with the number of
        members just finished.
        """
        rows = np.arange(self.size, dtype=np.int64)
        return self._search(rows, pool, exact=self.kind == "exact", progress=progress)

    def search_exact(self, rows: ArrayLike, pool: int) -> Candidates:
        """Brute force against every visible member: the baseline the index is measured by."""
        return self._search(np.asarray(rows, dtype=np.int64), pool, exact=True)

    def _search(
        self,
        rows: NDArray[np.int64],
        pool: int,
        *,
        exact: bool,
        progress: Callable[[int], None] | None = None,
    ) -> Candidates:
        """Score ``rows`` block by block on worker threads, one BLAS thread each.

        Modest matrix products on their own threads beat a multi-threaded BLAS
        here, whose threads spin and fight for the cores on a busy machine.
        Every worker keeps its own running best-``pool`` per query; they are
        combined at the end, so no two threads ever write the same memory.
        """
        n = len(rows)
        tasks: list[Task]
        if exact:
            step = max(1, BLOCK_ELEMENTS // max(1, self.size))
            tasks = [(np.arange(s, min(n, s + step)), None) for s in range(0, n, step)]
        else:
            tasks = self._ivf_tasks(rows)
        total = sum(len(positions) for positions, _ in tasks)
        workers = 1 if n < THREADED_FROM else self.settings.workers or available_cpus()
        local = threading.local()
        partials: list[Candidates] = []

        def run(task: Task) -> int:
            if not hasattr(local, "best"):
                local.best = (
                    np.full((n, pool), -1, np.int64),
                    np.full((n, pool), -1.0, np.float32),
                )
                partials.append(local.best)
            positions, members = task
            got_ids, got_values = self._score(rows[positions], members, pool)
            _merge(local.best, positions, got_ids, got_values, pool)
            return len(positions)

        reported = 0
        done = 0
        with single_threaded_blas(), ThreadPoolExecutor(max_workers=workers) as executor:
            for future in as_completed([executor.submit(run, task) for task in tasks]):
                done += future.result()
                if progress is not None and total:
                    now = n * done // total
                    if now > reported:
                        progress(now - reported)
                        reported = now
        if progress is not None and reported < n:
            progress(n - reported)
        if not partials:
            return _best(np.full((n, 0), -1, np.int64), np.zeros((n, 0), np.float32), pool)
        return _best(np.hstack([p[0] for p in partials]), np.hstack([p[1] for p in partials]), pool)

    # -- ivf ---------------------------------------------------------------------

    def _probes(self, rows: NDArray[np.int64]) -> NDArray[np.int64]:
        """The clusters each query probes: those whose centres score best against it."""
        dim = self.asks.shape[1]
        centers = self._centers
        probes = np.empty((len(rows), self.n_probes), dtype=np.int64)
        step = max(1, BLOCK_ELEMENTS // max(1, self.n_clusters))
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            # query . centre, where a centre is [offers, asks] of its cluster's members.
            affinity = self.asks[chunk] @ centers[:, :dim].T
            if self.scorer.reciprocal:
                affinity += self.offers[chunk] @ centers[:, dim:].T
            if self.n_probes >= self.n_clusters:
                probes[start : start + step] = np.arange(self.n_clusters)
                continue
            cut = self.n_clusters - self.n_probes
            probes[start : start + step] = np.argpartition(affinity, cut, axis=1)[:, cut:]
        return probes

    def _ivf_tasks(self, rows: NDArray[np.int64]) -> list[Task]:
        """(query positions, cluster members) blocks: every query with each cluster it probes."""
        if len(self._order) == 0:
            return []
        with single_threaded_blas():
            probes = self._probes(rows)
        flat = probes.ravel()
        order = np.argsort(flat, kind="stable")
        owners = order // probes.shape[1]
        clusters, starts = np.unique(flat[order], return_index=True)
        ends = np.append(starts[1:], len(order))
        tasks: list[Task] = []
        for cluster, lo, hi in zip(clusters.tolist(), starts.tolist(), ends.tolist(), strict=True):
            members = slice(int(self._bounds[cluster]), int(self._bounds[cluster + 1]))
            size = members.stop - members.start
            if size == 0:
                continue
            step = max(1, BLOCK_ELEMENTS // size)
            tasks += [(owners[s : min(hi, s + step)], members) for s in range(lo, hi, step)]
        return tasks

    # -- scoring -----------------------------------------------------------------

    def _score(self, rows: NDArray[np.int64], members: slice | None, pool: int) -> Candidates:
        """Exact values of ``rows`` against the stored ``members`` (``None``: everyone).

        Returns the best ``pool`` per row, unordered; hidden members and the
        member themself get value -1. Callers order and filter with :func:`_best`.
        """
        if members is None:
            cand = np.arange(self.size)
            asks_c, offers_c = self.asks, self.offers
        else:
            # A cluster's members are few; gathering them costs less than a second copy.
            cand = self._order[members]
            asks_c, offers_c = self.asks[cand], self.offers[cand]
        if len(cand) == 0 or len(rows) == 0:
            return np.full((len(rows), 0), -1, dtype=np.int64), np.zeros((len(rows), 0), np.float32)
        offers_q = self.offers[rows]
        block = self.scorer.values(
            self.asks[rows] @ offers_c.T,
            offers_q @ asks_c.T if self.scorer.reciprocal else None,
            offers_q @ offers_c.T,
        )
        if members is None:
            block[:, self._hidden] = -1.0
            block[np.arange(len(rows)), rows] = -1.0
        else:
            stored_at = self._position[rows]
            own = np.flatnonzero((stored_at >= members.start) & (stored_at < members.stop))
            block[own, stored_at[own] - members.start] = -1.0
        return _top_k(cand, block, pool)


def _top_k(ids: NDArray[np.int64], values: NDArray[np.float32], k: int) -> Candidates:
    """The ``k`` highest values of each row (unordered); equal values go to the lower row id.

    ``ids`` is either one id per column (1-D, shared by all rows) or one per cell.
    A plain ``argpartition`` picks among equal values arbitrarily, which would
    let the index and brute force disagree on ties. Exact tie-breaking on every
    element is costly, so the ``k + TIE_MARGIN`` best are taken first and only
    those are ranked with tie-breaking keys; rows whose ties reach past the
    margin are redone in full.
    """
    n_rows, width = values.shape

    def pick(rows: NDArray[np.intp] | slice, columns: NDArray[np.intp]) -> NDArray[np.int64]:
        if ids.ndim == 1:
            return ids[columns]
        return np.take_along_axis(ids[rows], columns, axis=1)

    if width <= k:
        return pick(slice(None), np.broadcast_to(np.arange(width), (n_rows, width))), values
    wide = min(width, k + TIE_MARGIN)
    part = np.argpartition(values, width - wide, axis=1)[:, width - wide :]
    near_ids = pick(slice(None), part)
    near_values = np.take_along_axis(values, part, axis=1)
    if wide < width:
        kth = -np.partition(-near_values, k - 1, axis=1)[:, k - 1]
        spill = np.flatnonzero(near_values.min(axis=1) >= kth)
        if len(spill):
            every = np.broadcast_to(np.arange(width), (len(spill), width))
            keys = _rank_keys(values[spill], pick(spill, every))
            full = np.argpartition(keys, width - wide, axis=1)[:, width - wide :]
            near_ids[spill] = pick(spill, full)
            near_values[spill] = np.take_along_axis(values[spill], full, axis=1)
    keep = np.argpartition(_rank_keys(near_values, near_ids), wide - k, axis=1)[:, wide - k :]
    return np.take_along_axis(near_ids, keep, axis=1), np.take_along_axis(near_values, keep, axis=1)


def _merge(
    best: Candidates,
    positions: NDArray[np.int64],
    ids: NDArray[np.int64],
    values: NDArray[np.float32],
    pool: int,
) -> None:
    """Fold new candidates for the queries at ``positions`` into a running best-``pool``."""
    best_ids, best_values = best
    merged_ids, merged_values = _top_k(
        np.hstack([best_ids[positions], ids]), np.hstack([best_values[positions], values]), pool
    )
    best_ids[positions] = merged_ids
    best_values[positions] = merged_values


def _best(ids: NDArray[np.int64], values: NDArray[np.float32], pool: int) -> Candidates:
    """The ``pool`` best of each row, highest value first, then lowest row; ``-1`` padding."""
    values = np.where(ids >= 0, values, -1.0).astype(np.float32, copy=False)
    ids, values = _top_k(ids, values, pool)
    tie_break = np.where(ids < 0, np.iinfo(np.int64).max, ids)
    order = np.lexsort((tie_break, -values), axis=1)
    ids = np.take_along_axis(ids, order, axis=1)
    values = np.take_along_axis(values, order, axis=1)
    ids[values <= 0] = -1
    values = np.maximum(values, 0.0)
    if ids.shape[1] < pool:
        pad = pool - ids.shape[1]
        ids = np.pad(ids, ((0, 0), (0, pad)), constant_values=-1)
        values = np.pad(values, ((0, 0), (0, pad)))
    return ids, values


# Ties in value go to the lower row: subtracting row * TIE_STEP from the value
# orders equal values by row without reordering distinct ones (float32 values
# above 0.016 differ by at least 1.8e-9, more than TIE_STEP * 1e6).
TIE_STEP = 1e-15
TIE_MARGIN = 8


def _rank_keys(values: NDArray[np.float32], rows: NDArray[np.int64]) -> NDArray[np.float64]:
    keys = values.astype(np.float64)
    keys -= np.where(rows < 0, 2**40, rows) * TIE_STEP
    return keys


def assign(
    points: NDArray[np.float32], centers: NDArray[np.float32], workers: int = 1
) -> NDArray[np.int64]:
    """Nearest centre (Euclidean) for each point, in blocks spread over ``workers`` threads."""
    half_norms = 0.5 * np.einsum("ij,ij->i", centers, centers)
    labels = np.empty(len(points), dtype=np.int64)
    step = max(1, BLOCK_ELEMENTS // max(1, len(centers)))

    def work(starts: Sequence[int]) -> None:
        for start in starts:
            scores = points[start : start + step] @ centers.T
            scores -= half_norms
            labels[start : start + step] = scores.argmax(axis=1)

    with single_threaded_blas():
        run_split(work, range(0, len(points), step), workers)
    return labels


def kmeans(
    points: NDArray[np.float32],
    n_clusters: int,
    *,
    iterations: int,
    rng: np.random.Generator,
    workers: int = 1,
) -> NDArray[np.float32]:
    """Plain Lloyd iterations from random points; an emptied cluster restarts at a random point.

    Written out rather than taken from scikit-learn because k-means++ seeding
    dominates the build time at a thousand clusters, and a good-enough
    partition is all the index needs.
    """
    n = len(points)
    centers = points[rng.choice(n, n_clusters, replace=False)].copy()
    for _ in range(iterations):
        labels = assign(points, centers, workers)
        membership = sp.csr_matrix(
            (np.ones(n, dtype=np.float32), (labels, np.arange(n))), shape=(n_clusters, n)
        )
        counts = np.asarray(membership.sum(axis=1)).ravel()
        sums = np.asarray(membership @ points)
        empty = counts == 0
        counts[empty] = 1
        centers = (sums / counts[:, None]).astype(np.float32)
        if empty.any():
            centers[empty] = points[rng.choice(n, int(empty.sum()), replace=False)]
    return centers
