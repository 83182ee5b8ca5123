from __future__ import annotations

from datetime import timedelta

from mensch.core import registry
from mensch.core.schedule import Periodic


class IntroductionsConfig(registry.CapabilityConfig):
    name = "mensch.introductions"
    label = "introductions"
    verbose_name = "Double-opt-in introductions"
    api_prefix = "/introductions"
    periodic_jobs = {
        "introductions_expire": Periodic(
            "mensch.introductions.services.introductions_expire", timedelta(hours=1)
        )
    }

    def ready(self) -> None:
        from mensch.introductions import receivers  # noqa: F401, PLC0415 -- importing connects them, once models are ready
