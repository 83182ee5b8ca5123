"""Races: threads released together by a barrier, each on its own database connection.

The tests need a database that lets two transactions run at the same time and wait on
each other's row locks, as PostgreSQL does in production. SQLite lets one writer in at
a time (``BEGIN IMMEDIATE``), so these races cannot happen there, and the in-memory test
database answers a second thread "database table is locked" instead of waiting: the tests
are skipped on SQLite, and the README says so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, connections


@dataclass(frozen=True)
class Outcome:
    """What one racing call did: its result, or the exception it raised."""

    result: Any = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def race(*calls: Callable[[], Any]) -> list[Outcome]:
    """Run the calls in threads released at the same instant; their outcomes, in order."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[Outcome] = [Outcome()] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[index] = Outcome(result=call())
        except BaseException as exc:  # every outcome, errors included, goes to the test
            outcomes[index] = Outcome(error=exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, call), daemon=True)
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a racing call never finished"
    return outcomes


def messages_of(outcome: Outcome) -> str:
    """The user-facing text of a refusal (a ValidationError's messages)."""
    error = outcome.error
    messages = getattr(error, "messages", None)
    return " ".join(messages) if messages else repr(error)


@pytest.fixture(autouse=True)
def _needs_concurrent_database(transactional_db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "races need concurrent transactions: SQLite runs one writer at a time and its "
            "in-memory test database refuses a second thread (run with "
            "DATABASE_URL=postgres://…, as .ci/run does)"
        )
