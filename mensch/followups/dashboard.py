"""The follow-through card on the dashboard: what is due, and how I follow through."""

from __future__ import annotations

from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.selectors import losing_touch_count
from mensch.core.cards import DashboardCard
from mensch.followups import selectors


def card(member: User) -> DashboardCard | None:
    today = timezone.localdate()
    # The counts and the follow-up rate come from one query of a few fields; only the
    # five tasks shown are loaded whole.
    counts = selectors.task_counts(member, today=today)
    return DashboardCard(
        "Follow-through",
        "followups/card.html",
        {
            "open": counts.open,
            "overdue": counts.overdue,
            "due_today": counts.due_today,
            "next": selectors.task_rows(member, selectors.tasks_by_ids(member, counts.next_ids)),
            "followup_rate": counts.rate,
            "introductions": selectors.introduction_response_rate(member),
            "messages": selectors.message_response_rate(member),
            "meetings_kept": selectors.meetings_kept_rate(member),
            "losing_touch": losing_touch_count(member, today=today),
        },
    )
