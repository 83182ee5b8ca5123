"""Benchmark keeping "people to meet" current in a live community, on PostgreSQL.

    .venv/bin/python benchmarks/bench_recommendations.py [--members 10000] [--edits 20]
        [--database postgres://postgres@127.0.0.1:5432/mensch_bench_recommendations]
        [--workers 1,2]

Its steps are what ``benchmarks/bench_matching.py --live`` runs at 100,000 members (with
the 2/1 worker ratio and the install size); this script runs them at 10,000 by default.
Loads ``--members`` demo members with bulk inserts into its own database (reused when it
holds that many; ``benchmarks/bench_specialists.py``'s loader), then prints, in one run:

* the full recompute in this process, shard by shard: first with an empty table (every
  row inserted), then again with nothing changed (every list compared, no row written),
  split into the engine build and the lists; then ``ANALYZE`` of the lists, as
  autovacuum would do after a table filled in one go;
* ``--edits`` profile edits (a member adds an offer), each followed by what the worker
  does: its warm engine takes the change in place (``current_engine``), then
  ``matches_update_member`` writes the lists the member enters or leaves; p50/p95 of
  each part, lists touched, rows written;
* the periodic batch in shards (``matches_recompute_in_shards``) run by 1 and by 2
  ``mensch worker --batch`` processes after every list was emptied: wall time, and each
  worker's peak RSS;
* this process's peak RSS, the 2/1 worker ratio and the install size (it runs
  ``bench_matching.live``; the text model is ``MENSCH_MATCH_MODEL``, lexical unless set).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_specialists import percentile


def timed[T](work: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def empty_lists() -> None:
    """Every stored list removed (TRUNCATE on PostgreSQL: no dead rows left behind)."""
    from django.db import connection

    from mensch.matching.models import Recommendation, RecommendationList

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Recommendation, RecommendationList):
                cursor.execute(f"TRUNCATE {model._meta.db_table}")
    else:
        RecommendationList.objects.all().delete()
        Recommendation.objects.all().delete()


def analyze_lists() -> None:
    """Fresh planner statistics for the stored lists, as autovacuum would gather them (a
    table filled in one go has none; the benchmark's server may run without autovacuum)."""
    from django.db import connection

    from mensch.matching.models import Recommendation, RecommendationList

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Recommendation, RecommendationList):
                cursor.execute(f"ANALYZE {model._meta.db_table}")


def full_recompute(*, empty_first: bool = True) -> dict[str, float]:
    """The full recompute in this process, with an empty table and with nothing changed;
    returns the seconds of each."""
    from tqdm import tqdm

    from mensch.matching import services
    from mensch.matching.models import Recommendation

    if empty_first:
        empty_lists()
    seconds = {}
    for label in ("empty table", "nothing changed"):
        services.forget_engine()
        engine, build = timed(services.match_engine)
        _, index = timed(partial(getattr, engine, "index"))  # built on first use
        build += index
        before = Recommendation.objects.count()
        started = time.perf_counter()
        written = []
        shards = services.member_shards()
        for first, last in tqdm(shards, desc=f"full recompute ({label})", unit="shard"):
            written.append(services.matches_recompute_shard(first=first, last=last, engine=engine))
        lists = time.perf_counter() - started
        seconds[label] = build + lists
        analyze_lists()
        print(
            f"full recompute ({label}): {build + lists:.1f} s = engine {build:.1f} s "
            f"(embedded {engine.embedded} texts) + lists {lists:.1f} s; rows "
            f"{before} -> {Recommendation.objects.count()}, "
            f"{sum(w.rows for w in written)} written",
            flush=True,
        )
    return seconds


def edits(count: int, seed: int) -> list[float]:
    """``count`` profile edits, each followed by the worker's update; returns each edit's
    whole time (warm engine takes the change + lists updated)."""
    from tqdm import tqdm

    from mensch.matching import services
    from mensch.profiles.models import Offer, Profile
    from mensch.profiles.services import profile_item_create

    rng = random.Random(seed)
    user_ids = list(Profile.objects.values_list("user_id", flat=True))
    offers = list(Offer.objects.values_list("text", flat=True)[:5000])
    builds, updates, lists, rows = [], [], [], []
    for _ in tqdm(range(count), desc="edits", unit="edit"):
        member = rng.choice(user_ids)
        profile = Profile.objects.get(user_id=member)
        profile_item_create(profile=profile, side="offer", kind="other", text=rng.choice(offers))
        # What the worker's task does: its warm engine catches up, then the lists.
        engine, build = timed(services.current_engine)
        written, update = timed(
            partial(services.matches_update_member, member_id=member, engine=engine)
        )
        builds.append(build)
        updates.append(update)
        lists.append(written.lists)
        rows.append(written.rows)
    for label, values in (("warm engine takes the change", builds), ("lists update", updates)):
        print(
            f"edit, {label}: p50 {statistics.median(values) * 1000:.0f} ms, "
            f"p95 {percentile(values, 0.95) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"
        )
    total = [b + u for b, u in zip(builds, updates, strict=True)]
    print(
        f"edit, total ({count} edits, one edit -> every affected list updated): "
        f"p50 {statistics.median(total):.2f} s, p95 {percentile(total, 0.95):.2f} s, "
        f"max {max(total):.2f} s; lists touched p50 {statistics.median(lists):.0f} "
        f"(max {max(lists)}), rows written p50 {statistics.median(rows):.0f} (max {max(rows)})",
        flush=True,
    )
    return total


def sharded(workers: int, database: str) -> tuple[float, list[int]]:
    """The periodic batch in shards run by ``workers`` ``mensch worker --batch`` processes
    after every list was emptied; returns the wall time and each worker's peak RSS (MiB)."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from mensch.core.tasks import periodic_jobs, run_periodic
    from mensch.matching import tasks
    from mensch.matching.models import Recommendation

    empty_lists()
    DBTaskResult.objects.all().delete()
    later = timezone.now() + timedelta(days=1)
    for name in periodic_jobs():  # booked for later: the workers run only the shards
        run_periodic.using(run_after=later).enqueue(name)
    shards = tasks.matches_recompute_in_shards()
    env = {**os.environ, "DATABASE_URL": database}
    command = [
        sys.executable,
        "-c",
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and exec, so a worker
        # started by a big process would report its parent's peak.
        "import sys; from mensch.cli import main; rc = main(sys.argv[1:]); "
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]; "
        "print('peak RSS MiB', int(hwm[0].split()[1]) // 1024 if hwm else -1); "
        "sys.exit(rc)",
        "worker",
        "--batch",
        "--interval",
        "0",
    ]
    started = time.perf_counter()
    procs = [
        subprocess.Popen(  # noqa: S603 -- our own interpreter and arguments
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        for _ in range(workers)
    ]
    outputs = [p.communicate()[0] for p in procs]
    wall = time.perf_counter() - started
    analyze_lists()
    rss = [
        int(line.split()[-1]) for out in outputs for line in out.splitlines() if "peak RSS" in line
    ]
    print(
        f"sharded batch, {workers} worker(s): {shards} shards in {wall:.1f} s, rows "
        f"{Recommendation.objects.count()}, peak RSS per worker "
        f"{', '.join(str(r) for r in rss)} MiB",
        flush=True,
    )
    return wall, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument(
        "--database", default="postgres://postgres@127.0.0.1:5432/mensch_bench_recommendations"
    )
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "mensch-bench-recs"
    )
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--workers", default="1,2", help="worker counts for the batch ('' skips)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    # The same steps as bench_matching.py --live, at a size that runs in minutes.
    from benchmarks.bench_matching import live

    live(args)


if __name__ == "__main__":
    main()
