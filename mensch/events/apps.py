from __future__ import annotations

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "mensch.events"
    label = "events"
    verbose_name = "Managed events"
