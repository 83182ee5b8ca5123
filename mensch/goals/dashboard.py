"""The dashboard card: progress on the member's nearest goals."""

from __future__ import annotations

from mensch.accounts.models import User
from mensch.core.cards import DashboardCard
from mensch.goals.selectors import goals_with_progress


def card(member: User) -> DashboardCard | None:
    progress = goals_with_progress(member)
    return DashboardCard(
        title="Your goals",
        template="goals/card.html",
        context={"goals": progress[:3], "more": max(0, len(progress) - 3)},
    )
