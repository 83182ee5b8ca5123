"""Background email for sign-up: the page queues it, the worker sends it.

Every sign-up, whatever the address, queues this one task with the address alone, so the
page does the same work for a new and a registered address and its answer time says
nothing about which it was. The task decides what to send (:mod:`mensch.accounts.emails`).
When the mail server fails it is booked again after a growing pause, up to
``EMAIL_ATTEMPTS`` tries; run twice (a worker killed mid-send) it sends the email twice,
never none.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.tasks import default_task_backend, task
from django.utils import timezone

from mensch.accounts.emails import signup_email_send

logger = logging.getLogger(__name__)

DELIVERY_ERRORS: tuple[type[Exception], ...] = (smtplib.SMTPException, OSError)


@task()
def send_signup_email(email: str, attempt: int = 1, next_url: str = "") -> str:
    try:
        return signup_email_send(email, next_url)
    except DELIVERY_ERRORS as exc:
        if attempt >= settings.EMAIL_ATTEMPTS or not default_task_backend.supports_defer:
            logger.error("Sign-up email failed %s times, giving up: %s", attempt, exc)
            raise
        delay = min(timedelta(minutes=2 ** (attempt - 1)), timedelta(hours=1))
        logger.warning("Sign-up email failed (attempt %s), retrying in %s", attempt, delay)
        send_signup_email.using(run_after=timezone.now() + delay).enqueue(
            email, attempt + 1, next_url
        )
        return ""
