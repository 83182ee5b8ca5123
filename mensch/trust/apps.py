from __future__ import annotations

from datetime import timedelta

from mensch.core import registry, standing
from mensch.core.schedule import Periodic


class TrustConfig(registry.CapabilityConfig):
    name = "mensch.trust"
    label = "trust"
    verbose_name = "Trust, endorsements and the specialist directory"
    api_prefix = "/trust"
    dashboard_order = 40
    periodic_jobs = {"trust": Periodic("mensch.trust.scores.trust_recompute", timedelta(hours=24))}

    def ready(self) -> None:
        from mensch.trust import receivers  # noqa: F401, PLC0415 -- importing connects them, once models are ready
        from mensch.trust.selectors import band_of_member  # noqa: PLC0415 -- models are ready now

        standing.band_reader.install(band_of_member)
