from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "mensch.web"
    label = "web"
    verbose_name = "Pages, layout and static files"
