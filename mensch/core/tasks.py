"""Enqueue helpers and periodic jobs on top of Django's tasks API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.tasks import default_task_backend, task, task_backends
from django.tasks.base import Task
from django.utils import timezone
from django.utils.module_loading import import_string


def _db_backend() -> bool:
    # default_task_backend is a proxy; ask the real backend object.
    return type(task_backends["default"]).__module__.startswith("django_tasks_db")


def enqueue_once(task: Task, *args: Any, run_after: datetime | None = None) -> bool:
    """Enqueue ``task(*args)`` unless a run with the same arguments is already waiting.

    Many profile edits in a minute then cause one recomputation, not one each.
    Returns whether a run was enqueued.
    """
    if _db_backend():
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(task_path=task.module_path, status="READY")
        if any(row.args_kwargs.get("args") == list(args) for row in waiting):
            return False
    if run_after is not None:
        if not default_task_backend.supports_defer:
            return False
        task = task.using(run_after=run_after)
    task.enqueue(*args)
    return True


@dataclass(frozen=True)
class Periodic:
    """A job the worker runs every ``every`` (or daily at ``at``, server time);
    ``job`` is a dotted path to a callable taking no arguments (a service function)."""

    job: str
    every: timedelta = timedelta(days=1)
    at: time | None = None

    def next_run(self, now: datetime) -> datetime:
        if self.at is None:
            return now + self.every
        local = timezone.localtime(now)
        today = timezone.make_aware(datetime.combine(local.date(), self.at))
        return today if today > now else today + timedelta(days=1)


# Jobs that keep the community current. Each re-books itself after running, so one
# `mensch worker` (or several: enqueue_once keeps one booking per job) keeps them going.
PERIODIC: dict[str, Periodic] = {
    "matches": Periodic("mensch.matching.services.matches_recompute", timedelta(hours=6)),
    "introductions_expire": Periodic(
        "mensch.introductions.services.introductions_expire", timedelta(hours=1)
    ),
    "trust": Periodic("mensch.trust.scores.trust_recompute", timedelta(hours=24)),
    "followups": Periodic("mensch.followups.tasks.followups_daily", at=time(7, 0)),
    "referral_exchanges_expire": Periodic(
        "mensch.ledger.exchanges.referral_exchanges_expire", timedelta(hours=1)
    ),
}


@task()
def run_periodic(name: str) -> object:
    periodic = PERIODIC[name]
    try:
        return import_string(periodic.job)()
    finally:
        enqueue_once(run_periodic, name, run_after=periodic.next_run(timezone.now()))


def schedule_periodic_jobs() -> list[str]:
    """Book every periodic job that has no waiting run; returns the names booked."""
    return [name for name in PERIODIC if enqueue_once(run_periodic, name)]
