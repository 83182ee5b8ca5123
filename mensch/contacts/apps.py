from __future__ import annotations

from mensch.core import registry


class ContactsConfig(registry.CapabilityConfig):
    name = "mensch.contacts"
    label = "contacts"
    verbose_name = "Contacts and relationship memory"
    api_prefix = "/contacts"
    dashboard_order = 60

    def ready(self) -> None:
        from mensch.contacts import receivers  # noqa: F401, PLC0415 -- importing connects them, once models are ready
