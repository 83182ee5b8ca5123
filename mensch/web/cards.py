"""Dashboard cards contributed by capability apps.

An app offers a card by having a ``dashboard`` module with
``card(member) -> DashboardCard | None``. The dashboard shows them in the order
of CARD_APPS; an app without the module simply contributes nothing.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from mensch.accounts.models import User

CARD_APPS = ("followups", "goals", "ledger", "trust", "events", "contacts")


@dataclass(frozen=True)
class DashboardCard:
    title: str
    template: str
    context: dict[str, object] = field(default_factory=dict)


def dashboard_cards(member: User) -> list[DashboardCard]:
    cards = []
    for app in CARD_APPS:
        module_name = f"mensch.{app}.dashboard"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        card = module.card(member)
        if card is not None:
            cards.append(card)
    return cards
