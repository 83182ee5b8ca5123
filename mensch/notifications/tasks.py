"""Background email. Tasks are thin: take ids, load, claim, send."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from mensch.notifications.emails import absolute, send_member_email
from mensch.notifications.models import Notification


@task()
def send_notification_email(notification_id: int) -> bool:
    """Send one notification's email. Safe with several workers: the row is claimed with a
    conditional UPDATE, and only the worker whose update touched it sends."""
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if claimed != 1:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    send_member_email(
        member=notification.recipient,
        subject=notification.title,
        template="notifications/email/notification.txt",
        context={"notification": notification, "url": absolute(notification.url)},
        topic="notifications",
    )
    return True
