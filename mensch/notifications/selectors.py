from __future__ import annotations

from django.db.models import QuerySet

from mensch.accounts.models import User
from mensch.notifications.models import Notification


def recent_notifications(member: User, limit: int = 50) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=member)[:limit]


def unread_count(member: User) -> int:
    return Notification.objects.filter(recipient=member, read_at__isnull=True).count()
