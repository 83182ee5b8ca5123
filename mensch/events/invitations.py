"""Invitations to an event for people who are not members yet (from an attendee import).

An invitation is a signed, expiring link (:mod:`django.core.signing`) that carries the
event and the address: nothing is stored for it but the time it was last sent
(:class:`~mensch.events.models.AttendeeInvitation`), so one address is invited to one
event at most once a day. Following the link signs the invitee up (the sign-up lands them
back on the link once their address is confirmed) and then RSVPs them as going.
The emails are sent by the worker, a batch of addresses per task, never in the request.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from mensch.events.models import Event

logger = logging.getLogger(__name__)

SALT = "mensch.events.attendee-invitation"
# How long an invitation link works (it also stops once the event has ended).
LINK_DAYS = 30
# An address is invited to the same event at most once in this time.
REINVITE_AFTER = timedelta(days=1)
# Addresses per background task: a file of hundreds is a handful of short jobs.
BATCH = 50
DELIVERY_ERRORS: tuple[type[Exception], ...] = (smtplib.SMTPException, OSError)


@dataclass(frozen=True)
class Invitation:
    event_id: int
    email: str


class InvitationInvalidError(Exception):
    """Not an invitation this site made, or one for another event."""


class InvitationExpiredError(Exception):
    """A genuine invitation older than ``LINK_DAYS``."""


def make_token(*, event_id: int, email: str) -> str:
    return signing.dumps({"v": event_id, "e": email}, salt=SALT, compress=True)


def link_path(*, event_id: int, email: str) -> str:
    return reverse("event_invitation", args=[event_id, make_token(event_id=event_id, email=email)])


def read_token(token: str, *, event_id: int) -> Invitation:
    """What an invitation link says; raises InvitationExpiredError or InvitationInvalidError."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=LINK_DAYS))
    except signing.SignatureExpired as exc:
        raise InvitationExpiredError from exc
    except (signing.BadSignature, ValueError) as exc:
        raise InvitationInvalidError from exc
    if (
        not isinstance(data, dict)
        or data.get("v") != event_id
        or not isinstance(data.get("e"), str)
    ):
        raise InvitationInvalidError
    return Invitation(event_id=event_id, email=data["e"])


def invitation_email_send(*, event: Event, email: str) -> None:
    body = render_to_string(
        "events/invitation_email.txt",
        {
            "event": event,
            "when": timezone.localtime(event.starts_at, ZoneInfo(event.time_zone)),
            "organizer": event.organizer,
            "link": settings.SITE_URL + link_path(event_id=event.pk, email=email),
            "days": LINK_DAYS,
        },
    )
    EmailMessage(subject=f"You're invited to {event.title}", body=body, to=[email]).send()


@task()
def send_invitations(event_id: int, emails: list[str], attempt: int = 1) -> int:
    """Email an event's invitation to each address; the ones the mail server refused are
    tried again after a growing pause, up to ``EMAIL_ATTEMPTS`` tries. Returns how many
    went out."""
    event = Event.objects.select_related("organizer").filter(pk=event_id).first()
    if event is None or event.status != Event.Status.PUBLISHED:
        return 0
    failed: list[str] = []
    for email in emails:
        try:
            invitation_email_send(event=event, email=email)
        except DELIVERY_ERRORS as exc:
            logger.warning("Invitation to %s for event %s failed: %s", email, event_id, exc)
            failed.append(email)
    if failed and attempt < settings.EMAIL_ATTEMPTS and default_task_backend.supports_defer:
        delay = min(timedelta(minutes=2 ** (attempt - 1)), timedelta(hours=1))
        send_invitations.using(run_after=timezone.now() + delay).enqueue(
            event_id, failed, attempt + 1
        )
    elif failed:
        logger.error("Invitations for event %s failed %s times: %s", event_id, attempt, failed)
    return len(emails) - len(failed)


def invitations_queue(*, event: Event, emails: Sequence[str]) -> None:
    """Queue the invitation emails in batches (with the database backend the jobs commit,
    or not, with the caller's transaction)."""
    for start in range(0, len(emails), BATCH):
        send_invitations.enqueue(event.pk, list(emails[start : start + BATCH]))
