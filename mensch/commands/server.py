"""``mensch demo``, ``mensch serve``, ``mensch worker`` and ``mensch manage``: the commands
that need Django and a database.

They, not the settings, create what Mensch keeps on disk: the data folder, its static
folder and the generated secret key (``prepare_data_dir``, run before Django starts).
"""

from __future__ import annotations

import argparse
import importlib
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import django
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command, execute_from_command_line
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from tqdm import tqdm

# The shared password of the public demo accounts, printed at start; not a secret.
DEMO_PASSWORD = "mensch-demo-2026"  # noqa: S105


def create_secret_key(key_file: Path) -> str:
    """Generate a key into ``key_file`` (owner-only), or return the one already there."""
    key = secrets.token_urlsafe(50)
    key_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process started at the same moment
        return key_file.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


def prepare_data_dir() -> Path:
    """Create the data folder, its static folder and, when no key is configured, a generated
    secret key; return the data folder. Run before Django loads the settings.

    The settings module only reads: without SECRET_KEY, SECRET_KEY_FILE or a generated key it
    raises an error carrying ``key_file``; the key is generated there and the settings loaded
    again. Every other configuration error propagates unchanged.
    """
    module_name = os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mensch.settings")
    try:
        try:
            conf = importlib.import_module(module_name)
        except ImproperlyConfigured as exc:
            key_file = getattr(exc, "key_file", None)
            if key_file is None:
                raise
            create_secret_key(key_file)
            conf = importlib.import_module(module_name)
        data_dir = Path(conf.DATA_DIR)
        for folder in (data_dir, Path(conf.STATIC_ROOT)):
            folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"Cannot create {exc.filename or 'the data folder'} ({exc.strerror}); "
            "set MENSCH_DATA_DIR to a folder Mensch may write to."
        ) from exc
    return data_dir


def setup_django() -> None:
    """Prepare the data folder, then set Django up; nothing to do when this process already
    has (a test running a command in-process)."""
    if apps.ready:
        return
    prepare_data_dir()
    django.setup()


def port_number(text: str) -> int:
    """argparse type: a TCP port."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1 to 65535)")
    return port


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is less than 1")
    return number


def non_negative_float(text: str) -> float:
    """argparse type: a number of seconds, zero or more."""
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= number < float("inf"):
        raise argparse.ArgumentTypeError(f"{text} is not zero or more")
    return number


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="migrate, load demo data and serve at http://127.0.0.1:8000",
        description=(
            "Create the database, load a realistic demo community (idempotent) and serve it."
        ),
    )
    demo.add_argument("--port", type=port_number, default=8000)
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument(
        "--members", type=positive_int, default=300, help="demo members to create (default 300)"
    )
    demo.add_argument("--no-serve", action="store_true", help="load the data and stop")
    demo.set_defaults(func=run_demo)

    serve = subparsers.add_parser(
        "serve",
        help="serve Mensch on the configured database",
        description="Serve with gunicorn (or Django's development server when DEBUG=1).",
    )
    # Defaults come from the settings (MENSCH_HOST, PORT, WEB_CONCURRENCY), read once Django
    # is set up, so that a bad value is reported like every other setting.
    serve.add_argument("--host", help="address to listen on (default: MENSCH_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=port_number, help="port (default: PORT or 8000)")
    serve.add_argument(
        "--workers", type=positive_int, help="gunicorn workers (default: WEB_CONCURRENCY or 3)"
    )
    serve.set_defaults(func=run_serve)

    worker = subparsers.add_parser(
        "worker",
        help="run background tasks (emails, reminders, recomputations) from the database queue",
        description=(
            "Queue again the tasks of workers that died, book the periodic jobs, then run "
            "tasks from the database queue until stopped (SIGTERM finishes the running task)."
        ),
    )
    worker.add_argument(
        "--queue",
        default="default",
        help="queues to take tasks from, comma-separated, or '*' for all (default: default)",
    )
    worker.add_argument(
        "--interval",
        type=non_negative_float,
        default=1.0,
        help="seconds to wait when the queue is empty (default: 1)",
    )
    worker.add_argument(
        "--batch", action="store_true", help="run every task that is due, then stop"
    )
    worker.add_argument("--max-tasks", type=positive_int, help="stop after running this many tasks")
    worker.set_defaults(func=run_worker)

    manage = subparsers.add_parser("manage", help="run a Django management command", add_help=False)
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(func=run_manage)


def run_manage(args: argparse.Namespace) -> int:
    prepare_data_dir()
    execute_from_command_line(["mensch manage", *args.args])
    return 0


def run_worker(args: argparse.Namespace) -> int:
    setup_django()
    if refuse_pending_migrations():
        return 1
    from mensch.core.tasks import (  # noqa: PLC0415 -- models load after django.setup()
        schedule_periodic_jobs,
        tasks_requeue_stuck,
    )

    requeued = tasks_requeue_stuck()
    if requeued:
        print(f"Queued again {requeued} task(s) whose worker stopped before finishing them.")
    booked = schedule_periodic_jobs()
    if booked:
        print(f"Booked periodic jobs: {', '.join(booked)}")
    sys.stdout.flush()
    options = ["--queue-name", args.queue, "--interval", str(args.interval)]
    if args.batch:
        options.append("--batch")
    if args.max_tasks:
        options += ["--max-tasks", str(args.max_tasks)]
    call_command("db_worker", *options)
    return 0


def pending_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def collect_static() -> None:
    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)


def refuse_pending_migrations() -> bool:
    """Say so and return True when the database is behind the code."""
    pending = pending_migrations()
    if pending:
        print(
            f"The database needs {len(pending)} migration(s) ({', '.join(pending[:3])}…).\n"
            "Run `mensch manage migrate` first.",
            file=sys.stderr,
        )
    return bool(pending)


def run_serve(args: argparse.Namespace) -> int:
    setup_django()
    if refuse_pending_migrations():
        return 1
    host = args.host or settings.HOST
    port = args.port or settings.PORT
    if settings.DEBUG:
        call_command("runserver", f"{host}:{port}")
        return 0
    collect_static()
    return exec_gunicorn(host, port, args.workers or settings.WEB_CONCURRENCY)


def gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    """gunicorn with our configuration: the app and the matching engine are loaded once in
    the master and shared by the forked workers (``mensch.commands.gunicorn_config``)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "mensch.wsgi:application",
        "--config",
        "python:mensch.commands.gunicorn_config",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        settings.FORWARDED_ALLOW_IPS,
    ]


def exec_gunicorn(host: str, port: int, workers: int) -> int:
    command = gunicorn_command(host, port, workers)
    sys.stdout.flush()
    os.execv(sys.executable, command)  # noqa: S606 — replaces this process with gunicorn, no shell
    return 0  # pragma: no cover — execv does not return


def run_demo(args: argparse.Namespace) -> int:
    setup_django()
    from mensch.core.analyze import analyze_database  # noqa: PLC0415 -- after django.setup()
    from mensch.demo.load import (  # noqa: PLC0415 -- models load after django.setup()
        demo_load,
        demo_load_capabilities,
    )

    print(f"Database: {settings.DATABASES['default']['NAME']}")
    print("Applying migrations…")
    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    summary = demo_load(members=args.members, password=DEMO_PASSWORD, progress=True)
    print(
        f"Demo community ready: {summary.members} members "
        f"({summary.created} new), {summary.asks} asks, {summary.offers} offers "
        f"({time.perf_counter() - started:.1f} s)."
    )
    started = time.perf_counter()
    compute_matches()
    print(f"  (people to meet: {time.perf_counter() - started:.1f} s)")
    started = time.perf_counter()
    for line in demo_load_capabilities(summary):
        print(f"  {line}")
    print(f"  (every app's demo: {time.perf_counter() - started:.1f} s)")
    # Fresh planner statistics for every table the loaders wrote (2,000,000 stored
    # suggestions at 100,000 members): without them /people-to-meet/ took 12 ms, not 1.7.
    analyze_database()
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
    from mensch.matching.services import (  # noqa: PLC0415 -- models load after django.setup()
        engine_profiles,
        matches_recompute,
    )

    total = len(engine_profiles())
    with tqdm(total=total, desc="People to meet", unit="member", leave=False) as bar:

        def advance(done: int) -> None:
            bar.update(done)

        stored = matches_recompute(progress=advance)
    print(f"Computed {stored} recommendations (who should meet whom, and why).")


def serve_with_worker(host: str, port: int) -> int:
    """Run the web server and one task worker until either stops or Ctrl-C."""
    worker = subprocess.Popen([sys.executable, "-m", "mensch.cli", "worker"])
    web = subprocess.Popen(  # noqa: S603 — our own interpreter and arguments, no shell
        gunicorn_command(host, port, 2)
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
