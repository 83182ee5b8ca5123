from __future__ import annotations

from django.apps import AppConfig


class IntroductionsConfig(AppConfig):
    name = "mensch.introductions"
    label = "introductions"
    verbose_name = "Double-opt-in introductions"
