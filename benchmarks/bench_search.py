"""Benchmark the member directory search on PostgreSQL at community scale.

    .venv/bin/python benchmarks/bench_search.py [--members 100000] [--database mensch_bench_search]
        [--host 127.0.0.1] [--user postgres] [--runs 40]

Creates the database if needed and migrates it; if it holds fewer than ``--members``
profiles it adds the missing ones fast (``bulk_create`` of demo members from
``mensch.demo.people``, with their asks and offers, every 100th hidden), fills their
search documents in batches and runs ``ANALYZE``. Then it times, after a warm-up:

- the baseline: one profile read by primary key;
- the search selector for a one-word and a seven-word need (the page of 20 with its asks
  and offers, plus the capped count), as the directory and the API run it;
- the directory page through Django's test client: no words, one word, seven words;

and prints p50/p95 in milliseconds, and the plan of the seven-word search. Nothing here
is a test; it prints figures.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ONE_WORD = "bookkeeping"
SEVEN_WORDS = "bookkeeping and tax advice for small studios"
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
    print(f"loaded in {time.perf_counter() - started:.0f} s, then ANALYZE")


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

    def page(query: str) -> Callable[[], object]:
        def run() -> object:
            response = client.get("/members/", {"q": query} if query else {})
            assert response.status_code == 200, response.status_code
            return response

        return run

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
    ]
    print(f"{'':44}{'p50 ms':>10}{'p95 ms':>10}")
    for label, fn in cases:
        p50, p95 = timed(fn, args.runs)
        print(f"{label:44}{p50:10.1f}{p95:10.1f}", flush=True)

    sql, params = found.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql} LIMIT 20", params)
        print("\nplan of the seven-word search (page of 20):")
        for (line,) in cursor.fetchall():
            print("  " + line)


if __name__ == "__main__":
    main()
