"""What 1,000 attendees' phones polling the live table cost the server (issue 14).

    .venv/bin/python benchmarks/bench_live_table.py [--attendees 1000] [--requests 2000]
        [--phones 200] [--poll-seconds 2] [--database-url sqlite:////tmp/bench_live.sqlite3]

Builds a fresh database (a SQLite file by default; any DATABASE_URL, e.g. a PostgreSQL
database of your own, with --database-url: its tables are dropped and migrated again),
an event with ``--attendees`` members going, seated for 6 rounds at tables of 6 (seats
written in bulk, the console started through ``rounds.round_console``), then times
``--requests`` polls of the live endpoint through Django's test client, spread over
``--phones`` signed-in members:

* full: every poll renders the table (what the page did before issue 14, and what a
  phone gets whenever something changed): the baseline, measured in the same run;
* 304: every poll sends the ETag it last got (``If-None-Match``), as mensch.js does, and
  the state did not change: 304, nothing rendered.

It prints requests per second and queries per request for each, and the load of
``--attendees`` phones polling every ``--poll-seconds`` s: requests per second and the
CPU cores (one worker process each) that load keeps busy, for all-full and all-304.
Within one speaking turn (the round's minutes divided by the table's people: 2 min for
12-minute rounds at tables of 6) the state does not change, so nearly every poll is a
304; a turn change, start, pause or next round costs each phone one full answer.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROUNDS, TABLE = 6, 6


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensch.settings")
    os.environ.setdefault("SECRET_KEY", "bench-live-table-not-secret")
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, plain static storage below
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if not database_url.startswith("sqlite"):
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)


def _build(attendees: int) -> tuple[Any, list[Any]]:
    from datetime import timedelta

    from django.utils import timezone

    from mensch.accounts.models import User
    from mensch.events import rounds, services
    from mensch.events.models import Event, Rsvp, Seat
    from mensch.profiles.models import Ask, Offer, Profile

    organizer = User.objects.create_user(
        email="organizer@example.org", password=None, first_name="Olga", is_organizer=True
    )
    Profile.objects.get_or_create(user=organizer)
    starts = timezone.now() + timedelta(hours=1)
    event = services.event_create(
        organizer=organizer,
        title="Founders' evening",
        description="Rounds of six.",
        venue="The Hall",
        address="",
        sponsors="",
        price="0",
        currency="EUR",
        capacity=attendees,
        time_zone="Europe/Lisbon",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
    )
    services.event_publish(event=event)
    users = User.objects.bulk_create(
        [
            User(email=f"phone{n}@example.org", first_name=f"Phone{n}", last_name="Attendee")
            for n in range(attendees)
        ]
    )
    profiles = Profile.objects.bulk_create(
        [
            Profile(
                user=u,
                headline=f"Founder of company {n}",
                industry=("Design", "Software", "Retail", "Food")[n % 4],
                location="Lisbon",
            )
            for n, u in enumerate(users)
        ]
    )
    Ask.objects.bulk_create(
        [
            Ask(profile=p, kind="client", text=f"clients for service {n}")
            for n, p in enumerate(profiles)
        ]
    )
    Offer.objects.bulk_create(
        [
            Offer(profile=p, kind="other", text=f"help with topic {n}")
            for n, p in enumerate(profiles)
        ]
    )
    Rsvp.objects.bulk_create([Rsvp(event=event, member=u) for u in users])
    # 6 rounds at tables of 6, everyone seated each round (a shifted pattern: the cost
    # measured here is reading a table, not finding the best one).
    tables = -(-attendees // TABLE)
    seats = [
        Seat(
            event=event,
            member=u,
            round_number=r,
            table_number=((n % tables) + r * (n // tables)) % tables + 1,
        )
        for r in range(1, ROUNDS + 1)
        for n, u in enumerate(users)
    ]
    Seat.objects.bulk_create(seats, batch_size=2000)
    Event.objects.filter(pk=event.pk).update(
        round_count=ROUNDS, table_size=TABLE, round_minutes=12, schedule_version=1
    )
    event = rounds.round_console(event=Event.objects.get(pk=event.pk), action="start")
    return event, users


def _time(
    clients: list[Any], url: str, requests: int, etags: list[str] | None
) -> tuple[float, float, float, dict[int, int]]:
    """(requests/s by the wall clock, CPU ms per request, queries per request, statuses).
    With ``etags``, each phone sends the ETag it last got, as mensch.js does."""
    from django.db import connection

    def poll(index: int) -> Any:
        headers = {"HX-Request": "true"}
        if etags is not None:
            headers["If-None-Match"] = etags[index]
        response = clients[index].get(url, headers=headers)
        if etags is not None and response.get("ETag"):
            etags[index] = response["ETag"]
        return response

    sample, queries = 20, []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        for index in range(sample):
            poll(index % len(clients))
    statuses: dict[int, int] = {}
    wall, cpu = time.perf_counter(), time.process_time()
    for n in range(requests):
        status = poll(n % len(clients)).status_code
        statuses[status] = statuses.get(status, 0) + 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return requests / wall, 1000 * cpu / requests, len(queries) / sample, statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attendees", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--phones", type=int, default=200, help="distinct signed-in members")
    parser.add_argument("--poll-seconds", type=float, default=2.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--database-url", default="sqlite:////tmp/bench_live_table.sqlite3")
    args = parser.parse_args()

    _setup(args.database_url)
    from django.db import connection
    from django.test import Client

    built = time.perf_counter()
    event, users = _build(args.attendees)
    print(f"database: {connection.vendor} ({args.database_url.split('@')[-1]})")
    print(
        f"event: {args.attendees} attendees going, {ROUNDS} rounds at tables of {TABLE}, "
        f"round 1 running (built in {time.perf_counter() - built:.1f} s)"
    )
    url = f"/events/{event.pk}/table/live/"
    clients = []
    for user in users[: args.phones]:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        clients.append(client)
    etags = [c.get(url, headers={"HX-Request": "true"})["ETag"] for c in clients]  # warm-up

    full, conditional = [], []
    for _ in range(args.repeats):  # interleaved, so both see the same machine state
        full.append(_time(clients, url, args.requests, None))
        conditional.append(_time(clients, url, args.requests, etags))
    print(
        f"\n{args.requests} polls x {args.repeats} runs over {len(clients)} phones, one "
        f"process, {os.cpu_count()} CPUs on this machine (median run; CPU ms: this "
        "process's CPU time, the database's included for SQLite):"
    )
    print(f"{'answer':<22} {'requests/s':>11} {'CPU ms':>7} {'queries':>8}  statuses")
    medians = {}
    for name, runs in (("full render (before)", full), ("304 Not Modified", conditional)):
        rps = statistics.median(r[0] for r in runs)
        cpu_ms = statistics.median(r[1] for r in runs)
        medians[name] = cpu_ms
        statuses: dict[int, int] = {}
        for run in runs:
            for status, count in run[3].items():
                statuses[status] = statuses.get(status, 0) + count
        print(f"{name:<22} {rps:>11.0f} {cpu_ms:>7.2f} {runs[0][2]:>8.1f}  {statuses}")
    load = args.attendees / args.poll_seconds
    full_ms, cond_ms = medians["full render (before)"], medians["304 Not Modified"]
    print(
        f"\n{args.attendees} phones polling every {args.poll_seconds:g} s = {load:.0f} "
        "requests/s; CPU cores that keeps busy:"
    )
    print(f"  every poll a full render (before): {load * full_ms / 1000:.2f}")
    print(f"  every poll a 304 (same state):     {load * cond_ms / 1000:.2f}")
    print(f"  304 costs {full_ms / cond_ms:.1f}x less CPU per poll than a full render")
    # During a running round each phone gets one full answer per speaking turn (12-minute
    # rounds at tables of 6: a 120 s turn), and 304s in between.
    turn = 12 * 60 / TABLE
    share = args.poll_seconds / turn
    mixed = load * ((1 - share) * cond_ms + share * full_ms) / 1000
    print(
        f"  a running round (a full answer per phone per {turn:.0f} s turn, 304s between): "
        f"{mixed:.2f}"
    )


if __name__ == "__main__":
    main()
