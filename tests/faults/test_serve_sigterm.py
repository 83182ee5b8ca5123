"""Fault: SIGTERM to `mensch serve` while a request is in flight.

A real `mensch serve` (gunicorn, one worker) on a free port against a fresh SQLite database.
The in-flight request is a login form post whose body the client is still sending when the
server gets SIGTERM: the worker has taken the request (its debug log says so; the test waits
for that line) and is inside it, reading the body Django asked for. It must finish it with an
answer before it exits. Every wait is bounded; nothing depends on how long anything takes.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytestmark = [pytest.mark.fault]

WAIT = 60.0  # seconds, the bound on every wait; nothing asserts on how long anything took


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server_env(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "EMAIL_URL"}
    }
    env.update(
        MENSCH_DATA_DIR=str(tmp_path / "data"),
        SECRET_KEY="fault-test-only",
        DEBUG="0",
        PYTHONUNBUFFERED="1",
        # gunicorn's debug log names each request as its worker starts on it ("POST /login/"):
        # the test waits for that line, so the request is in the worker, not in the backlog.
        GUNICORN_CMD_ARGS="--log-level debug",
    )
    subprocess.run(
        [sys.executable, "-m", "mensch.cli", "manage", "migrate", "--verbosity", "0"],
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
    )
    return env


class Lines:
    """The server's output, read by a thread, so that waiting for a line is bounded."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self.changed = threading.Condition()
        assert process.stdout is not None
        self.thread = threading.Thread(target=self._read, args=(process.stdout,), daemon=True)
        self.thread.start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()

    def wait_for(self, pattern: str) -> None:
        deadline = time.monotonic() + WAIT
        with self.changed:
            while not any(re.search(pattern, line) for line in self.lines):
                left = deadline - time.monotonic()
                assert left > 0, f"no {pattern!r} in the server output:\n{''.join(self.lines)}"
                self.changed.wait(left)


@pytest.fixture
def serve(server_env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[str], Lines, int]]:
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 -- our own interpreter and arguments, no shell
        [sys.executable, "-m", "mensch.cli", "serve", "--port", str(port), "--workers", "1"],
        env=server_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = Lines(process)
    try:
        lines.wait_for(r"Booting worker")
        yield process, lines, port
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=WAIT)


def read_response(conn: socket.socket) -> bytes:
    data = b""
    while chunk := conn.recv(65536):
        data += chunk
    return data


def test_sigterm_lets_the_request_in_flight_finish(
    serve: tuple[subprocess.Popen[str], Lines, int],
) -> None:
    process, lines, port = serve
    # A form with its CSRF token, as a browser would have it.
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as conn:
        conn.sendall(b"GET /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        page = read_response(conn)
    assert page.startswith(b"HTTP/1.1 200")
    cookie = re.search(rb"csrftoken=([A-Za-z0-9]+)", page)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert cookie
    assert token
    body = urlencode(
        {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "username": "nobody@example.org",
            "password": "not the password",
        }
    ).encode()
    head = (
        f"POST /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Cookie: csrftoken={cookie.group(1).decode()}\r\n"
        f"Referer: http://127.0.0.1:{port}/login/\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()

    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as conn:
        # Headers and half the body: the worker is now in this request, waiting for the rest.
        conn.sendall(head + body[: len(body) // 2])
        lines.wait_for(r"\[DEBUG\] POST /login/")
        process.send_signal(signal.SIGTERM)
        lines.wait_for(r"Handling signal: term")
        conn.sendall(body[len(body) // 2 :])
        answer = read_response(conn)

    status = answer.split(b"\r\n", 1)[0]
    assert status == b"HTTP/1.1 200 OK", answer[:500]
    assert b'name="password"' in answer  # the login form again, with its error
    assert process.wait(timeout=WAIT) == 0  # then it stops, cleanly
    output = "".join(lines.lines)
    assert re.search(r'"POST /login/ HTTP/1.1" 200', output), output
    assert "Shutting down: Master" in output
