from __future__ import annotations

from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "mensch.goals"
    label = "goals"
    verbose_name = "Goals and ROI"
