"""Background work for follow-through. Thin: each task calls a service.

The daily run (reminders for tasks that fell due, the daily digest emails, and a
strength refresh so time decay shows) is ``mensch.core.tasks.PERIODIC["followups"]``,
booked by ``mensch worker`` for 07:00 every day.
"""

from __future__ import annotations

from django.tasks import task

from mensch.contacts.services import strengths_refresh
from mensch.followups.digest import digests_send, reminders_notify


def followups_daily() -> dict[str, int]:
    return {
        "reminders": reminders_notify(),
        "digests": digests_send(),
        "strengths": strengths_refresh(),
    }


@task()
def send_digest(member_id: int) -> bool:
    """One member's digest (for a manual "send me today's digest")."""
    from mensch.accounts.models import User
    from mensch.followups.digest import digest_send

    return digest_send(member=User.objects.get(pk=member_id))
