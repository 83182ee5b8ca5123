"""Reminders: an in-app notification when a task falls due, and one daily digest email.

Both are safe with several workers. A reminder is claimed with a conditional UPDATE
of ``reminded_on``; a digest by inserting the unique (member, day) row: the worker
whose insert succeeds sends, any other gets an IntegrityError and sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.selectors import Cadence, losing_touch
from mensch.followups.models import DailyDigest, FollowUp
from mensch.followups.selectors import due_soon
from mensch.notifications.emails import send_member_email
from mensch.notifications.models import EmailPreference
from mensch.notifications.services import notify

DIGEST_TOPIC = "daily_digest"


def reminders_notify(*, today: date | None = None) -> int:
    """Notify in the app of every open task that is due, once per due date."""
    today = today or timezone.localdate()
    due = FollowUp.objects.filter(status=FollowUp.Status.OPEN, due_on__lte=today).filter(
        Q(reminded_on__isnull=True) | Q(reminded_on__lt=F("due_on"))
    )
    sent = 0
    for followup in due.select_related("owner", "contact").iterator(chunk_size=200):
        claimed = FollowUp.objects.filter(
            Q(reminded_on__isnull=True) | Q(reminded_on__lt=followup.due_on),
            pk=followup.pk,
            status=FollowUp.Status.OPEN,
        ).update(reminded_on=today)
        if claimed != 1:
            continue
        notify(
            recipient=followup.owner,
            kind="followup_due",
            title=f"Due{' today' if followup.due_on == today else ''}: {followup.title}",
            url=reverse("followups"),
            email=False,
        )
        sent += 1
    return sent


@dataclass(frozen=True)
class DigestItems:
    tasks: list[FollowUp]
    losing_touch: list[Cadence]


def digest_items(member: User, *, today: date) -> DigestItems:
    return DigestItems(
        tasks=list(due_soon(member, today=today)),
        losing_touch=losing_touch(member, today=today)[:10],
    )


def digest_send(*, member: User, today: date | None = None) -> bool:
    """Send today's digest to one member unless it was sent (or there is nothing in it)."""
    today = today or timezone.localdate()
    items = digest_items(member, today=today)
    count = len(items.tasks) + len(items.losing_touch)
    if count == 0:
        return False
    try:
        with transaction.atomic():
            DailyDigest.objects.create(member=member, day=today, items=count)
    except IntegrityError:
        return False  # another worker claimed this member's digest for today
    overdue = sum(1 for task in items.tasks if task.due_on < today)
    send_member_email(
        member=member,
        subject=f"Your follow-ups for {today:%A %d %B}: {count} to do",
        template="followups/email/digest.txt",
        context={
            "tasks": items.tasks,
            "losing_touch": items.losing_touch,
            "today": today,
            "overdue": overdue,
            "site_url": settings.SITE_URL,
        },
        topic=DIGEST_TOPIC,
    )
    return True


def digests_send(*, today: date | None = None) -> int:
    """Every member who opted in gets at most one digest for ``today``."""
    today = today or timezone.localdate()
    members = User.objects.filter(
        is_active=True,
        pk__in=EmailPreference.objects.filter(daily_digest=True).values("member_id"),
    ).exclude(pk__in=DailyDigest.objects.filter(day=today).values("member_id"))
    return sum(digest_send(member=member, today=today) for member in members.iterator())
