from __future__ import annotations

from mensch.core import registry


class AccountsConfig(registry.CapabilityConfig):
    name = "mensch.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    api_prefix = "/tokens"
