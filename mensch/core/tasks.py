"""Enqueue helpers and periodic jobs on top of Django's tasks API.

Each app declares its periodic jobs on its AppConfig (``periodic_jobs``, see
:mod:`mensch.core.registry`); :func:`periodic_jobs` collects them and the worker runs them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.tasks import default_task_backend, task, task_backends
from django.tasks.base import Task
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from mensch.core import registry
from mensch.core.schedule import Periodic


def _db_backend() -> bool:
    # default_task_backend is a proxy; ask the real backend object.
    return type(task_backends["default"]).__module__.startswith("django_tasks_db")


def enqueue_once(task: Task, *args: Any, run_after: datetime | None = None) -> bool:
    """Enqueue ``task(*args)`` unless a run with the same arguments is already waiting.

    Many profile edits in a minute then cause one recomputation, not one each.
    Returns whether a run was enqueued.
    """
    if _db_backend():
        waiting = DBTaskResult.objects.filter(task_path=task.module_path, status="READY")
        if any(row.args_kwargs.get("args") == list(args) for row in waiting):
            return False
    if run_after is not None:
        if not default_task_backend.supports_defer:
            return False
        task = task.using(run_after=run_after)
    task.enqueue(*args)
    return True


def periodic_jobs() -> dict[str, Periodic]:
    """The jobs that keep the community current, from every app's ``periodic_jobs``.

    Each re-books itself after running, so one `mensch worker` (or several: enqueue_once
    keeps one booking per job) keeps them going.
    """
    jobs: dict[str, Periodic] = {}
    for config in registry.capability_apps():
        for name, periodic in config.periodic_jobs.items():
            if name in jobs:
                raise ImproperlyConfigured(f"Two apps declare the periodic job {name!r}.")
            jobs[name] = periodic
    return jobs


@task()
def run_periodic(name: str) -> object:
    periodic = periodic_jobs()[name]
    try:
        return import_string(periodic.job)()
    finally:
        enqueue_once(run_periodic, name, run_after=periodic.next_run(timezone.now()))


def schedule_periodic_jobs() -> list[str]:
    """Book every periodic job that has no waiting run; returns the names booked."""
    return [name for name in periodic_jobs() if enqueue_once(run_periodic, name)]


# A task whose workers died this many times is not queued again: it is marked FAILED.
MAX_TASK_CLAIMS = 5


def tasks_requeue_stuck(*, now: datetime | None = None) -> int:
    """Queue again every task still RUNNING longer than ``TASK_LEASE_SECONDS`` after it
    started: its worker was killed (kill -9, lost machine) and will never finish it.

    Tasks are written to be run again safely (emails are claimed, jobs are idempotent). A
    task whose workers died ``MAX_TASK_CLAIMS`` times is marked FAILED instead, with the
    reason in its traceback, so one that kills its worker cannot loop forever. The update is
    conditional on ``started_at``: a task claimed again meanwhile is left alone. Returns how
    many tasks were queued again or failed.
    """
    if not _db_backend():
        return 0
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASK_LEASE_SECONDS)
    stuck = DBTaskResult.objects.filter(status="RUNNING", started_at__lt=cutoff)
    handled = 0
    for row in stuck.only("id", "started_at", "worker_ids"):
        same = DBTaskResult.objects.filter(pk=row.pk, status="RUNNING", started_at=row.started_at)
        if len(row.worker_ids) >= MAX_TASK_CLAIMS:
            handled += same.update(
                status="FAILED",
                finished_at=now,
                exception_class_path="mensch.core.tasks.TaskLeaseExpired",
                traceback=(
                    f"Its worker stopped before finishing it {len(row.worker_ids)} times "
                    f"(workers {', '.join(row.worker_ids)}); not queued again."
                ),
            )
        else:
            handled += same.update(status="READY")
    return handled
