"""The member's next events on the dashboard."""

from __future__ import annotations

from mensch.accounts.models import User
from mensch.core.cards import DashboardCard
from mensch.events.selectors import upcoming_for_member


def card(member: User) -> DashboardCard | None:
    return DashboardCard(
        "Your next events", "events/dashboard_card.html", {"rsvps": upcoming_for_member(member)}
    )
