"""Personalised PageRank over the verified-interaction graph, on index arrays.

Trust starts at the seeds and, at each step, a share ``damping`` of every
member's trust follows their vouches while the rest returns to the seeds.
Outgoing weights are normalised per member, so whoever vouches for a thousand
accounts passes on no more than whoever vouches for one: vouching power is
bounded by the trust one holds. A member who vouches for nobody (a dangling
node) hands their trust back to the seeds rather than spreading it evenly over
everybody, which would gift trust to accounts nobody vouched for.

This is why a ring of fake accounts gains almost nothing: trust enters the ring
only over the few edges honest members gave it, and the ring can at most hold
``damping / (1 - damping)`` times that inflow, however densely it vouches for
itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import sparse


@dataclass(frozen=True)
class Propagation:
    """Trust shares (summing to 1) and how the iteration went."""

    scores: NDArray[np.float64]
    iterations: int
    residual: float
    converged: bool
    incoming: sparse.csr_array[np.float64]  # transposed, row-normalised transition matrix
    dangling: NDArray[np.bool_]  # boolean mask of members who vouch for nobody


def transition_matrix(
    n: int, sources: ArrayLike, targets: ArrayLike, weights: ArrayLike
) -> tuple[sparse.csr_array[np.float64], NDArray[np.bool_]]:
    """Return ``(P^T, dangling)`` where ``P`` is the row-normalised vouch matrix.

    Self-vouches are dropped (nobody vouches for themselves); parallel vouches
    between the same pair add up.
    """
    sources = np.asarray(sources, dtype=np.int64)
    targets = np.asarray(targets, dtype=np.int64)
    weights = np.asarray(weights, dtype=np.float64)
    if not (sources.shape == targets.shape == weights.shape) or sources.ndim != 1:
        raise ValueError("sources, targets and weights must be 1-D arrays of the same length")
    if sources.size:
        low = min(int(sources.min()), int(targets.min()))
        high = max(int(sources.max()), int(targets.max()))
        if low < 0 or high >= n:
            raise ValueError(f"member index out of range 0..{n - 1}")
        if not np.all(np.isfinite(weights)) or np.any(weights <= 0):
            raise ValueError("vouch weights must be positive finite numbers")
    keep: NDArray[np.bool_] = sources != targets
    sources, targets, weights = sources[keep], targets[keep], weights[keep]
    # Build P^T directly (rows = vouchee) so the power step is one CSR mat-vec.
    incoming = sparse.csr_array((weights, (targets, sources)), shape=(n, n))
    incoming.sum_duplicates()
    out_weight = np.bincount(sources, weights=weights, minlength=n)
    dangling = out_weight == 0
    with np.errstate(divide="ignore"):
        inverse = np.where(dangling, 0.0, 1.0 / out_weight)
    incoming.data *= inverse[incoming.indices]
    return incoming, dangling


def personalised_pagerank(
    incoming: sparse.csr_array[np.float64],
    dangling: NDArray[np.bool_],
    personalisation: ArrayLike,
    *,
    damping: float = 0.85,
    tolerance: float = 1e-10,
    max_iterations: int = 500,
) -> tuple[NDArray[np.float64], int, float, bool]:
    """Power iteration; returns ``(scores, iterations, residual, converged)``.

    ``personalisation`` is where trust starts and returns (the seeds); it is
    normalised to sum to 1. The L1 error shrinks by ``damping`` per step, so
    ``tolerance=1e-10`` needs about 140 steps at ``damping=0.85``.
    """
    seed_mass = np.asarray(personalisation, dtype=np.float64)
    total = seed_mass.sum()
    if total <= 0 or np.any(seed_mass < 0):
        raise ValueError("trust needs at least one seed with a positive weight")
    seed_mass = seed_mass / total
    scores = seed_mass.copy()
    residual = float("inf")
    for iteration in range(1, max_iterations + 1):
        returning = damping * scores[dangling].sum() + (1.0 - damping)
        updated = damping * (incoming @ scores) + returning * seed_mass
        residual = float(np.abs(updated - scores).sum())
        scores = updated
        if residual < tolerance:
            return scores / scores.sum(), iteration, residual, True
    return scores / scores.sum(), max_iterations, residual, False


def propagate(
    n: int,
    sources: ArrayLike,
    targets: ArrayLike,
    weights: ArrayLike,
    personalisation: ArrayLike,
    *,
    damping: float = 0.85,
    tolerance: float = 1e-10,
    max_iterations: int = 500,
) -> Propagation:
    """Build the matrix and iterate: the whole array-level pipeline."""
    incoming, dangling = transition_matrix(n, sources, targets, weights)
    scores, iterations, residual, converged = personalised_pagerank(
        incoming,
        dangling,
        personalisation,
        damping=damping,
        tolerance=tolerance,
        max_iterations=max_iterations,
    )
    return Propagation(scores, iterations, residual, converged, incoming, dangling)
