from __future__ import annotations

from datetime import timedelta

from mensch.core import registry
from mensch.core.schedule import Periodic


class WebConfig(registry.CapabilityConfig):
    name = "mensch.web"
    label = "web"
    verbose_name = "Pages, layout and static files"
    api_prefix = "/"
    periodic_jobs = {
        "community_figures": Periodic(
            "mensch.web.selectors.community_figures_refresh", timedelta(minutes=5)
        ),
    }

    def ready(self) -> None:
        from mensch.web import receivers  # noqa: F401, PLC0415 -- importing connects them, once models are ready
