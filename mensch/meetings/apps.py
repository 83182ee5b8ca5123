from __future__ import annotations

from mensch.core import registry


class MeetingsConfig(registry.CapabilityConfig):
    name = "mensch.meetings"
    label = "meetings"
    verbose_name = "Confirmed meetings"
    api_prefix = "/meetings"
