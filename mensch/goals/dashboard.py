"""The dashboard card: progress on the member's nearest goals."""

from __future__ import annotations

from mensch.accounts.models import User
from mensch.core.cards import DashboardCard
from mensch.goals.selectors import nearest_goals

SHOWN = 3


def card(member: User) -> DashboardCard | None:
    # Only the goals shown are measured; the rest are counted.
    shown, total = nearest_goals(member, count=SHOWN)
    return DashboardCard(
        title="Your goals",
        template="goals/card.html",
        context={"goals": shown, "more": max(0, total - SHOWN)},
    )
