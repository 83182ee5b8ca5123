from __future__ import annotations

from mensch.core import registry


class ProfilesConfig(registry.CapabilityConfig):
    name = "mensch.profiles"
    label = "profiles"
    verbose_name = "Profiles: asks and offers"
    api_prefix = "/"

    def ready(self) -> None:
        from mensch.profiles import receivers  # noqa: F401, PLC0415 -- importing connects them, once models are ready
