from __future__ import annotations

from mensch.core import registry


class ScanConfig(registry.CapabilityConfig):
    name = "mensch.scan"
    label = "scan"
    verbose_name = "Scan to connect: personal codes and event badges"
    dashboard_order = 15
