"""CPU per page, in one process: where a page's time goes when the machine is the limit.

    .venv/bin/python benchmarks/bench_pages.py [--database-url postgres://…/mensch_demo100k]
        [--member kwame.mensah.1@example.org] [--runs 30]

Against a database the demo loader (or ``benchmarks/bench_web.py``) filled, it signs the
member in with Django's test client (DEBUG off) and loads each page of bench_web's mix
``--runs`` times, printing per page: this process's CPU (``time.process_time``: Python,
the ORM, templates), the PostgreSQL backend's CPU for the same requests (read from
``/proc/<backend pid>/stat``; Linux only), and the queries. In the same run, as the
baselines: the login page (what bench_web's ceiling loads) and the cheapest signed-in
page (time zone settings: session, user, unread count, navigation). The ratio issue 13
asks of the load test (mix throughput ≥ 0.40 of the login page's) needs the mix's
average near 2.5 times the login page's full cost, which these figures make plain.
Nothing here is a test; it prints figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_web import DEFAULT_DATABASE_URL, NEEDS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--member", default="kwame.mensah.1@example.org")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be positive")
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("SECRET_KEY", "bench-pages")
    os.environ.setdefault("MENSCH_MATCH_MODEL", "lexical")
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"  # Django's test client's host
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensch.settings")
    import django

    django.setup()
    from urllib.parse import quote

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from mensch.accounts.models import User
    from mensch.events.models import Event

    member = User.objects.get(email=args.member)
    event = Event.objects.filter(status=Event.Status.PUBLISHED).order_by("-pk").first()
    need = quote(NEEDS[0])
    pages = [
        "/dashboard/",
        "/people-to-meet/",
        f"/members/?q={need}",
        f"/specialists/?need={need}",
        "/events/",
        *([f"/events/{event.pk}/"] if event else []),
        "/contacts/",
        "/followups/",
        "/ledger/",
        "/goals/",
        "/roi/",
        "/api/v1/matches",
    ]
    backend = None  # the PostgreSQL process serving this connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]

    def backend_cpu() -> float:
        if backend is None:
            return 0.0
        fields = Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def measure(client: Client, path: str) -> tuple[float, float, int]:
        if client.get(path).status_code != 200:  # warm: caches, the engine, the templates
            sys.exit(f"{path} did not answer 200: no figures from an error page")
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        count = len(queries)  # now: the next request's start empties the query log
        python, database = [], []
        for _ in range(args.runs):
            started_db, started = backend_cpu(), time.process_time()
            client.get(path)
            python.append(time.process_time() - started)
            database.append(backend_cpu() - started_db)
        return (
            statistics.median(python) * 1000,
            statistics.fmean(database) * 1000,
            count,
        )

    print(
        f"bench_pages: {args.database_url.rsplit('/', 1)[-1]}, member {args.member}, "
        f"{args.runs} runs a page; CPU in ms (Python: median; PostgreSQL backend: mean)"
    )
    print(f"{'page':48} {'python':>7} {'postgres':>9} {'queries':>8}")
    anonymous = Client()
    rows: dict[str, tuple[float, float, int]] = {
        "login page (baseline)": measure(anonymous, "/login/")
    }
    signed_in = Client()
    signed_in.force_login(member)
    rows["signed-in floor: /settings/time-zone/"] = measure(signed_in, "/settings/time-zone/")
    for path in pages:
        rows[path] = measure(signed_in, path)
    for name, (python, database, queries) in rows.items():
        print(f"{name[:48]:48} {python:7.1f} {database:9.1f} {queries:8d}")
    mix = [rows[path] for path in pages]
    python = statistics.fmean(row[0] for row in mix)
    database = statistics.fmean(row[1] for row in mix)
    login = rows["login page (baseline)"]
    print(
        f"mix mean: Python {python:.1f} + PostgreSQL {database:.1f} ms; "
        f"{(python + database) / (login[0] + login[1]):.1f} times the login page's "
        f"{login[0] + login[1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
