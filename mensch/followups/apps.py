from __future__ import annotations

from datetime import time

from mensch.core import registry
from mensch.core.schedule import Periodic


class FollowupsConfig(registry.CapabilityConfig):
    name = "mensch.followups"
    label = "followups"
    verbose_name = "Follow-up tasks, reminders and digests"
    api_prefix = "/followups"
    dashboard_order = 10
    periodic_jobs = {"followups": Periodic("mensch.followups.tasks.followups_daily", at=time(7, 0))}

    def ready(self) -> None:
        from mensch.followups import receivers  # noqa: F401, PLC0415 -- importing connects them, once models are ready
        from mensch.followups.selectors import followup_counts  # noqa: PLC0415 -- models are ready now
        from mensch.trust.reliability import followup_reader  # noqa: PLC0415 -- models are ready now

        followup_reader.install(followup_counts)
