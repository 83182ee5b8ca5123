"""Background email. Tasks are thin: take ids, load, claim, send."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

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


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


def send_member_email(
    *, member: object, subject: str, template: str, context: dict[str, object], topic: str
) -> None:
    """Every email names how to stop it: a signed one-click link and the List-Unsubscribe
    headers mail clients turn into a button (RFC 8058)."""
    from mensch.notifications.services import unsubscribe_token

    link = absolute(reverse("unsubscribe", args=[unsubscribe_token(member, topic)]))  # type: ignore[arg-type]
    body = render_to_string(template, {**context, "member": member, "unsubscribe_url": link})
    message = EmailMessage(
        subject=subject,
        body=body,
        to=[member.email],  # type: ignore[attr-defined]
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()
