from __future__ import annotations

from mensch.core import registry


class ConnectionsConfig(registry.CapabilityConfig):
    name = "mensch.connections"
    label = "connections"
    verbose_name = "Connections, messages and blocks"
    api_prefix = "/"
