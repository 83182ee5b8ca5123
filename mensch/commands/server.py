"""``mensch demo``, ``mensch serve``, ``mensch worker`` and ``mensch manage``: the commands
that need Django and a database."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

# The shared password of the public demo accounts, printed at start; not a secret.
DEMO_PASSWORD = "mensch-demo-2026"  # noqa: S105


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensch.settings")
    import django

    django.setup()


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="migrate, load demo data and serve at http://127.0.0.1:8000",
        description=(
            "Create the database, load a realistic demo community (idempotent) and serve it."
        ),
    )
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument(
        "--members", type=int, default=300, help="demo members to create (default 300)"
    )
    demo.add_argument("--no-serve", action="store_true", help="load the data and stop")
    demo.set_defaults(func=run_demo)

    serve = subparsers.add_parser(
        "serve",
        help="serve Mensch on the configured database",
        description="Serve with gunicorn (or Django's development server when DEBUG=1).",
    )
    serve.add_argument("--host", default=os.environ.get("MENSCH_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")))
    serve.set_defaults(func=run_serve)

    worker = subparsers.add_parser(
        "worker",
        help="run background tasks (reminders, recomputations) from the database queue",
        add_help=False,
    )
    worker.add_argument("args", nargs=argparse.REMAINDER)
    worker.set_defaults(func=run_worker)

    manage = subparsers.add_parser("manage", help="run a Django management command", add_help=False)
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(func=run_manage)


def run_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensch.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mensch manage", *args.args])
    return 0


def run_worker(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    from mensch.core.tasks import schedule_periodic_jobs

    booked = schedule_periodic_jobs()
    if booked:
        print(f"Booked periodic jobs: {', '.join(booked)}")
    execute_from_command_line(["mensch worker", "db_worker", *args.args])
    return 0


def pending_migrations() -> list[str]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def collect_static() -> None:
    from django.conf import settings
    from django.core.management import call_command

    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)


def run_serve(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings

    pending = pending_migrations()
    if pending:
        print(
            f"The database needs {len(pending)} migration(s) ({', '.join(pending[:3])}…).\n"
            "Run `mensch manage migrate` first.",
            file=sys.stderr,
        )
        return 1
    if settings.DEBUG:
        from django.core.management import call_command

        call_command("runserver", f"{args.host}:{args.port}")
        return 0
    collect_static()
    return exec_gunicorn(args.host, args.port, args.workers)


def exec_gunicorn(host: str, port: int, workers: int) -> int:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "mensch.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(max(1, workers)),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]
    sys.stdout.flush()
    os.execv(sys.executable, command)  # noqa: S606 — replaces this process with gunicorn, no shell
    return 0  # pragma: no cover — execv does not return


def run_demo(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from mensch.demo.load import demo_load

    print(f"Database: {settings.DATABASES['default']['NAME']}")
    print("Applying migrations…")
    call_command("migrate", interactive=False, verbosity=0)
    summary = demo_load(members=args.members, password=DEMO_PASSWORD, progress=True)
    print(
        f"Demo community ready: {summary.members} members "
        f"({summary.created} new), {summary.asks} asks, {summary.offers} offers."
    )
    compute_matches()
    from mensch.demo.load import demo_load_capabilities

    for line in demo_load_capabilities(summary):
        print(f"  {line}")
    collect_static()
    url = f"http://{args.host}:{args.port}"
    print()
    print(f"  Mensch is at {url}")
    print(f"  Member login:    {summary.member_email} / {DEMO_PASSWORD}")
    print(f"  Organizer login: {summary.organizer_email} / {DEMO_PASSWORD}")
    print(f"  API docs:        {url}/api/docs")
    print()
    if args.no_serve:
        return 0
    os.environ.setdefault("SITE_URL", url)
    return serve_with_worker(args.host, args.port)


def compute_matches() -> None:
    from tqdm import tqdm

    from mensch.matching.services import engine_profiles, matches_recompute

    total = len(engine_profiles())
    with tqdm(total=total, desc="People to meet", unit="member", leave=False) as bar:
        stored = matches_recompute(progress=bar.update)
    print(f"Computed {stored} recommendations (who should meet whom, and why).")


def serve_with_worker(host: str, port: int) -> int:
    """Run the web server and one task worker until either stops or Ctrl-C."""
    import signal
    import subprocess
    import time

    worker = subprocess.Popen(  # noqa: S603 — our own interpreter and arguments, no shell
        [sys.executable, "-m", "mensch.cli", "worker"]
    )
    web = subprocess.Popen(  # noqa: S603 — our own interpreter and arguments, no shell
        [
            sys.executable,
            "-m",
            "gunicorn",
            "mensch.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            "2",
            "--access-logfile",
            "-",
        ]
    )
    try:
        while web.poll() is None and worker.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for process in (web, worker):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (web, worker):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return web.returncode or 0
