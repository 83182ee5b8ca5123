"""A card on the member's dashboard, contributed by an app's ``dashboard`` module."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DashboardCard:
    title: str
    template: str
    context: dict[str, object] = field(default_factory=dict)
