"""Reads about follow-up tasks and the member's own follow-through figures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection, Message
from mensch.connections.selectors import connected_ids
from mensch.followups.models import FollowUp
from mensch.introductions.models import Decision, Introduction
from mensch.meetings.selectors import meetings_kept


def followups_of(owner: User, *, status: str = "open") -> QuerySet[FollowUp]:
    queryset = FollowUp.objects.filter(owner=owner).select_related(
        "contact__member__profile", "event"
    )
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


def meetings_kept_rate(member: User) -> Rate:
    """Of my booked meetings the other answered "did it happen?" for, how many they say
    happened: a no-show counts here, for me alone, never shown to anyone else."""
    kept = meetings_kept(member)
    return Rate(kept.kept, kept.total)


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


@dataclass(frozen=True)
class WriteLink:
    """ "Write it now": the thread with a connected member, or an email ready to send."""

    url: str
    label: str
    is_email: bool


def _email_text(owner: User, followup: FollowUp, name: str) -> tuple[str, str]:
    first = name.split()[0] if name.split() else name
    where = f" at {followup.event.title}" if followup.event is not None else ""
    if followup.kind == FollowUp.Kind.AFTER_MEETING or followup.kind == FollowUp.Kind.THANK_YOU:
        subject = f"Thank you for meeting{where}"
        body = (
            f"Hello {first},\n\nThank you for the conversation{where}. I enjoyed hearing "
            "about your work.\n\nWould you like to meet again? Tell me a time that suits "
            f"you.\n\nBest wishes,\n{owner.first_name}"
        )
    else:
        subject = followup.title
        body = f"Hello {first},\n\n\n\nBest wishes,\n{owner.first_name}"
    return subject, body


def write_link(owner: User, followup: FollowUp, connected: set[int]) -> WriteLink | None:
    """Where to write to the person a task is about: the message thread when they are a
    connected member, otherwise a prepared email when their address is known."""
    contact = followup.contact
    if contact is None:
        return None
    member = contact.member
    if member is not None and member.pk in connected and hasattr(member, "profile"):
        return WriteLink(reverse("thread", args=[member.profile.pk]), "Write it now", False)
    if contact.email:
        subject, body = _email_text(owner, followup, contact.name)
        url = f"mailto:{quote(contact.email, safe='@')}?subject={quote(subject, safe='')}"
        return WriteLink(f"{url}&body={quote(body, safe='')}", "Write it now", True)
    if member is not None and hasattr(member, "profile"):
        return WriteLink(
            reverse("member_detail", args=[member.profile.pk]), "Open their profile", False
        )
    return None


@dataclass(frozen=True)
class TaskRow:
    """A task as the lists show it: what is due in it, and how to write to them now."""

    task: FollowUp
    due_items: list[str]
    write: WriteLink | None


def task_rows(owner: User, tasks: Iterable[FollowUp]) -> list[TaskRow]:
    """Each task with what is due (a bundle's steps and the open favours promised to the
    same person) and its "write it now" link."""
    tasks = list(tasks)
    connected = connected_ids(owner)
    promised: dict[int, list[str]] = {}
    contact_ids = {
        t.contact_id
        for t in tasks
        if t.kind == FollowUp.Kind.AFTER_MEETING and t.contact_id is not None
    }
    if contact_ids:
        for contact_id, title in (
            followups_of(owner)
            .filter(
                contact_id__in=contact_ids, kind=FollowUp.Kind.PROMISE, owed_by=FollowUp.OwedBy.ME
            )
            .values_list("contact_id", "title")
        ):
            promised.setdefault(contact_id, []).append(f"promised favour: {title}")
    rows = []
    for task in tasks:
        items = list(task.steps or [])
        if task.kind == FollowUp.Kind.AFTER_MEETING and task.contact_id:
            items += promised.get(task.contact_id, [])
        rows.append(TaskRow(task, items, write_link(owner, task, connected)))
    return rows
