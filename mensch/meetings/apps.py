from __future__ import annotations

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "mensch.meetings"
    label = "meetings"
    verbose_name = "Confirmed meetings"
