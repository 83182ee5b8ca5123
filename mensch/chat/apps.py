from __future__ import annotations

from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "mensch.chat"
    label = "chat"
    verbose_name = "Event chat"
