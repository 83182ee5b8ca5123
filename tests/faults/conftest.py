from __future__ import annotations

from collections.abc import Callable

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from tests.faults.mailfaults import FlakyEmailBackend
from tests.workers import run_tasks_now


@pytest.fixture
def run_worker(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """Run django-tasks-db's real worker loop in batch mode: every task due now, then stop.

    In-process, so that it sees the test's transaction: the loop's
    ``close_old_connections`` (which would close it) is a no-op here, and no signal handlers
    are installed. Returns how many tasks it ran.
    """
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    return run_tasks_now


@pytest.fixture
def flaky_mail(settings: object) -> type[FlakyEmailBackend]:
    settings.MAILERS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "tests.faults.mailfaults.FlakyEmailBackend"}
    }
    FlakyEmailBackend.failures = 0
    FlakyEmailBackend.attempts = 0
    return FlakyEmailBackend


def ready_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(status="READY").order_by("run_after"))
