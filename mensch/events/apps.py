from __future__ import annotations

from datetime import timedelta

from mensch.core import registry
from mensch.core.schedule import Periodic


class EventsConfig(registry.CapabilityConfig):
    name = "mensch.events"
    label = "events"
    verbose_name = "Managed events"
    api_prefix = "/events"
    dashboard_order = 50
    # Cancellation notices whose deferred job was lost (mensch.events.cancel_notices).
    periodic_jobs = {
        "cancel_notices": Periodic(
            "mensch.events.cancel_notices.cancel_notices_sweep", timedelta(minutes=2)
        )
    }
