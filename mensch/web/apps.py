from __future__ import annotations

from mensch.core import registry


class WebConfig(registry.CapabilityConfig):
    name = "mensch.web"
    label = "web"
    verbose_name = "Pages, layout and static files"
    api_prefix = "/"
