"""Benchmark the member directory search on PostgreSQL at community scale.

    .venv/bin/python benchmarks/bench_search.py [--members 100000] [--database mensch_bench_search]
        [--host 127.0.0.1] [--user postgres] [--runs 40]

Creates the database if needed and migrates it; if it holds fewer than ``--members``
profiles it adds the missing ones fast (``bulk_create`` of demo members from
``mensch.demo.people``, with their asks and offers, every 100th hidden), fills their
search documents in batches and runs ``ANALYZE`` and ``VACUUM``. Then it times, after a warm-up:

- the baseline: one profile read by primary key;
- the search selector for a one-word and a seven-word need (the page of 20 with its asks
  and offers, plus the capped count), as the directory and the API run it;
- the directory page through Django's test client: no words, one word, seven words, and
  with the industry filter;
- the member search API (``GET /api/v1/members``): one word, seven words, with a
  location, and a location alone (one where many members live, one where none do);
- the specialist directory (``/specialists/?need=...``) and its API twin
  (``GET /api/v1/trust/specialists``): the first search of the process (which builds the
  shared matching engine, as ``mensch serve`` does before it forks) and then warm;

and prints p50/p95 in milliseconds, and the plan of the seven-word search. Nothing here
is a test; it prints figures.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db.models import Model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ONE_WORD = "bookkeeping"
SEVEN_WORDS = "bookkeeping and tax advice for small studios"
INDUSTRY = "Accounting & bookkeeping"
LOCATION = "Berlin"
NOWHERE = "Zurich"
CHUNK = 5000
HIDDEN_EVERY = 100


def ensure_database(args: argparse.Namespace) -> None:
    import psycopg

    with psycopg.connect(
        host=args.host, user=args.user, dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [args.database]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{args.database}"')


def load(members: int) -> None:
    from mensch.accounts.models import User
    from mensch.core.analyze import analyze
    from mensch.demo.people import iter_people
    from mensch.profiles import search
    from mensch.profiles.models import Ask, Offer, Profile

    have = Profile.objects.count()
    if have >= members:
        print(f"{have:,} profiles already loaded")
        return
    started = time.perf_counter()
    people = iter_people(members, seed=13)
    for _ in range(have):
        next(people)
    batch = []
    done = have
    for number, person in enumerate(people, start=have + 1):
        batch.append((number, person))
        if len(batch) == CHUNK or number == members:
            users = User.objects.bulk_create(
                User(
                    email=f"bench{n}@example.org",
                    first_name=p.first_name,
                    last_name=p.last_name,
                    password="!",  # noqa: S106 -- unusable: nobody signs in as these
                )
                for n, p in batch
            )
            profiles = Profile.objects.bulk_create(
                Profile(
                    user=user,
                    headline=p.headline,
                    what_i_do=p.what_i_do,
                    industry=p.industry,
                    location=p.location,
                    languages=", ".join(p.languages),
                    goals=p.goals,
                    is_hidden=n % HIDDEN_EVERY == 0,
                )
                for user, (n, p) in zip(users, batch, strict=True)
            )
            Ask.objects.bulk_create(
                Ask(profile=profile, kind=item.kind, text=item.text, position=i)
                for profile, (_n, p) in zip(profiles, batch, strict=True)
                for i, item in enumerate(p.asks)
            )
            Offer.objects.bulk_create(
                Offer(profile=profile, kind=item.kind, text=item.text, position=i)
                for profile, (_n, p) in zip(profiles, batch, strict=True)
                for i, item in enumerate(p.offers)
            )
            search.documents_refresh([profile.pk for profile in profiles])
            done += len(batch)
            batch = []
            print(f"  {done:,} profiles ({time.perf_counter() - started:.0f} s)", flush=True)
    analyze(User, Profile, Ask, Offer)
    vacuum(User, Profile, Ask, Offer)
    print(f"loaded in {time.perf_counter() - started:.0f} s, then ANALYZE and VACUUM")


def vacuum(*models: type[Model]) -> None:
    """What autovacuum does to a live community's tables (and may not have done yet here):
    drop the row versions the search documents' fill left behind, and move the full-text
    index's pending entries into the index, which every search would otherwise read."""
    from django.db import connection

    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM {connection.ops.quote_name(model._meta.db_table)}")


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    for _ in range(3):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--database", default="mensch_bench_search")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--user", default="postgres")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = f"postgres://{args.user}@{args.host}:5432/{args.database}"
    os.environ.setdefault("SECRET_KEY", "bench-search-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensch.settings")
    # The shared matching engine of a large community is saved to the data folder: keep
    # the benchmark's copy out of the real one, and start without one (a cold build).
    data_dir = Path(tempfile.gettempdir()) / f"mensch-bench-search-{args.database}"
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("MENSCH_DATA_DIR", str(data_dir))
    ensure_database(args)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    call_command("migrate", verbosity=0)
    load(args.members)

    from mensch.accounts.models import User
    from mensch.profiles import selectors
    from mensch.profiles.models import Profile

    setup_test_environment()
    # No collectstatic here: serve static URLs unhashed, as DEBUG does (DEBUG itself would
    # record every query and skew the figures).
    from django.conf import settings
    from django.test import override_settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    override_settings(STORAGES=storages).enable()
    ids = list(Profile.objects.values_list("pk", flat=True)[:5000])
    pick = random.Random(5).choice

    def search(query: str) -> Callable[[], object]:
        def run() -> object:
            queryset = selectors.member_search(query=query)
            return list(queryset[:20]), selectors.member_count(queryset)

        return run

    viewer = User.objects.filter(is_active=True).order_by("pk").first()
    assert viewer is not None
    client = Client()
    client.force_login(viewer, backend="django.contrib.auth.backends.ModelBackend")

    def get(path: str, params: dict[str, str]) -> Callable[[], object]:
        def run() -> object:
            response = client.get(path, params)
            assert response.status_code == 200, (path, response.status_code)
            return response

        return run

    def page(query: str, **filters: str) -> Callable[[], object]:
        return get("/members/", {"q": query, **filters} if query else filters)

    def baseline() -> object:
        return Profile.objects.get(pk=pick(ids))

    found = selectors.member_search(query=SEVEN_WORDS)
    print(
        f"\n{Profile.objects.count():,} profiles on PostgreSQL "
        f"({connection.settings_dict['NAME']}), {args.runs} runs each, after a warm-up"
    )
    print(f"seven-word need: {SEVEN_WORDS!r}: {selectors.member_count(found):,} found (capped)")
    print(f"  first: {[(p.name, p.headline[:50]) for p in found[:3]]}")
    cases: list[tuple[str, Callable[[], object]]] = [
        ("baseline: one profile by primary key", baseline),
        (f"selector, one word ({ONE_WORD!r})", search(ONE_WORD)),
        ("selector, seven-word need", search(SEVEN_WORDS)),
        ("page /members/ (no words)", page("")),
        (f"page /members/?q={ONE_WORD}", page(ONE_WORD)),
        ("page /members/?q=<seven-word need>", page(SEVEN_WORDS)),
        ("page /members/?industry=<one>", page("", industry=INDUSTRY)),
        ("page /members/?q=<seven words>&industry=", page(SEVEN_WORDS, industry=INDUSTRY)),
        (f"api /api/v1/members?q={ONE_WORD}", get("/api/v1/members", {"q": ONE_WORD})),
        ("api /api/v1/members?q=<seven-word need>", get("/api/v1/members", {"q": SEVEN_WORDS})),
        (
            f"api ...?q=<seven words>&location={LOCATION}",
            get("/api/v1/members", {"q": SEVEN_WORDS, "location": LOCATION}),
        ),
        (
            f"api /api/v1/members?location={LOCATION}",
            get("/api/v1/members", {"location": LOCATION}),
        ),
        (
            f"api ...?location={NOWHERE} (nobody there)",
            get("/api/v1/members", {"location": NOWHERE}),
        ),
    ]
    print(f"{'':44}{'p50 ms':>10}{'p95 ms':>10}")
    for label, fn in cases:
        p50, p95 = timed(fn, args.runs)
        print(f"{label:44}{p50:10.1f}{p95:10.1f}", flush=True)
    specialists(get, args.runs)

    # A ranked need reads its page and its count in one query; otherwise the page's query.
    if found.ranked is not None:
        sql, params = found.window_sql(0, 20)
    else:
        sql, page_params = found.queryset[:20].query.sql_with_params()
        params = list(page_params)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        print("\nplan of the seven-word search (page of 20 and the count):")
        for (line,) in cursor.fetchall():
            print("  " + line)


def specialists(get: Callable[[str, dict[str, str]], Callable[[], object]], runs: int) -> None:
    """The specialist directory and its API: the process's first search, then warm."""
    from mensch.matching import shared

    shared.engine_path().unlink(missing_ok=True)
    shared.forget()
    need = {"need": SEVEN_WORDS}
    start = time.perf_counter()
    get("/specialists/", need)()
    first = (time.perf_counter() - start) * 1000
    print(f"{'specialists: first search (builds the engine)':44}{first:10.1f}", flush=True)
    cases = [
        ("page /specialists/?need=<seven words>", get("/specialists/", need)),
        (
            f"page /specialists/?need=...&location={LOCATION}",
            get("/specialists/", {**need, "location": LOCATION}),
        ),
        ("api /api/v1/trust/specialists?need=...", get("/api/v1/trust/specialists", need)),
    ]
    for label, fn in cases:
        p50, p95 = timed(fn, runs)
        print(f"{label:44}{p50:10.1f}{p95:10.1f}", flush=True)


if __name__ == "__main__":
    main()
