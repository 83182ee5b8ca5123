"""When a periodic job runs: plain data an app declares on its AppConfig."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone


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
