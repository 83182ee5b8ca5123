"""Background work for follow-through. Thin: each task calls a service.

The daily run (reminders for tasks that fell due, the daily digest emails, and a
strength refresh so time decay shows) is the ``"followups"`` periodic job of
``FollowupsConfig``, booked by ``mensch worker`` for 07:00 every day.
"""

from __future__ import annotations

from mensch.contacts.services import strengths_refresh
from mensch.followups.digest import digests_send, reminders_notify


def followups_daily() -> dict[str, int]:
    return {
        "reminders": reminders_notify(),
        "digests": digests_send(),
        "strengths": strengths_refresh(),
    }
