from __future__ import annotations

from mensch.core import registry


class NotificationsConfig(registry.CapabilityConfig):
    name = "mensch.notifications"
    label = "notifications"
    verbose_name = "Notifications"
    api_prefix = "/notifications"
