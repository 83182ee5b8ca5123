"""Background email. Tasks are thin: take ids, load, claim, send.

Delivery is at least once and idempotent. A worker claims a notification's email with a
conditional UPDATE of ``email_claimed_at`` and sets ``emailed_at`` only after the mail server
accepted the message, so a worker that dies mid-send (kill -9) loses nothing: its claim
expires after :data:`EMAIL_LEASE` and its task, left RUNNING, is queued again by
:func:`mensch.core.tasks.tasks_requeue_stuck`. When the mail server fails the claim is
released and the task booked again after a growing pause (:func:`email_retry_delay`);
after ``EMAIL_ATTEMPTS`` tries the failure is recorded on the notification
(``email_failed_at``, ``email_error``) and the task ends FAILED, both visible in the admin.
The one duplicate left possible is a worker killed after the server accepted the mail and
before ``emailed_at`` was written.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.tasks import default_task_backend, task
from django.utils import timezone

from mensch.notifications.emails import absolute, send_member_email
from mensch.notifications.models import Notification

logger = logging.getLogger(__name__)

# Longer than one SMTP conversation can take (the SMTP backend times out after 30 s).
EMAIL_LEASE = timedelta(minutes=10)
# What a mail server that is down, unreachable or refusing for now raises.
EMAIL_DELIVERY_ERRORS: tuple[type[Exception], ...] = (smtplib.SMTPException, OSError)


def email_retry_delay(attempt: int) -> timedelta:
    """The pause after failed attempt number ``attempt`` (1, 2, 4… minutes, at most an hour)."""
    return min(timedelta(minutes=2 ** (attempt - 1)), timedelta(hours=1))


def _book(notification_id: int, *, at: datetime) -> None:
    booked = send_notification_email
    if default_task_backend.supports_defer:
        booked = booked.using(run_after=at)
    booked.enqueue(notification_id)


@task()
def send_notification_email(notification_id: int) -> bool:
    """Send one notification's email; True when this run sent it. Safe with several workers
    and when run again: only an unsent email with no live claim is sent."""
    now = timezone.now()
    unsent = Notification.objects.filter(
        pk=notification_id, emailed_at__isnull=True, email_failed_at__isnull=True
    )
    claimed = unsent.filter(
        Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - EMAIL_LEASE)
    ).update(email_claimed_at=now, email_attempts=F("email_attempts") + 1)
    if claimed != 1:
        held_since = unsent.values_list("email_claimed_at", flat=True).first()
        if held_since is not None and default_task_backend.supports_defer:
            # Another run holds the claim: look again when it expires, in case it died.
            _book(notification_id, at=held_since + EMAIL_LEASE)
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        send_member_email(
            member=notification.recipient,
            subject=notification.title,
            template="notifications/email/notification.txt",
            context={"notification": notification, "url": absolute(notification.url)},
            topic="notifications",
        )
    except EMAIL_DELIVERY_ERRORS as exc:
        _delivery_failed(notification, claimed_at=now, error=exc)
        return False
    Notification.objects.filter(pk=notification_id, email_claimed_at=now).update(
        emailed_at=timezone.now(), email_claimed_at=None, email_error=""
    )
    return True


def _delivery_failed(notification: Notification, *, claimed_at: datetime, error: Exception) -> None:
    """Release the claim and book a retry, or, after the last attempt, record the failure
    and end the task FAILED (re-raising ``error``)."""
    text = f"{type(error).__name__}: {error}"[:300]
    mine = Notification.objects.filter(pk=notification.pk, email_claimed_at=claimed_at)
    attempt = notification.email_attempts
    if attempt >= settings.EMAIL_ATTEMPTS:
        mine.update(email_claimed_at=None, email_error=text, email_failed_at=timezone.now())
        logger.error(
            "Email of notification %s failed %s times, giving up: %s",
            notification.pk,
            attempt,
            text,
        )
        raise error
    mine.update(email_claimed_at=None, email_error=text)
    delay = email_retry_delay(attempt)
    logger.warning(
        "Email of notification %s failed (attempt %s), retrying in %s: %s",
        notification.pk,
        attempt,
        delay,
        text,
    )
    _book(notification.pk, at=timezone.now() + delay)
