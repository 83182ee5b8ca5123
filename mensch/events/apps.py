from __future__ import annotations

from mensch.core import registry


class EventsConfig(registry.CapabilityConfig):
    name = "mensch.events"
    label = "events"
    verbose_name = "Managed events"
    api_prefix = "/events"
    dashboard_order = 50
