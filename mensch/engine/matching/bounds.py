"""The best rows for a need, exactly, from a third of the offers matrix.

Ranking a free-text need against every member multiplies the offers matrix (members x
dim, a hundred megabytes at 100,000 members) by the need's vector, and that product is
bound by memory. :class:`OfferBounds` keeps, for every member, a short *key*: the first
``head`` coordinates of their offer vector turned onto the community's principal axes,
then the norms of the remaining coordinates in ``blocks`` groups. A query turned the same
way gives, by Cauchy-Schwarz on each group, an upper bound of every member's similarity::

    o . q = head(o) . head(q) + sum_b tail_b(o) . tail_b(q)
         <= head(o) . head(q) + sum_b |tail_b(o)| |tail_b(q)|  =  key(o) . key(q)

so one product with the keys (a third of the matrix) bounds everyone. :func:`top_rows`
then scores exactly only the members whose bound reaches the exact value of the best few
(found first among those with the highest bounds): the answer is the one the full product
gives, found by reading far less. The bound holds for any orthonormal turn; the principal
axes only make it tight (most of a vector's weight lies in its first coordinates).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

# Of every vector's turned coordinates, a key keeps the first quarter as they are and the
# norms of the others in a sixteenth as many groups (256 coordinates: 64 + 16).
HEAD_SHARE = 4
BLOCK_SHARE = 16
MIN_DIM = 64  # shorter vectors get no keys
MIN_ROWS = 4096  # below this many members the full product is as cheap: no keys
AXES_SAMPLE = 16384  # members whose offers choose the principal axes
CHUNK = 8192  # members turned at a time while building the keys
# Added to every bound: float32 rounding of the keys and of a nearly orthonormal turn is
# far below it, so no member whose exact value reaches the cut is ever left out.
SLACK = 1e-3
PROBE = 2  # members scored exactly first, to find the cut: PROBE times the wanted


class OfferBounds:
    """Keys of every member's offer vector whose product with a query's key bounds the
    member's similarity to the query from above (see the module's docstring)."""

    def __init__(self, offers: NDArray[np.float32], *, head: int, blocks: int) -> None:
        n, dim = offers.shape
        sample = offers[np.unique(np.linspace(0, n - 1, min(n, AXES_SAMPLE)).astype(np.int64))]
        gram = sample.T.astype(np.float64) @ sample.astype(np.float64)
        _, axes = np.linalg.eigh(gram)  # ascending; the principal axes first below
        self.rotation: NDArray[np.float32] = np.ascontiguousarray(axes[:, ::-1], np.float32)
        self.head = min(head, dim)
        groups = max(0, min(blocks, dim - self.head))
        edges = np.linspace(self.head, dim, groups + 1).round().astype(np.int64).tolist()
        self.groups: list[tuple[int, int]] = list(zip(edges[:-1], edges[1:], strict=True))
        self.keys: NDArray[np.float32] = np.empty((n, self.head + groups), dtype=np.float32)
        for start in range(0, n, CHUNK):
            self.keys[start : start + CHUNK] = self._keys(offers[start : start + CHUNK])

    @classmethod
    def fit(cls, offers: NDArray[np.float32]) -> OfferBounds | None:
        """Keys for these offers, or ``None`` where they would not save reading: a small
        community, or vectors too short for a key to be much shorter."""
        n, dim = offers.shape
        if n < MIN_ROWS or dim < MIN_DIM:
            return None
        return cls(offers, head=dim // HEAD_SHARE, blocks=dim // BLOCK_SHARE)

    def _keys(self, vectors: NDArray[np.float32]) -> NDArray[np.float32]:
        turned = vectors @ self.rotation
        keys = np.empty((len(vectors), self.keys.shape[1]), dtype=np.float32)
        keys[:, : self.head] = turned[:, : self.head]
        for group, (start, stop) in enumerate(self.groups):
            keys[:, self.head + group] = np.linalg.norm(turned[:, start:stop], axis=1)
        return keys

    def update(self, row: int, offer: NDArray[np.float32]) -> None:
        """Take one member's changed offer vector (the axes are kept: the bound holds for
        any turn, and a few changes hardly loosen it)."""
        self.keys[row] = self._keys(offer[None, :])[0]

    def reach(self, vector: NDArray[np.float32]) -> NDArray[np.float32]:
        """An upper bound of every member's similarity to ``vector``."""
        reach: NDArray[np.float32] = self.keys @ self._keys(vector[None, :])[0]
        return reach


def similarity(
    offers: NDArray[np.float32], rows: NDArray[np.intp] | None, vector: NDArray[np.float32]
) -> NDArray[np.float32]:
    """These rows' (all rows') exact similarities to ``vector``, each summed the same way
    whichever other rows are asked with it (a BLAS product may round a row differently by
    where it falls in the batch), so members with the same offers always tie."""
    found: NDArray[np.float32] = np.einsum(
        "ij,j->i", offers if rows is None else offers[rows], vector
    )
    return found


type Value = Callable[[NDArray[np.float32]], NDArray[np.float32]]


def candidate_rows(
    offers: NDArray[np.float32],
    bounds: OfferBounds | None,
    vector: NDArray[np.float32],
    allowed: NDArray[np.bool_],
    top: int,
    value: Value,
    min_score: float,
) -> NDArray[np.intp]:
    """The allowed rows that could be among the ``top``: those whose bound reaches the cut
    (every allowed row without ``bounds``). See :func:`top_rows`."""
    if bounds is None:
        return np.flatnonzero(allowed)
    reach = bounds.reach(vector)
    reach += SLACK
    best = value(reach)  # the most each member's value could be
    rows = np.flatnonzero(allowed & (best >= min_score) & (best > 0))
    probes = PROBE * top
    if len(rows) > probes:
        # The cut: the top-th exact value among the rows that could be best. No row whose
        # bound is below it can be among the top.
        probe = rows[np.argpartition(-best[rows], probes - 1)[:probes]]
        found = value(similarity(offers, probe, vector))
        found = found[(found >= min_score) & (found > 0)]
        if len(found) >= top:
            cut = np.partition(found, len(found) - top)[len(found) - top]
            rows = rows[best[rows] >= cut]
    return rows


def top_rows(
    offers: NDArray[np.float32],
    bounds: OfferBounds | None,
    vector: NDArray[np.float32],
    allowed: NDArray[np.bool_],
    top: int,
    value: Value,
    min_score: float,
) -> tuple[NDArray[np.intp], NDArray[np.float32]]:
    """The ``top`` allowed rows of highest value, best first, ties by row, and their values.

    ``value`` turns similarities into values and must never rank a lower similarity above
    a higher one (it may tie them); rows valued 0 or below ``min_score`` are left out.
    With ``bounds`` only the rows whose bound could reach the cut are scored exactly.
    """
    rows = candidate_rows(offers, bounds, vector, allowed, top, value, min_score)
    if len(rows) > len(offers) // 4:
        # Reading the rows in place beats gathering this many of them first.
        values = value(similarity(offers, None, vector)[rows])
    else:
        values = value(similarity(offers, rows, vector))
    kept = (values >= min_score) & (values > 0)
    rows, values = rows[kept], values[kept]
    if len(rows) > top:
        part = np.argpartition(-values, top - 1)[:top]
        kept = values >= values[part].min()
        rows, values = rows[kept], values[kept]
    order = np.lexsort((rows, -values))[:top]
    return rows[order], values[order]
