from __future__ import annotations

from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "mensch.trust"
    label = "trust"
    verbose_name = "Trust, endorsements and the specialist directory"

    def ready(self) -> None:
        from mensch.trust import signals

        signals.connect()
