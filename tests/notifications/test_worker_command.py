"""`mensch worker`: its options, its refusal to run on an unmigrated database, and the
recovery of tasks whose worker died, done when it starts."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mensch import cli
from mensch.accounts.models import User
from mensch.commands import server
from mensch.core.tasks import periodic_jobs
from mensch.notifications.services import notify


def test_worker_help_lists_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["worker", "--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    for option in ("--queue QUEUE", "--interval INTERVAL", "--batch", "--max-tasks MAX_TASKS"):
        assert option in text


def test_worker_rejects_a_bad_interval(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["worker", "--interval", "-1"])
    assert exited.value.code == 2
    assert "-1 is not zero or more" in capsys.readouterr().err


def test_worker_refuses_to_start_while_migrations_are_pending(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(MENSCH_DATA_DIR=str(tmp_path / "data"), SECRET_KEY="worker-test-only")
    result = subprocess.run(
        [sys.executable, "-m", "mensch.cli", "worker", "--batch"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Run `mensch manage migrate` first." in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_worker_requeues_orphaned_tasks_books_jobs_and_passes_its_options(
    owner: User,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    settings: object,
) -> None:
    notify(recipient=owner, kind="test", title="Hello")
    lease = timedelta(seconds=settings.TASK_LEASE_SECONDS)  # type: ignore[attr-defined]
    DBTaskResult.objects.update(
        status="RUNNING", started_at=timezone.now() - lease - timedelta(seconds=1)
    )
    ran = []
    monkeypatch.setattr(server, "call_command", lambda *args: ran.append(args))

    argv = ["worker", "--queue", "mail", "--interval", "0.5", "--batch", "--max-tasks", "3"]
    assert cli.main(argv) == 0

    assert ran == [
        ("db_worker", "--queue-name", "mail", "--interval", "0.5", "--batch", "--max-tasks", "3")
    ]
    out = capsys.readouterr().out
    assert "Queued again 1 task(s)" in out
    assert "Booked periodic jobs" in out
    assert DBTaskResult.objects.filter(status="READY").count() == 1 + len(periodic_jobs())
