"""Reads about follow-up tasks and the member's own follow-through figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection, Message
from mensch.followups.models import FollowUp
from mensch.introductions.models import Decision, Introduction


def followups_of(owner: User, *, status: str = "open") -> QuerySet[FollowUp]:
    queryset = FollowUp.objects.filter(owner=owner).select_related("contact")
    if status != "all":
        queryset = queryset.filter(status=status)
    return queryset.order_by("due_on", "pk")


def overdue(owner: User, *, today: date | None = None) -> QuerySet[FollowUp]:
    today = today or timezone.localdate()
    return followups_of(owner).filter(due_on__lt=today)


def due_soon(owner: User, *, today: date | None = None, days: int = 0) -> QuerySet[FollowUp]:
    """Open tasks due by ``today + days`` (overdue ones included)."""
    today = today or timezone.localdate()
    return followups_of(owner).filter(due_on__lte=today + timedelta(days=days))


def own_followup(*, owner: User, followup_id: int) -> FollowUp:
    return FollowUp.objects.select_related("contact").get(pk=followup_id, owner=owner)


def open_promises(owner: User, contact_id: int) -> QuerySet[FollowUp]:
    return followups_of(owner).filter(contact_id=contact_id, kind=FollowUp.Kind.PROMISE)


@dataclass(frozen=True)
class Rate:
    done: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.total) if self.total else None


def followup_rate(owner: User, *, today: date | None = None) -> Rate:
    """My follow-up rate: tasks I owed that fell due (or that I did), done on time."""
    today = today or timezone.localdate()
    rows = (
        FollowUp.objects.filter(owner=owner, owed_by=FollowUp.OwedBy.ME)
        .exclude(status=FollowUp.Status.DISMISSED)
        .filter(Q(original_due_on__lte=today) | Q(status=FollowUp.Status.DONE))
        .values_list("status", "done_at", "original_due_on")
    )
    total = on_time = 0
    for status, done_at, due in rows:
        total += 1
        if status == FollowUp.Status.DONE and done_at and timezone.localdate(done_at) <= due:
            on_time += 1
    return Rate(on_time, total)


def introduction_response_rate(member: User) -> Rate:
    """Introductions waiting for my yes or no, and how many I answered."""
    asked = Introduction.objects.filter(
        Q(recipient=member) | Q(requester=member, introducer__isnull=False)
    ).values_list("recipient_id", "recipient_decision", "requester_decision")
    total = answered = 0
    for recipient_id, recipient_decision, requester_decision in asked:
        mine = recipient_decision if recipient_id == member.pk else requester_decision
        total += 1
        answered += mine != Decision.PENDING
    return Rate(answered, total)


def message_response_rate(member: User, *, days: int = 90) -> Rate:
    """Of the times someone wrote to me (a run of their messages), how often I replied."""
    since = timezone.now() - timedelta(days=days)
    threads = Connection.objects.filter(Q(member_low=member) | Q(member_high=member))
    rows = (
        Message.objects.filter(connection__in=threads, created_at__gte=since)
        .order_by("connection_id", "created_at", "pk")
        .values_list("connection_id", "sender_id")
    )
    total = replied = 0
    previous: tuple[int, int] | None = None
    for connection_id, sender_id in rows:
        mine = sender_id == member.pk
        if previous is None or previous[0] != connection_id:
            if not mine:
                total += 1
        elif mine and previous[1] != member.pk:
            replied += 1
        elif not mine and previous[1] == member.pk:
            total += 1
        previous = (connection_id, sender_id)
    return Rate(replied, total)


def followup_counts() -> dict[int, tuple[int, int]]:
    """member → (follow-ups done, follow-ups that fell due), for the trust engine's
    reliability record.

    Only what the member promised counts (not what others owe them), dismissed ones not
    at all, and "due" is judged on the first due date, so snoozing does not hide a miss.
    """
    today = timezone.localdate()
    rows = (
        FollowUp.objects.filter(
            Q(original_due_on__lte=today) | Q(done_at__isnull=False), owed_by=FollowUp.OwedBy.ME
        )
        .exclude(status=FollowUp.Status.DISMISSED)
        .values("owner_id")
        .annotate(
            done=Count("pk", filter=Q(done_at__isnull=False)),
            due=Count("pk", filter=Q(original_due_on__lte=today)),
        )
    )
    return {row["owner_id"]: (row["done"], row["due"]) for row in rows}
