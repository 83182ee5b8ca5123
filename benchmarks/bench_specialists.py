"""Benchmark the specialist directory (``/specialists/?need=...``) at community scale.

    .venv/bin/python benchmarks/bench_specialists.py [--members 100000]
        [--database postgres://postgres@127.0.0.1:5432/mensch_bench_specialists]
    .venv/bin/python benchmarks/bench_specialists.py --members 5000 --database sqlite

Loads ``--members`` demo members (``mensch.demo.people``) with bulk inserts into its
own database (reused when it already holds that many), then, in one process, prints:

* the first (cold) build of the process's shared engine, from plain values;
* p50/p95 of ``--searches`` warm searches through the test client (the whole request:
  session, filters, reading the top members, trust, endorsements, template), one
  per need from a fixed list;
* a baseline in the same run: one member's own profile page read the same way;
* the process's peak RSS (``resource.getrusage``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NEEDS = [
    "someone to keep the books and do the VAT for my design studio",
    "a photographer for our new product range",
    "help with a website for my bakery",
    "an accountant who knows freelancers",
    "a lawyer to review a lease",
    "a graphic designer for a new logo",
    "introductions to investors for a seed round",
    "a developer to build a booking app",
    "marketing advice for a small restaurant",
    "a translator from German to English",
]


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def configure(database: str, data_dir: Path) -> None:
    if database == "sqlite":
        database = f"sqlite:///{data_dir / 'bench_specialists.sqlite3'}"
    elif database.startswith("postgres"):
        _create_postgres_database(database)
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("MENSCH_DATA_DIR", str(data_dir))
    os.environ.setdefault("SECRET_KEY", "bench-specialists")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensch.settings")
    import django

    django.setup()


def _create_postgres_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def load(members: int, seed: int) -> None:
    """Bulk-insert demo members unless the database already holds that many."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction

    from mensch.accounts.models import User
    from mensch.demo.people import iter_people
    from mensch.profiles.models import Ask, Offer, Profile

    call_command("migrate", verbosity=0)
    have = Profile.objects.count()
    if have >= members:
        print(f"database already holds {have} members; reusing it")
        return
    Profile.objects.all().delete()
    User.objects.all().delete()
    started = time.perf_counter()
    password = make_password(None)
    batch = 5000
    people = iter_people(members, seed=seed)
    done = 0
    while done < members:
        chunk = [next(people) for _ in range(min(batch, members - done))]
        with transaction.atomic():
            users = User.objects.bulk_create(
                [
                    User(
                        email=f"{p.id}.{p.email}".lower(),
                        first_name=p.first_name,
                        last_name=p.last_name,
                        password=password,
                    )
                    for p in chunk
                ]
            )
            if users[0].pk is None:  # backends that return no keys
                emails = [u.email for u in users]
                ids = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
                for user in users:
                    user.pk = ids[user.email]
            profiles = Profile.objects.bulk_create(
                [
                    Profile(
                        user_id=u.pk,
                        headline=p.headline,
                        what_i_do=p.what_i_do,
                        industry=p.industry,
                        location=p.location,
                        languages=", ".join(p.languages),
                        goals=p.goals,
                    )
                    for u, p in zip(users, chunk, strict=True)
                ]
            )
            if profiles[0].pk is None:
                ids = dict(
                    Profile.objects.filter(user_id__in=[u.pk for u in users]).values_list(
                        "user_id", "pk"
                    )
                )
                for profile in profiles:
                    profile.pk = ids[profile.user_id]
            pairs = list(zip(profiles, chunk, strict=True))
            Ask.objects.bulk_create(
                [
                    Ask(profile_id=profile.pk, kind=item.kind, text=item.text, position=n)
                    for profile, p in pairs
                    for n, item in enumerate(p.asks)
                ],
                batch_size=5000,
            )
            Offer.objects.bulk_create(
                [
                    Offer(profile_id=profile.pk, kind=item.kind, text=item.text, position=n)
                    for profile, p in pairs
                    for n, item in enumerate(p.offers)
                ],
                batch_size=5000,
            )
        done += len(chunk)
        sys.stderr.write(f"\rloaded {done}/{members} members")
    sys.stderr.write("\n")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"loaded {members} members in {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument(
        "--database",
        default="postgres://postgres@127.0.0.1:5432/mensch_bench_specialists",
        help="a PostgreSQL URL (created if missing) or 'sqlite' for a file in --data-dir",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "mensch-bench-specialists",
    )
    parser.add_argument("--searches", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    configure(args.database, args.data_dir)

    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    from mensch.matching import shared
    from mensch.profiles.models import Profile

    load(args.members, args.seed)
    setup_test_environment()  # the test client on a real database; no test database
    # Static files straight from the apps: no collectstatic manifest needed.
    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    viewer = Profile.objects.select_related("user").order_by("pk").first()
    assert viewer is not None
    client = Client()
    client.force_login(viewer.user)
    print(f"database: {connection.vendor}, members: {Profile.objects.count()}")
    rss_before = peak_rss_mib()

    started = time.perf_counter()
    engine = shared.shared_engine()
    cold = time.perf_counter() - started
    print(
        f"cold build of the shared engine: {cold:.2f} s for {len(engine.profiles)} members "
        f"(peak RSS {rss_before:.0f} -> {peak_rss_mib():.0f} MiB)"
    )

    def timed_get(path: str, params: dict[str, str] | None = None) -> float:
        begun = time.perf_counter()
        response = client.get(path, params or {})
        elapsed = time.perf_counter() - begun
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return elapsed

    own = f"/specialists/{viewer.pk}/"
    timed_get(own)
    baseline = [timed_get(own) for _ in range(args.searches)]
    timed_get("/specialists/", {"need": NEEDS[0]})
    searches = [
        timed_get("/specialists/", {"need": NEEDS[i % len(NEEDS)]}) for i in range(args.searches)
    ]
    ms = 1000.0
    print(
        f"baseline (one member's page {own}, {len(baseline)} reads): "
        f"p50 {percentile(baseline, 0.5) * ms:.1f} ms, p95 {percentile(baseline, 0.95) * ms:.1f} ms"
    )
    print(
        f"/specialists/?need=... warm ({len(searches)} searches): "
        f"p50 {percentile(searches, 0.5) * ms:.1f} ms, "
        f"p95 {percentile(searches, 0.95) * ms:.1f} ms, "
        f"mean {statistics.mean(searches) * ms:.1f} ms"
    )
    ratio = percentile(searches, 0.5) / percentile(baseline, 0.5)
    print(f"ratio p50 search / p50 baseline: {ratio:.1f}")
    for label, extra in (("location=Berlin", {"location": "Berlin"}), ("remote", {"remote": "on"})):
        first = timed_get("/specialists/", {"need": NEEDS[1], **extra})
        filtered = [
            timed_get("/specialists/", {"need": NEEDS[i % len(NEEDS)], **extra})
            for i in range(args.searches)
        ]
        print(
            f"/specialists/?need=...&{label}: first {first * ms:.1f} ms, then "
            f"p50 {percentile(filtered, 0.5) * ms:.1f} ms, "
            f"p95 {percentile(filtered, 0.95) * ms:.1f} ms"
        )
    print(f"peak RSS of this process: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
