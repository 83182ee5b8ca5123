"""Enqueue helpers and periodic jobs on top of Django's tasks API.

Each app declares its periodic jobs on its AppConfig (``periodic_jobs``, see
:mod:`mensch.core.registry`); :func:`periodic_jobs` collects them and the worker runs them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

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
