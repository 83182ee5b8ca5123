"""Benchmark the trust engine on 1,000,000 vouches, with a networkx baseline.

Run: ``.venv/bin/python benchmarks/bench_trust.py`` (``--help`` for sizes).

1. Large graph (100,000 members, 1,000,000 distinct vouches, power-law-ish
   degrees, seeded): the public dataclass path ``compute_trust`` end to end,
   and the array path (matrix build + power iteration) on its own. The
   product's budget is 5 s for the end-to-end figure.
2. Small graph (5,000 members, 50,000 vouches): the same array path against
   ``networkx.pagerank`` with the same seeds as personalisation, the speed
   ratio, and the largest difference between the two score vectors (reliability
   plays no part in propagation, so the shares must agree).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mensch.engine.trust import (
    Reliability,
    TrustInput,
    TrustSettings,
    Vouch,
    compute_trust,
    propagate,
)

BUDGET_S = 5.0


def power_law_graph(
    members: int, edges: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct directed vouches whose in- and out-degrees follow a Zipf-like law."""
    rng = np.random.default_rng(seed)
    # Popularity ~ rank^-0.8 gives a heavy tail without one member taking everything.
    popularity = np.arange(1, members + 1, dtype=np.float64) ** -0.8
    activity = rng.permutation(popularity)  # the busiest vouchers are not the most vouched-for
    popularity /= popularity.sum()
    activity /= activity.sum()
    pairs = np.empty(0, dtype=np.int64)
    while pairs.size < edges:
        draw = int((edges - pairs.size) * 1.3) + 1000
        sources = rng.choice(members, size=draw, p=activity)
        targets = rng.choice(members, size=draw, p=popularity)
        keep = sources != targets
        pairs = np.unique(np.concatenate([pairs, sources[keep] * members + targets[keep]]))
    pairs = rng.permutation(pairs)[:edges]
    weights = rng.choice([1.0, 1.5, 2.0], size=edges, p=[0.7, 0.2, 0.1])  # meeting, intro, favour
    return pairs // members, pairs % members, weights


def timed[T](action: Callable[[], T], repeat: int = 1) -> tuple[T, float]:
    """The value of ``action`` and its best wall time over ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        value = action()
        best = min(best, time.perf_counter() - start)
    return value, best


def seeds_for(members: int, count: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed + 1).choice(members, size=count, replace=False)


def large(members: int, edges: int, seed: int) -> list[tuple[str, str]]:
    sources, targets, weights = power_law_graph(members, edges, seed)
    seeds = seeds_for(members, 100, seed)
    rng = np.random.default_rng(seed + 2)
    kept = rng.poisson(4, members)
    no_shows = rng.binomial(kept + 1, 0.1)
    due = rng.poisson(3, members)
    done = rng.binomial(due, 0.7)
    ids = list(range(members))
    vouches = [
        Vouch(s, t, w)
        for s, t, w in zip(sources.tolist(), targets.tolist(), weights.tolist(), strict=True)
    ]
    reliability = {
        i: Reliability(int(k), int(n), int(d), int(u))
        for i, k, n, d, u in zip(ids, kept, no_shows, done, due, strict=True)
    }
    data = TrustInput(ids, vouches, seeds.tolist(), reliability)

    personalisation = np.zeros(members)
    personalisation[seeds] = 1.0
    settings = TrustSettings()
    array_result, array_s = timed(
        lambda: propagate(members, sources, targets, weights, personalisation)
    )
    result, full_s = timed(lambda: compute_trust(data, settings))
    verdict = "within" if full_s <= BUDGET_S else "OVER"
    return [
        ("large graph", f"{members:,} members, {edges:,} vouches, 100 seeds"),
        ("array path (build + iterate)", f"{array_s:.2f} s, {array_result.iterations} steps"),
        ("compute_trust end to end", f"{full_s:.2f} s ({verdict} the {BUDGET_S:.0f} s budget)"),
        ("converged", f"{result.converged} (L1 residual {result.residual:.1e})"),
    ]


def small(members: int, edges: int, seed: int) -> list[tuple[str, str]]:
    import networkx as nx

    sources, targets, weights = power_law_graph(members, edges, seed)
    seeds = seeds_for(members, 20, seed)
    personalisation = np.zeros(members)
    personalisation[seeds] = 1.0
    ours, ours_s = timed(
        lambda: propagate(members, sources, targets, weights, personalisation), repeat=3
    )

    graph = nx.DiGraph()
    graph.add_nodes_from(range(members))
    graph.add_weighted_edges_from(
        zip(sources.tolist(), targets.tolist(), weights.tolist(), strict=True)
    )
    theirs, theirs_s = timed(
        lambda: nx.pagerank(
            graph,
            alpha=0.85,
            personalization={int(s): 1.0 for s in seeds},
            weight="weight",
            tol=1e-12,  # per node; nx stops when the L1 change < members * tol
            max_iter=1000,
        ),
        repeat=3,
    )
    difference = np.abs(ours.scores - np.array([theirs[i] for i in range(members)])).max()
    return [
        ("small graph", f"{members:,} members, {edges:,} vouches, 20 seeds"),
        ("ours (array path, best of 3)", f"{ours_s * 1000:.1f} ms, {ours.iterations} steps"),
        ("networkx.pagerank (best of 3)", f"{theirs_s * 1000:.1f} ms (graph already built)"),
        ("speed ratio", f"ours is {theirs_s / ours_s:.1f}x faster"),
        ("max |ours - networkx|", f"{difference:.1e}"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--small-members", type=int, default=5_000)
    parser.add_argument("--small-edges", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args(argv)

    rows = large(args.members, args.edges, args.seed)
    rows += small(args.small_members, args.small_edges, args.seed)
    width = max(len(label) for label, _ in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 44}")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
