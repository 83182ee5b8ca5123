"""The member's next events on the dashboard."""

from __future__ import annotations

from mensch.accounts.models import User
from mensch.events.selectors import upcoming_for_member
from mensch.web.cards import DashboardCard


def card(member: User) -> DashboardCard | None:
    return DashboardCard(
        "Your next events", "events/dashboard_card.html", {"rsvps": upcoming_for_member(member)}
    )
