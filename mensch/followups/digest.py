"""Reminders: an in-app notification when a task falls due, and one daily digest email.

Both are safe with several workers. A reminder is claimed with a conditional UPDATE
of ``reminded_on``; a digest by inserting the unique (member, day) row: the worker
whose insert succeeds sends, any other gets an IntegrityError and sends nothing.

A digest is delivered at least once: the row is inserted and the email sent in one
transaction, so a mail server that fails, or a worker killed mid-send, rolls the row back.
A failed send is retried by :func:`digest_retry` after a growing pause (the same policy as
notification emails), up to ``EMAIL_ATTEMPTS`` times, then logged and left FAILED in the task
queue; a killed worker's daily job is queued again once its lease expires
(:func:`mensch.core.tasks.tasks_requeue_stuck`) and skips the digests already sent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.tasks import default_task_backend, task
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.selectors import Cadence, losing_touch
from mensch.followups.models import DailyDigest, FollowUp
from mensch.followups.selectors import due_soon
from mensch.followups.services import reminders_per_day
from mensch.notifications.emails import send_member_email
from mensch.notifications.models import EmailPreference
from mensch.notifications.services import notify
from mensch.notifications.tasks import EMAIL_DELIVERY_ERRORS, email_retry_delay

DIGEST_TOPIC = "daily_digest"
logger = logging.getLogger(__name__)


def reminders_notify(*, today: date | None = None) -> int:
    """Notify in the app of every open task that is due, once per due date."""
    today = today or timezone.localdate()
    due = (
        FollowUp.objects.filter(status=FollowUp.Status.OPEN, due_on__lte=today)
        .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lt=F("due_on")))
        .order_by("owner_id", "due_on", "pk")
    )
    sent = 0
    # At most the member's reminders a day (``FOLLOWUP_REMINDERS_PER_DAY`` unless they
    # chose another number), the longest-due first; the rest wait for the next days.
    left: dict[int, int] = {}
    for followup in due.select_related("owner", "contact").iterator(chunk_size=200):
        if followup.owner_id not in left:
            already = FollowUp.objects.filter(owner_id=followup.owner_id, reminded_on=today)
            left[followup.owner_id] = reminders_per_day(followup.owner) - already.count()
        if left[followup.owner_id] <= 0:
            continue
        try:
            with transaction.atomic():
                reminded = _remind(followup, today=today)
                sent += reminded
                left[followup.owner_id] -= reminded
        except Exception:
            logger.exception(
                "Reminder of follow-up %s (member %s) failed; skipped",
                followup.pk,
                followup.owner_id,
            )
    return sent


def _remind(followup: FollowUp, *, today: date) -> int:
    claimed = FollowUp.objects.filter(
        Q(reminded_on__isnull=True) | Q(reminded_on__lt=followup.due_on),
        pk=followup.pk,
        status=FollowUp.Status.OPEN,
    ).update(reminded_on=today)
    if claimed != 1:
        return 0
    notify(
        recipient=followup.owner,
        kind="followup_due",
        title=f"Due{' today' if followup.due_on == today else ''}: {followup.title}",
        url=reverse("followups"),
        email=False,
    )
    return 1


@dataclass(frozen=True)
class DigestItems:
    tasks: list[FollowUp]
    losing_touch: list[Cadence]
    # Due tasks left out of the email by the member's reminders a day: counted, not listed.
    more: int = 0


def digest_items(member: User, *, today: date) -> DigestItems:
    due = list(due_soon(member, today=today))
    limit = reminders_per_day(member)
    return DigestItems(
        tasks=due[:limit],
        losing_touch=losing_touch(member, today=today)[:10],
        more=max(0, len(due) - limit),
    )


def digest_send(*, member: User, today: date | None = None, attempt: int = 1) -> bool:
    """Send today's digest to one member unless it was sent (or there is nothing in it).

    When the mail server fails, nothing is recorded and a retry is booked (or, after the
    last attempt, the failure logged); True only when this call sent the digest."""
    outcome = _digest_deliver(member=member, today=today or timezone.localdate(), attempt=attempt)
    return outcome == "sent"


def _digest_deliver(*, member: User, today: date, attempt: int) -> str:
    """ "sent", "skipped" (nothing to say, or already sent), "retrying" or "failed"."""
    items = digest_items(member, today=today)
    count = len(items.tasks) + len(items.losing_touch)
    if count == 0:
        return "skipped"
    overdue = sum(1 for task in items.tasks if task.due_on < today)
    try:
        # One transaction: the row is the claim and the record of the sent email, so it
        # exists only if the send succeeded. A second worker's insert waits for this one.
        with transaction.atomic():
            DailyDigest.objects.create(member=member, day=today, items=count)
            send_member_email(
                member=member,
                subject=f"Your follow-ups for {today:%A %d %B}: {count} to do",
                template="followups/email/digest.txt",
                context={
                    "tasks": items.tasks,
                    "more": items.more,
                    "losing_touch": items.losing_touch,
                    "today": today,
                    "overdue": overdue,
                    "site_url": settings.SITE_URL,
                },
                topic=DIGEST_TOPIC,
            )
    except IntegrityError:
        return "skipped"  # another worker sent this member's digest for today
    except EMAIL_DELIVERY_ERRORS as exc:
        error = f"{type(exc).__name__}: {exc}"
        if attempt >= settings.EMAIL_ATTEMPTS or not default_task_backend.supports_defer:
            logger.error(
                "Digest of member %s for %s failed %s times, giving up: %s",
                member.pk,
                today,
                attempt,
                error,
            )
            return "failed"
        delay = email_retry_delay(attempt)
        logger.warning(
            "Digest of member %s for %s failed (attempt %s), retrying in %s: %s",
            member.pk,
            today,
            attempt,
            delay,
            error,
        )
        digest_retry.using(run_after=timezone.now() + delay).enqueue(
            member.pk, today.isoformat(), attempt + 1
        )
        return "retrying"
    return "sent"


class DigestDeliveryError(Exception):
    """Every attempt to email a digest failed; the task ends FAILED with this."""


@task()
def digest_retry(member_id: int, day: str, attempt: int) -> bool:
    """Try a digest whose email failed again, if the member still wants it."""
    member = User.objects.filter(
        pk=member_id,
        is_active=True,
        pk__in=EmailPreference.objects.filter(daily_digest=True).values("member_id"),
    ).first()
    if member is None:
        return False
    outcome = _digest_deliver(member=member, today=date.fromisoformat(day), attempt=attempt)
    if outcome == "failed":
        raise DigestDeliveryError(f"digest of member {member_id} for {day}, {attempt} attempts")
    return outcome == "sent"


def digests_send(*, today: date | None = None) -> int:
    """Every member who opted in gets at most one digest for ``today``."""
    today = today or timezone.localdate()
    members = User.objects.filter(
        is_active=True,
        pk__in=EmailPreference.objects.filter(daily_digest=True).values("member_id"),
    ).exclude(pk__in=DailyDigest.objects.filter(day=today).values("member_id"))
    sent = 0
    for member in members.iterator():
        # One member's fault (a row written around the services, a template error) is
        # logged and leaves the others' digests to go out.
        try:
            with transaction.atomic():
                sent += digest_send(member=member, today=today)
        except Exception:
            logger.exception("Daily digest of member %s for %s failed; skipped", member.pk, today)
    return sent
