from __future__ import annotations

from mensch.core import registry


class AccountsConfig(registry.CapabilityConfig):
    name = "mensch.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    api_prefix = "/tokens"

    def ready(self) -> None:
        super().ready()
        from mensch.accounts import receivers  # noqa: F401, PLC0415 -- importing connects them, once models are ready
