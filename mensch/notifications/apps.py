from __future__ import annotations

from datetime import timedelta

from mensch.core import registry
from mensch.core.schedule import Periodic


class NotificationsConfig(registry.CapabilityConfig):
    name = "mensch.notifications"
    label = "notifications"
    verbose_name = "Notifications"
    api_prefix = "/notifications"
    # Emails must not be lost with a killed worker: its tasks, left RUNNING, are queued again
    # once their lease has expired (the worker also does this when it starts).
    periodic_jobs = {
        "tasks_requeue_stuck": Periodic(
            "mensch.core.tasks.tasks_requeue_stuck", timedelta(minutes=5)
        )
    }
