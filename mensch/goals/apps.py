from __future__ import annotations

from mensch.core import registry


class GoalsConfig(registry.CapabilityConfig):
    name = "mensch.goals"
    label = "goals"
    verbose_name = "Goals and ROI"
    api_prefix = "/goals"
    dashboard_order = 20
