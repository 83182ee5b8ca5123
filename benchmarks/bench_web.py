"""Load test of the web app: N demo members on PostgreSQL, M logged-in members, a page mix.

Run: ``.venv/bin/python benchmarks/bench_web.py`` (``--help`` for the options), or
``--smoke`` for a small end-to-end run (300 members on SQLite, 10 members, 20 s).

1. Database: counts the demo members already in ``--database-url`` and runs the demo
   loader (``mensch demo --no-serve --members N``) only when there are fewer than N;
   then applies the migrations.
2. Server: ``mensch serve`` (gunicorn, ``--workers W``, DEBUG off) on a free loopback
   port, as a subprocess whose log goes to ``<data dir>/bench-server.log``.
3. Members: the first M demo members log in through the real login form (GET /login/
   for the CSRF token, then POST), and each creates an API token at /settings/tokens/.
   Then each page of the mix is loaded alone: first once per worker at the same time
   (every worker warm: its connection, its caches), then by one member, one request at a
   time, six rounds: the page's time on its own.
4. Ceiling: M anonymous clients load the login page (GET /login/), the cheapest page
   of the site, with the same think time and bounds: the machine's ceiling.
5. Mix: the M members cycle through dashboard, people to meet, directory search with
   a free-text need, specialist search, events list and detail, contacts, follow-ups,
   ledger, goals, ROI and ``GET /api/v1/matches`` (Bearer token), with a think time
   of ``--think`` seconds between a member's requests (drawn uniformly from 0.5..1.5 times
   it, so the members do not fall into step; its mean is ``--think``). Runs before
   2026-12-05 drew it from 0..``--think`` (half the mean: twice the requests a second).

Each phase stops issuing requests after ``--duration`` seconds or ``--requests``
requests, whichever comes first, and waits at most ``--timeout`` for those in flight;
its throughput is the requests answered divided by the whole time, those last ones
included (a slow page lowers it rather than escaping the count).
Printed per page: p50/p95/p99/max, requests, errors and status codes; per phase:
throughput; then the mix/ceiling throughput ratio and the load average before and
after. Any response other than 200 (or a timeout, or a refused connection) is an
error: counted, its first lines printed, and the exit status is 1. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import math
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
MENSCH = [sys.executable, "-m", "mensch.cli"]
HOST = "127.0.0.1"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/mensch_demo100k"

# Free-text needs as a member would type them (the directory and the specialist search).
NEEDS = (
    "I need a tax adviser who knows freelancers",
    "looking for a web developer to rebuild our website",
    "someone to refresh our brand identity and logo",
    "a video producer for customer testimonial videos",
    "help with our terms of business and contracts",
    "a translator for a French contract next month",
    "an accountant to keep the books of my studio",
    "a marketing consultant to help us plan next year",
    "SEO audit for our new online shop",
    "a coach who can run leadership workshops",
    "photographer for our product launch event",
    "bookkeeping",
)

# Targets from issue 13, printed next to the figures (they do not change the exit status).
P95_TARGET_MS = 150.0
RATIO_TARGET = 0.40
SEARCH_ALONE_TARGET_MS = 100.0  # each search page on its own (issue 13)
ALONE_ROUNDS = 6

# Run inside Django (``mensch manage shell -c``): demo member count, the first M emails
# and the demo password. Demo emails carry the member's number (mensch.demo.people).
PROBE = """
import json
from mensch.accounts.models import User
from mensch.commands.server import DEMO_PASSWORD
demo = User.objects.filter(email__regex=r"[.][0-9]+@example[.](org|com|net)$", is_active=True)
emails = list(demo.order_by("pk").values_list("email", flat=True)[:{users}])
print("BENCH-PROBE " + json.dumps({{"count": demo.count(), "emails": emails,
                                    "password": DEMO_PASSWORD}}))
"""


# ---------------------------------------------------------------------------- results


@dataclass
class Sample:
    page: str
    seconds: float
    status: str  # "200", "500", "timeout", "ConnectError", ...
    ok: bool


@dataclass
class Phase:
    name: str
    samples: list[Sample] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # first few error descriptions
    started: float = 0.0
    ended: float = 0.0
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)

    @property
    def errors(self) -> int:
        return sum(not s.ok for s in self.samples)

    @property
    def throughput(self) -> float:
        elapsed = self.ended - self.started
        return len(self.samples) / elapsed if elapsed > 0 else 0.0


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list (0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), math.ceil(q / 100 * len(sorted_values))))
    return sorted_values[rank - 1]


def first_lines(body: str, limit: int = 240) -> str:
    """What a person would read first in a response: the title and the start of the text."""
    title = re.search(r"<title[^>]*>(.*?)</title>", body, re.S | re.I)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S | re.I)
    text = re.sub(r"<title[^>]*>.*?</title>", " ", text, flags=re.S | re.I)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split())
    head = f"[{' '.join(title.group(1).split())}] " if title else ""
    return (head + text)[:limit]


# ---------------------------------------------------------------------------- setup


def env_for(database_url: str, data_dir: Path, port: int | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        MENSCH_DATA_DIR=str(data_dir),
        DEBUG="0",
        SECURE_COOKIES="0",
        PYTHONUNBUFFERED="1",
    )
    env.pop("PYTEST_VERSION", None)
    if port is not None:
        env["SITE_URL"] = f"http://{HOST}:{port}"
        env["ALLOWED_HOSTS"] = HOST
    return env


def ensure_postgres_database(database_url: str) -> None:
    """Create the PostgreSQL database named in the URL when it does not exist yet."""
    parts = urlsplit(database_url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg  # only for PostgreSQL URLs
    from psycopg import sql

    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
        print(f"Creating database {name}")
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def run_mensch(args: list[str], env: dict[str, str], *, capture: bool = False) -> str:
    result = subprocess.run(  # noqa: S603 -- our interpreter and arguments, no shell
        [*MENSCH, *args],
        cwd=ROOT,
        env=env,
        text=True,
        capture_output=capture,
        check=False,
    )
    if result.returncode != 0:
        if capture:
            sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"bench_web: `mensch {' '.join(args[:2])}` failed ({result.returncode})")
    return result.stdout if capture else ""


@dataclass(frozen=True)
class Community:
    members: int  # demo members in the database
    emails: list[str]  # the first --users of them
    password: str  # the demo accounts' shared password


def probe(env: dict[str, str], users: int) -> Community:
    out = run_mensch(["manage", "shell", "-c", PROBE.format(users=users)], env, capture=True)
    for line in out.splitlines():
        if line.startswith("BENCH-PROBE "):
            found = json.loads(line.removeprefix("BENCH-PROBE "))
            return Community(int(found["count"]), list(found["emails"]), str(found["password"]))
    raise SystemExit(f"bench_web: the database probe printed nothing usable:\n{out[-2000:]}")


def prepare_database(args: argparse.Namespace, env: dict[str, str]) -> Community:
    ensure_postgres_database(args.database_url)
    print("Applying migrations…", flush=True)
    run_mensch(["manage", "migrate", "--no-input", "-v", "0"], env)
    found = probe(env, args.users)
    count = found.members
    if count >= args.members:
        print(f"Reusing the database: {count} demo members (at least {args.members}).")
        return found
    print(f"The database holds {count} demo members; loading {args.members}…", flush=True)
    started = time.perf_counter()
    run_mensch(["demo", "--no-serve", "--members", str(args.members)], env)
    print(f"Loaded in {time.perf_counter() - started:.0f} s.")
    found = probe(env, args.users)
    if found.members < args.members:
        raise SystemExit(f"bench_web: after loading, only {found.members} demo members")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Server:
    """``mensch serve`` as a subprocess in its own process group (master and workers)."""

    def __init__(self, args: argparse.Namespace, env: dict[str, str], port: int) -> None:
        self.port = port
        self.log_path = args.data_dir / "bench-server.log"
        self.log = self.log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(  # noqa: S603 -- our interpreter and arguments
            [*MENSCH, "serve", "--host", HOST, "--port", str(port)]
            + ["--workers", str(args.workers)],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def wait_ready(self, deadline_s: float = 900.0) -> None:
        deadline = time.monotonic() + deadline_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.fail(f"the server stopped (exit status {self.process.returncode})")
            try:
                response = httpx.get(f"{self.url}/login/", timeout=5)
            except httpx.HTTPError:
                time.sleep(0.5)
                continue
            if response.status_code != 200:
                self.fail(
                    f"GET /login/ answered {response.status_code}: {first_lines(response.text)}"
                )
            if "gunicorn" not in response.headers.get("server", ""):
                self.fail("not served by gunicorn (is DEBUG on?)")
            probe_404 = httpx.get(f"{self.url}/bench-web-no-such-page/", timeout=10)
            if "URLconf" in probe_404.text:
                self.fail("DEBUG is on: the 404 page shows Django's technical page")
            return
        self.fail(f"the server did not answer within {deadline_s:.0f} s")

    def fail(self, why: str) -> None:
        self.stop()
        raise SystemExit(f"bench_web: {why}. Server log ({self.log_path}):\n{self.tail()}")

    def tail(self, lines: int = 30) -> str:
        if not self.log.closed:
            self.log.flush()
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def problems(self) -> list[str]:
        """Tracebacks' last lines, worker timeouts and errors from the server log."""
        if not self.log.closed:
            self.log.flush()
        found: list[str] = []
        lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        for index, line in enumerate(lines):
            if line.startswith("Traceback"):
                end = index + 1
                while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end]):
                    end += 1
                where = [x.strip() for x in lines[index:end] if x.strip().startswith("File ")]
                last = lines[end] if end < len(lines) else "?"
                found.append(f"{last}  ({where[-1] if where else 'no frame'})")
            elif line.startswith("Internal Server Error") or any(
                mark in line for mark in ("WORKER TIMEOUT", "[ERROR]", "[CRITICAL]")
            ):
                found.append(line.strip())
        return found

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


# ---------------------------------------------------------------------------- members

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NEW_TOKEN = re.compile(r'id="new-token">([^<]+)<')
EVENT_LINK = re.compile(r'href="/events/(\d+)/"')


@dataclass
class Member:
    email: str
    client: httpx.AsyncClient
    token: str = ""


def csrf_of(response: httpx.Response) -> str:
    found = CSRF.search(response.text)
    if not found:
        raise RuntimeError(f"no CSRF token on {response.url}: {first_lines(response.text)}")
    return found.group(1)


async def log_in(member: Member, password: str, run_id: str) -> None:
    """The real login form, then a personal API token from the tokens page."""
    page = await member.client.get("/login/")
    answer = await member.client.post(
        "/login/",
        data={"csrfmiddlewaretoken": csrf_of(page), "username": member.email, "password": password},
    )
    if answer.status_code != 302 or "/dashboard/" not in answer.headers.get("location", ""):
        raise RuntimeError(
            f"log-in of {member.email} answered {answer.status_code}: {first_lines(answer.text)}"
        )
    page = await member.client.get("/settings/tokens/")
    answer = await member.client.post(
        "/settings/tokens/",
        data={"csrfmiddlewaretoken": csrf_of(page), "name": f"bench_web {run_id}"},
    )
    found = NEW_TOKEN.search(answer.text)
    if answer.status_code != 200 or not found:
        raise RuntimeError(
            f"token for {member.email} answered {answer.status_code}: {first_lines(answer.text)}"
        )
    member.token = html.unescape(found.group(1)).strip()


async def log_in_all(
    members: list[Member], password: str, concurrency: int
) -> tuple[float, list[str]]:
    run_id = time.strftime("%Y-%m-%d %H:%M:%S")
    gate = asyncio.Semaphore(concurrency)
    problems: list[str] = []

    async def one(member: Member) -> None:
        async with gate:
            try:
                await log_in(member, password, run_id)
            except (httpx.HTTPError, RuntimeError) as exc:
                problems.append(f"{type(exc).__name__}: {exc}")

    started = time.perf_counter()
    await asyncio.gather(*(one(m) for m in members))
    return time.perf_counter() - started, problems


# ---------------------------------------------------------------------------- load


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[random.Random], str]
    api: bool = False


def mix_pages(event_ids: list[int]) -> list[Page]:
    def need(rng: random.Random) -> str:
        return quote(rng.choice(NEEDS))

    pages = [
        Page("dashboard", lambda rng: "/dashboard/"),
        Page("people-to-meet", lambda rng: "/people-to-meet/"),
        Page("members?q=need", lambda rng: f"/members/?q={need(rng)}"),
        Page("specialists?need=", lambda rng: f"/specialists/?need={need(rng)}"),
        Page("events", lambda rng: "/events/"),
        Page("contacts", lambda rng: "/contacts/"),
        Page("followups", lambda rng: "/followups/"),
        Page("ledger", lambda rng: "/ledger/"),
        Page("goals", lambda rng: "/goals/"),
        Page("roi", lambda rng: "/roi/"),
        Page("api/v1/matches", lambda rng: "/api/v1/matches", api=True),
    ]
    if event_ids:
        pages.insert(5, Page("event-detail", lambda rng: f"/events/{rng.choice(event_ids)}/"))
    return pages


class Budget:
    """Stops a phase after a number of requests or seconds, whichever comes first."""

    def __init__(self, requests: int, seconds: float) -> None:
        self.left = requests
        self.deadline = time.monotonic() + seconds

    def take(self) -> bool:
        if self.left <= 0 or time.monotonic() >= self.deadline:
            return False
        self.left -= 1
        return True


async def measure(
    phase: Phase, page: Page, client: httpx.AsyncClient, path: str, headers: dict[str, str]
) -> None:
    started = time.perf_counter()
    try:
        response = await client.get(path, headers=headers)
    except httpx.HTTPError as exc:
        status, ok, detail = type(exc).__name__, False, str(exc) or type(exc).__name__
    else:
        status, ok = str(response.status_code), response.status_code == 200
        detail = first_lines(response.text) if not ok else ""
    phase.samples.append(Sample(page.name, time.perf_counter() - started, status, ok))
    if not ok and len(phase.failures) < 5:
        phase.failures.append(f"{page.name} {path} → {status}: {detail}")


async def run_phase(
    phase: Phase,
    users: list[tuple[httpx.AsyncClient, dict[str, str]]],
    pages: list[Page],
    api_client: httpx.AsyncClient,
    args: argparse.Namespace,
) -> None:
    budget = Budget(args.requests, args.duration)

    async def user(index: int, client: httpx.AsyncClient, api_headers: dict[str, str]) -> None:
        rng = random.Random(index)
        order = pages[:]
        rng.shuffle(order)  # every member walks the whole mix, each in its own order
        if args.think:
            await asyncio.sleep(rng.uniform(0, args.think))  # do not all start at once
        low, high = 0.5 * args.think, 1.5 * args.think
        step = 0
        while budget.take():
            page = order[step % len(order)]
            step += 1
            path = page.path(rng)
            if page.api:
                await measure(phase, page, api_client, path, api_headers)
            else:
                await measure(phase, page, client, path, {})
            if args.think:
                await asyncio.sleep(rng.uniform(low, high))

    phase.load_before = os.getloadavg()
    phase.started = time.perf_counter()
    await asyncio.gather(*(user(i, c, h) for i, (c, h) in enumerate(users)))
    phase.ended = time.perf_counter()
    phase.load_after = os.getloadavg()


def client_for(base_url: str, timeout: float) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=timeout,
        follow_redirects=False,
        limits=httpx.Limits(max_connections=4, max_keepalive_connections=0),
    )


async def bench(args: argparse.Namespace, server: Server, emails: list[str], password: str) -> int:
    members = [Member(email, client_for(server.url, args.timeout)) for email in emails]
    anonymous = [client_for(server.url, args.timeout) for _ in emails]
    api_client = httpx.AsyncClient(
        base_url=server.url,
        timeout=args.timeout,
        limits=httpx.Limits(max_connections=len(emails) + 4, max_keepalive_connections=0),
    )
    try:
        print(f"Logging in {len(members)} members through the login form…", flush=True)
        seconds, problems = await log_in_all(members, password, concurrency=2 * args.workers)
        print(f"  {len(members) - len(problems)} logged in with an API token in {seconds:.1f} s")
        if problems:
            print(f"  {len(problems)} FAILED; first: " + "\n    ".join(problems[:3]))
            return 1
        events_page = await members[0].client.get("/events/")
        event_ids = sorted({int(x) for x in EVENT_LINK.findall(events_page.text)})
        if not event_ids:
            print("  WARNING: the events list shows no event; event-detail is left out of the mix")
        pages = mix_pages(event_ids)

        print(
            f"Each page alone: once per worker at the same time to warm every worker up, then"
            f" one member, one request at a time, {ALONE_ROUNDS} rounds (the searches with a"
            " different need each time)…",
            flush=True,
        )
        alone = Phase(f"each page alone (1 member, one request at a time, {ALONE_ROUNDS} rounds)")
        rng = random.Random(0)
        bearer = {"Authorization": f"Bearer {members[0].token}"}
        warm_up = Phase("warm-up")
        for page in pages:
            # As many at once as there are workers: a busy worker takes no other request,
            # so each serves the page once (its first page opens its database connection).
            client = api_client if page.api else members[0].client
            headers = bearer if page.api else {}
            await asyncio.gather(
                *(
                    measure(warm_up, page, client, page.path(rng), headers)
                    for _ in range(args.workers)
                )
            )
        alone.load_before, alone.started = os.getloadavg(), time.perf_counter()
        for _ in range(ALONE_ROUNDS):
            for page in pages:
                client = api_client if page.api else members[0].client
                await measure(alone, page, client, page.path(rng), bearer if page.api else {})
        alone.load_after, alone.ended = os.getloadavg(), time.perf_counter()
        if warm_up.errors:
            alone.samples.extend(s for s in warm_up.samples if not s.ok)
            alone.failures.extend(warm_up.failures)

        think = (
            f"think {args.think:g} s (uniform {0.5 * args.think:g}–{1.5 * args.think:g} s)"
            if args.think
            else "no think time"
        )
        bounds = f"≤ {args.duration:g} s or {args.requests} requests each, {think}"
        print(f"\nCeiling: {len(anonymous)} clients on GET /login/ ({bounds})…", flush=True)
        ceiling = Phase("login page (ceiling)")
        login_page = [Page("login", lambda rng: "/login/")]
        await run_phase(ceiling, [(c, {}) for c in anonymous], login_page, api_client, args)
        print(f"Mix: {len(members)} members on {len(pages)} pages ({bounds})…", flush=True)
        mix = Phase("mix")
        users = [(m.client, {"Authorization": f"Bearer {m.token}"}) for m in members]
        await run_phase(mix, users, pages, api_client, args)
    finally:
        for client in [*(m.client for m in members), *anonymous, api_client]:
            await client.aclose()
    return report(args, [alone, ceiling, mix], server)


# ---------------------------------------------------------------------------- report


def report(args: argparse.Namespace, phases: list[Phase], server: Server) -> int:
    header = f"{'page':<20}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    header += f"{'errors':>8}  statuses"
    for phase in phases:
        elapsed = phase.ended - phase.started
        print(
            f"\n== {phase.name}: {len(phase.samples)} requests in {elapsed:.1f} s = "
            f"{phase.throughput:.1f} requests/s, {phase.errors} errors; load average "
            f"{' '.join(f'{x:.2f}' for x in phase.load_before)} → "
            f"{' '.join(f'{x:.2f}' for x in phase.load_after)}"
        )
        print(header)
        names = sorted({s.page for s in phase.samples})
        for name in [*names, "ALL"] if len(names) > 1 else names:
            picked = [s for s in phase.samples if name in ("ALL", s.page)]
            times = sorted(s.seconds * 1000 for s in picked)
            statuses = Counter(s.status for s in picked)
            p95 = percentile(times, 95)
            target = args.think and phase.name == "mix" and name != "ALL"
            miss = " *" if target and p95 > P95_TARGET_MS else ""
            if phase is phases[0] and "?" in name and p95 > SEARCH_ALONE_TARGET_MS:
                miss += " †"
            print(
                f"{name:<20}{len(picked):>7}{percentile(times, 50):>9.0f}{p95:>9.0f}"
                f"{percentile(times, 99):>9.0f}{(times[-1] if times else 0):>9.0f}"
                f"{sum(not s.ok for s in picked):>8}  "
                + " ".join(f"{k}×{v}" for k, v in sorted(statuses.items()))
                + miss
            )
        for failure in phase.failures:
            print(f"  error: {failure}")
    alone, ceiling, mix = phases
    ratio = mix.throughput / ceiling.throughput if ceiling.throughput else 0.0
    print(
        f"\nMix / login-page throughput: {mix.throughput:.1f} / {ceiling.throughput:.1f} = "
        f"{ratio:.2f} (issue 13 target with --think 0: ≥ {RATIO_TARGET:.2f})"
    )
    if args.think:
        print(f"* = p95 above the {P95_TARGET_MS:.0f} ms target (issue 13, think time 5 s)")
    print(f"† = a search page alone with p95 above {SEARCH_ALONE_TARGET_MS:.0f} ms (issue 13)")
    print(
        f"Load average (1, 5, 15 min) at start {' '.join(f'{x:.2f}' for x in alone.load_before)}"
        f", at end {' '.join(f'{x:.2f}' for x in mix.load_after)}; {os.cpu_count()} CPUs"
    )
    problems = server.problems()
    if problems:
        print(f"Server log: {len(problems)} problem(s) ({server.log_path}); first:")
        for line in problems[:5]:
            print(f"  {line}")
    errors = sum(p.errors for p in phases)
    if errors:
        print(f"FAILED: {errors} request(s) did not answer 200.")
    return 1 if errors or problems else 0


# ---------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, help="demo members in the database (100000)")
    parser.add_argument("--users", type=int, help="logged-in members loading pages (200)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (4)")
    parser.add_argument(
        "--think",
        type=float,
        help="think time between a member's requests, s: uniform 0.5..1.5 times THINK",
    )
    parser.add_argument("--duration", type=float, help="seconds per phase (60)")
    parser.add_argument(
        "--requests", type=int, default=50_000, help="requests per phase at most (50000)"
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="client timeout in s (60)")
    parser.add_argument("--database-url", help=f"default {DEFAULT_DATABASE_URL}")
    parser.add_argument("--data-dir", type=Path, help="MENSCH_DATA_DIR for the server")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="small end-to-end run: 300 members on SQLite, 10 members, 2 workers, 20 s",
    )
    args = parser.parse_args(argv)
    smoke = args.smoke
    defaults = {
        "members": 300 if smoke else 100_000,
        "users": 10 if smoke else 200,
        "workers": 2 if smoke else 4,
        "think": 0.5 if smoke else 2.0,
        "duration": 20.0 if smoke else 60.0,
    }
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if not 0 <= args.think <= 30:
        parser.error("--think is 0 to 30 seconds")
    if min(args.members, args.users, args.workers, args.requests) < 1 or args.duration <= 0:
        parser.error("--members, --users, --workers, --requests and --duration must be positive")
    if args.users > args.members:
        parser.error("--users cannot exceed --members")
    if args.database_url is None:
        args.database_url = None if smoke else DEFAULT_DATABASE_URL
    if args.data_dir is None:
        name = "smoke" if smoke and not args.database_url else urlsplit(args.database_url).path
        args.data_dir = Path(tempfile.gettempdir()) / f"mensch-bench-{name.strip('/')}"
    args.data_dir = args.data_dir.resolve()
    if args.database_url is None:
        args.database_url = f"sqlite:///{args.data_dir / 'bench.sqlite3'}"
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    shown = re.sub(r"//[^@/]*:[^@/]*@", "//***@", args.database_url)  # no password in print
    print(
        f"bench_web: {args.members} members, {args.users} logged in, {args.workers} workers, "
        f"database {shown}, data {args.data_dir}, cache "
        + ("Redis (REDIS_URL)" if os.environ.get("REDIS_URL") else "per-process memory")
    )
    print(f"Load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    found = prepare_database(args, env_for(args.database_url, args.data_dir))
    port = free_port()
    server = Server(args, env_for(args.database_url, args.data_dir, port), port)
    try:
        server.wait_ready()
        print(f"Serving at {server.url} (gunicorn, {args.workers} workers, DEBUG off)")
        return asyncio.run(bench(args, server, found.emails, found.password))
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
