"""Benchmark ranking a free-text need against the whole community (``rank_for_need``).

    .venv/bin/python benchmarks/bench_needs.py [--n 100000] [--top 100] [--repeat 20]

Builds the lexical engine on ``--n`` demo members (one in a hundred hidden, as in
``bench_matching.py``) and, in the same run, for each need of a fixed list:

* the full product the engine used before :mod:`mensch.engine.matching.bounds`: every
  member's similarity from one product with the whole offers matrix, then the best ``--top``;
* the engine's search: one product with the members' keys, then exact scores for the few
  whose bound reaches the best;

both as the median of ``--repeat`` calls (BLAS on one thread, as the engine runs it), the
number of members scored exactly, and a check that both give the same members in the same
order with the same scores (to float rounding). The text model's encoding of the need is
left out of both: it is the same work.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("SECRET_KEY", "bench-needs")

import numpy as np  # after the path is set, as in bench_matching.py
from numpy.typing import NDArray

from benchmarks.bench_matching import load_profiles
from benchmarks.bench_specialists import NEEDS as SPECIALIST_NEEDS
from mensch.engine.matching import MatchEngine
from mensch.engine.matching import bounds as need_bounds
from mensch.engine.matching.threads import single_threaded_blas

# bench_specialists' needs, and two short ones.
NEEDS = [*SPECIALIST_NEEDS, "tax advice", "a mentor for a first-time founder"]
MIN_SCORE = 0.05  # the directory's MIN_FIT


def full_product(
    engine: MatchEngine, vector: NDArray[np.float32], top: int
) -> tuple[NDArray[np.intp], NDArray[np.float32]]:
    """The best ``top`` as rank_for_need found them before: the whole product, then a cut."""
    scores = engine.scorer.values(
        engine.offers @ vector, None, np.zeros(len(engine.profiles), dtype=np.float32)
    )
    allowed = engine.visible & (scores >= MIN_SCORE) & (scores > 0)
    candidates = np.flatnonzero(allowed)
    if len(candidates) > top:
        part = np.argpartition(-scores[candidates], top - 1)[:top]
        cut = scores[candidates[part]].min()
        candidates = candidates[scores[candidates] >= cut]
    order = np.lexsort((candidates, -scores[candidates]))
    chosen = candidates[order][:top]
    return chosen, scores[chosen]


def pruned(
    engine: MatchEngine, vector: NDArray[np.float32], top: int
) -> tuple[NDArray[np.intp], NDArray[np.float32]]:
    def value(similarity: NDArray[np.float32]) -> NDArray[np.float32]:
        return engine.scorer.values(similarity, None, np.zeros_like(similarity))

    return need_bounds.top_rows(
        engine.offers, engine.need_bounds, vector, engine.visible.copy(), top, value, MIN_SCORE
    )


def scored_exactly(engine: MatchEngine, vector: NDArray[np.float32], top: int) -> int:
    """How many members the search scores exactly, besides the first probes."""

    def value(similarity: NDArray[np.float32]) -> NDArray[np.float32]:
        return engine.scorer.values(similarity, None, np.zeros_like(similarity))

    return len(
        need_bounds.candidate_rows(
            engine.offers, engine.need_bounds, vector, engine.visible, top, value, MIN_SCORE
        )
    )


def median_ms(work: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--top", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    started = time.perf_counter()
    engine = MatchEngine(load_profiles(args.n, args.seed), model="lexical")
    print(f"engine on {args.n} members: {time.perf_counter() - started:.1f} s")
    if engine.need_bounds is None:
        print("no keys at this size: rank_for_need uses the full product")
        return 0
    keys = engine.need_bounds.keys
    print(
        f"offers {engine.offers.shape} {engine.offers.nbytes / 2**20:.0f} MiB;"
        f" keys {keys.shape} {keys.nbytes / 2**20:.0f} MiB"
    )
    print(f"{'need':<48} {'full ms':>8} {'keys ms':>8} {'exact':>7} same")
    full_times, new_times, same_all = [], [], True
    with single_threaded_blas():
        for need in NEEDS:
            vector = np.asarray(engine.model.encode([need]), dtype=np.float32).reshape(-1)
            vector /= np.linalg.norm(vector)
            old_rows, old_scores = full_product(engine, vector, args.top)
            new_rows, new_scores = pruned(engine, vector, args.top)
            same = np.array_equal(old_rows, new_rows) and np.allclose(
                old_scores, new_scores, rtol=0, atol=1e-6
            )
            same_all &= same
            full = median_ms(lambda v=vector: full_product(engine, v, args.top), args.repeat)
            new = median_ms(lambda v=vector: pruned(engine, v, args.top), args.repeat)
            full_times.append(full)
            new_times.append(new)
            exact = scored_exactly(engine, vector, args.top)
            print(f"{need[:48]:<48} {full:8.2f} {new:8.2f} {exact:7d} {same}")
    print(
        f"{'median over needs':<48} {statistics.median(full_times):8.2f}"
        f" {statistics.median(new_times):8.2f}         {same_all}"
    )
    return 0 if same_all else 1


if __name__ == "__main__":
    raise SystemExit(main())
