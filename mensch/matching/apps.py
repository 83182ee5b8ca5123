from __future__ import annotations

from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "mensch.matching"
    label = "matching"
    verbose_name = "People to meet"
