"""The follow-through card on the dashboard: what is due, and how I follow through."""

from __future__ import annotations

from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.selectors import losing_touch
from mensch.core.cards import DashboardCard
from mensch.followups import selectors


def card(member: User) -> DashboardCard | None:
    today = timezone.localdate()
    tasks = list(selectors.followups_of(member))
    return DashboardCard(
        "Follow-through",
        "followups/card.html",
        {
            "open": len(tasks),
            "overdue": sum(1 for t in tasks if t.due_on < today),
            "due_today": sum(1 for t in tasks if t.due_on == today),
            "next": selectors.task_rows(member, tasks[:5]),
            "followup_rate": selectors.followup_rate(member, today=today),
            "introductions": selectors.introduction_response_rate(member),
            "messages": selectors.message_response_rate(member),
            "meetings_kept": selectors.meetings_kept_rate(member),
            "losing_touch": len(losing_touch(member, today=today)),
        },
    )
