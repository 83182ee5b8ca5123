from __future__ import annotations

from mensch.core import registry


class ChatConfig(registry.CapabilityConfig):
    name = "mensch.chat"
    label = "chat"
    verbose_name = "Event chat"
    api_prefix = "/chat"
