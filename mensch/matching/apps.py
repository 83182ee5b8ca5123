from __future__ import annotations

from datetime import timedelta

from mensch.core import registry
from mensch.core.schedule import Periodic


class MatchingConfig(registry.CapabilityConfig):
    name = "mensch.matching"
    label = "matching"
    verbose_name = "People to meet"
    api_prefix = "/matches"
    periodic_jobs = {
        "matches": Periodic(
            "mensch.matching.tasks.matches_recompute_in_shards", timedelta(hours=6)
        ),
    }

    def ready(self) -> None:
        from mensch.matching import receivers  # noqa: F401, PLC0415 -- importing connects them, once models are ready
