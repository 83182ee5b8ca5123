"""The dashboard card: the member's own give/receive balance and one gentle prompt."""

from __future__ import annotations

from mensch.accounts.models import User
from mensch.core.cards import DashboardCard
from mensch.ledger.selectors import balance_of


def card(member: User) -> DashboardCard | None:
    balance = balance_of(member, chart=False)  # the card shows no chart
    return DashboardCard(
        title="Give first",
        template="ledger/card.html",
        context={
            "given": balance.given,
            "received": balance.received,
            "prompt": balance.prompts[0] if balance.prompts else "",
        },
    )
