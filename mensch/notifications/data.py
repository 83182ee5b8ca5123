"""The notifications part of "all my data": what the member was told, and which email
they agreed to receive."""

from __future__ import annotations

from datetime import datetime

from mensch.accounts.models import User
from mensch.notifications.models import EmailPreference, Notification


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def member_data(member: User) -> dict[str, object]:
    """``notifications`` (oldest first) and ``email_preferences`` (the defaults when the
    member never changed them). Read only: exporting creates no preference row."""
    notifications = Notification.objects.filter(recipient=member).order_by("created_at", "pk")
    preference = EmailPreference.objects.filter(member=member).first() or EmailPreference()
    return {
        "notifications": [
            {
                "kind": notification.kind,
                "title": notification.title,
                "body": notification.body,
                "url": notification.url,
                "created_at": notification.created_at.isoformat(),
                "read_at": _iso(notification.read_at),
                "emailed_at": _iso(notification.emailed_at),
            }
            for notification in notifications
        ],
        "email_preferences": {
            "notifications": preference.notifications,
            "daily_digest": preference.daily_digest,
        },
    }
