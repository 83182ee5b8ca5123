from __future__ import annotations

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mensch.notifications"
    label = "notifications"
    verbose_name = "Notifications"
