"""Reads about follow-up tasks and the member's own follow-through figures."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import quote

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection, Message
from mensch.connections.selectors import connected_ids
from mensch.contacts.models import Contact
from mensch.core import statements
from mensch.events.models import Event
from mensch.followups.models import FollowUp, FollowUpPreference
from mensch.introductions.models import Decision, Introduction
from mensch.meetings.selectors import meetings_kept
from mensch.profiles.models import Profile


def followups_of(owner: User, *, status: str = "open") -> QuerySet[FollowUp]:
    queryset = FollowUp.objects.filter(owner=owner).select_related(
        "contact__member__profile", "event"
    )
    if status != "all":
        queryset = queryset.filter(status=status)
    return queryset.order_by("due_on", "pk")


# What a task row shows (``task_rows``, the list page and the dashboard card): the task
# itself, the contact's name and email, whether they are a member with a profile (for the
# thread link), and the event's title. Leaving out the profile's search text and the
# event's long fields keeps the rows cheap to load.
_ROW_FIELDS = (
    "id",
    "owner_id",
    "contact_id",
    "kind",
    "owed_by",
    "title",
    "due_on",
    "original_due_on",
    "status",
    "done_at",
    "reminded_on",
    "source_key",
    "event_id",
    "steps",
    "created_at",
    "contact__id",
    "contact__name",
    "contact__email",
    "contact__member_id",
    "contact__member__id",
    "contact__member__profile__id",
    "contact__member__profile__user_id",
    "event__id",
    "event__title",
)


def task_list(owner: User, *, overdue_only: bool = False) -> QuerySet[FollowUp]:
    """Open tasks, soonest due first, with only the fields ``task_rows`` shows."""
    queryset = overdue(owner) if overdue_only else followups_of(owner)
    return queryset.only(*_ROW_FIELDS)


@dataclass(frozen=True)
class TaskPage:
    """What the list page reads: the owner's open tasks it lists (as ``task_list`` has
    them), the follow-up rate (as ``followup_rate``), their own number of reminders a day
    (as ``services.chosen_reminders_per_day``) and their connected members' ids (as
    ``connected_ids``)."""

    tasks: list[FollowUp]
    rate: Rate
    chosen_reminders: int | None
    connected: set[int]


# The parts of ``task_page``'s statement: a task (listed, counted or both), the member's
# preference, a connection.
_TASK, _PREFERENCE, _CONNECTION = 0, 1, 2


def task_page(owner: User, *, overdue_only: bool = False, today: date | None = None) -> TaskPage:
    """The list page's reads (see ``TaskPage``) in one statement written out: the ORM
    took longer to build its four queries and the tasks' instances than PostgreSQL takes
    to run them. Which tasks come is the rule of ``followups_of`` and ``overdue``, which
    count the rule of ``_rate_rows``, and who is connected that of ``connected_ids``: all
    compiled and applied here, each task's row saying which rule it meets. Each task
    comes with what the page shows of it: its contact (name, email, the member and their
    profile's id) and its event's title. Any other field is deferred: read on use, never
    silently empty."""
    today = today or timezone.localdate()
    followup, contact = statements.table(FollowUp), statements.table(Contact)
    profile, event = statements.table(Profile), statements.table(Event)
    preference, link = statements.table(FollowUpPreference), statements.table(Connection)
    listed, listed_params = statements.where(
        overdue(owner, today=today) if overdue_only else followups_of(owner)
    )
    counted, counted_params = statements.where(_rate_rows(owner, today))
    # The member's preference and connections (as ``connected_ids`` reads them; tests hold
    # the two to the same ids), written out: compiling their querysets cost more.
    chosen, chosen_params = f"{preference}.member_id = %s", [owner.pk]
    linked = f"({link}.member_low_id = %s OR {link}.member_high_id = %s)"
    linked_params = [owner.pk, owner.pk]
    sql = (
        f"SELECT {_TASK}, {followup}.id, {followup}.owner_id,"  # noqa: S608
        f" {followup}.contact_id, {followup}.kind, {followup}.owed_by, {followup}.title,"
        f" {followup}.due_on, {followup}.status, {followup}.event_id, {followup}.steps,"
        f" {followup}.original_due_on, {followup}.done_at,"
        " c.name, c.email, c.member_id, p.id, e.title,"
        f" CASE WHEN {listed} THEN 1 ELSE 0 END, CASE WHEN {counted} THEN 1 ELSE 0 END"
        f" FROM {followup}"
        f" LEFT JOIN {contact} c ON c.id = {followup}.contact_id"
        f" LEFT JOIN {profile} p ON p.user_id = c.member_id"
        f" LEFT JOIN {event} e ON e.id = {followup}.event_id"
        f" WHERE ({listed}) OR ({counted})"
        f" UNION ALL SELECT {_PREFERENCE}, {preference}.reminders_per_day, NULL, NULL, NULL,"
        " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
        f" NULL FROM {preference} WHERE {chosen}"
        f" UNION ALL SELECT {_CONNECTION}, {link}.member_low_id, {link}.member_high_id, NULL,"
        " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
        f" NULL, NULL FROM {link} WHERE {linked}"
        # the part, then a task's due date and id (``followups_of``'s order)
        " ORDER BY 1, 8, 2"
    )
    params = [
        *listed_params,
        *counted_params,
        *listed_params,
        *counted_params,
        *chosen_params,
        *linked_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    no_profile = User.profile.related  # the member's "no profile", as select_related keeps it
    day, time, day_due, step_list = (
        statements.column_reader(FollowUp, name)
        for name in ("due_on", "done_at", "original_due_on", "steps")
    )
    tasks = []
    total = on_time = 0
    chosen_reminders: int | None = None
    connected: set[int] = set()
    for part, pk, owner_id, contact_id, kind, owed_by, title, due_on, status, *rest in rows:
        if part == _PREFERENCE:
            chosen_reminders = pk
            continue
        if part == _CONNECTION:
            low, high = pk, owner_id
            connected.add(low if high == owner.pk else high)
            continue
        event_id, steps, original_due_on, done_at, name, email, *rest = rest
        member_id, profile_id, event_title, is_listed, is_counted = rest
        due_on = day(due_on)
        if is_counted:
            total += 1
            on_time += on_time_done(status, time(done_at), day_due(original_due_on))
        if not is_listed:
            continue
        task = statements.instance(
            FollowUp,
            id=pk,
            owner_id=owner_id,
            contact_id=contact_id,
            kind=kind,
            owed_by=owed_by,
            title=title,
            due_on=due_on,
            status=status,
            event_id=event_id,
            steps=step_list(steps),
        )
        if contact_id is not None:
            member = None
            if member_id is not None:
                member = statements.instance(User, id=member_id)
                if profile_id is None:
                    no_profile.set_cached_value(member, None)
                else:
                    statements.instance(Profile, id=profile_id, user_id=member_id).user = member
            task.contact = statements.instance(
                Contact, id=contact_id, name=name, email=email, member_id=member_id
            )
            task.contact.member = member
        else:
            task.contact = None
        task.event = (
            statements.instance(Event, id=event_id, title=event_title)
            if event_id is not None
            else None
        )
        tasks.append(task)
    return TaskPage(tasks, Rate(on_time, total), chosen_reminders, connected)


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


def on_time_done(status: str, done_at: datetime | None, due: date) -> bool:
    """Done on or before the first due date, in the member's time zone."""
    return status == FollowUp.Status.DONE and bool(done_at) and timezone.localdate(done_at) <= due


def _rate_rows(owner: User, today: date) -> QuerySet[FollowUp]:
    """The tasks the follow-up rate counts: those I owed that fell due, or that I did."""
    return (
        FollowUp.objects.filter(owner=owner, owed_by=FollowUp.OwedBy.ME)
        .exclude(status=FollowUp.Status.DISMISSED)
        .filter(Q(original_due_on__lte=today) | Q(status=FollowUp.Status.DONE))
    )


def followup_rate(owner: User, *, today: date | None = None) -> Rate:
    """My follow-up rate: tasks I owed that fell due (or that I did), done on time."""
    today = today or timezone.localdate()
    rows = _rate_rows(owner, today).values_list("status", "done_at", "original_due_on")
    total = on_time = 0
    for status, done_at, due in rows:
        total += 1
        on_time += on_time_done(status, done_at, due)
    return Rate(on_time, total)


@dataclass(frozen=True)
class TaskCounts:
    """Open tasks (overdue, due today), the first few to show, and the follow-up rate."""

    open: int
    overdue: int
    due_today: int
    rate: Rate
    next_ids: list[int]


def task_counts(owner: User, *, today: date | None = None, first: int = 5) -> TaskCounts:
    """What the dashboard card counts, from one light query of a few fields of the
    owner's tasks (dismissed ones never count): the open ones and the follow-up rate as
    ``followup_rate`` has it, and the ids of the ``first`` open tasks due soonest."""
    today = today or timezone.localdate()
    rows = (
        FollowUp.objects.filter(owner=owner)
        .exclude(status=FollowUp.Status.DISMISSED)
        .values_list("pk", "status", "due_on", "owed_by", "original_due_on", "done_at")
    )
    open_tasks: list[tuple[date, int]] = []
    overdue = due_today = total = on_time = 0
    for pk, status, due_on, owed_by, original_due_on, done_at in rows:
        if status == FollowUp.Status.OPEN:
            open_tasks.append((due_on, pk))
            overdue += due_on < today
            due_today += due_on == today
        if owed_by == FollowUp.OwedBy.ME and (
            original_due_on <= today or status == FollowUp.Status.DONE
        ):
            total += 1
            on_time += on_time_done(status, done_at, original_due_on)
    next_ids = [pk for _, pk in sorted(open_tasks)[:first]]
    return TaskCounts(len(open_tasks), overdue, due_today, Rate(on_time, total), next_ids)


def tasks_by_ids(owner: User, ids: list[int]) -> list[FollowUp]:
    """The owner's open tasks with these ids, in that order, as ``task_list`` loads them
    (one closed since the ids were read is left out)."""
    if not ids:
        return []
    found = {t.pk: t for t in task_list(owner).filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def introduction_response_rate(member: User) -> Rate:
    """Introductions waiting for my yes or no, and how many I answered."""
    asked = Introduction.objects.filter(
        Q(recipient=member) | Q(requester=member, introducer__isnull=False)
    ).values_list("recipient_id", "recipient_decision", "requester_decision")
    return answers_rate(asked, member.pk)


def answers_rate(asked: Iterable[tuple[int, str, str]], member_id: int) -> Rate:
    """The rule of ``introduction_response_rate``, over (recipient, recipient's decision,
    requester's decision) rows: how many of the member's own answers are given."""
    total = answered = 0
    for recipient_id, recipient_decision, requester_decision in asked:
        mine = recipient_decision if recipient_id == member_id else requester_decision
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
    return replies_rate(rows, member.pk)


def replies_rate(messages: Iterable[tuple[int, int]], member_id: int) -> Rate:
    """The rule of ``message_response_rate``, over (thread, sender) rows in thread order: a
    run of their messages is one time someone wrote; my message after it, a reply."""
    total = replied = 0
    previous: tuple[int, int] | None = None
    for connection_id, sender_id in messages:
        mine = sender_id == member_id
        if previous is None or previous[0] != connection_id:
            if not mine:
                total += 1
        elif mine and previous[1] != member_id:
            replied += 1
        elif not mine and previous[1] == member_id:
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


def _reverse_for(name: str) -> Callable[[int], str]:
    return lambda pk: reverse(name, args=[pk])


def _lazy_url_for_ids(name: str) -> Callable[[int], str]:
    """``_url_for_ids(name)``, reversed on the first use only (most pages need none)."""
    built: list[Callable[[int], str]] = []

    def url(pk: int) -> str:
        if not built:
            built.append(_url_for_ids(name))
        return built[0](pk)

    return url


def write_link(
    owner: User,
    followup: FollowUp,
    connected: set[int],
    *,
    thread: Callable[[int], str] | None = None,
    profile: Callable[[int], str] | None = None,
) -> WriteLink | None:
    """Where to write to the person a task is about: the message thread when they are a
    connected member, otherwise a prepared email when their address is known;
    ``thread``, ``profile``: the thread's and the profile's URL from a profile's id."""
    contact = followup.contact
    if contact is None:
        return None
    member = contact.member
    if member is not None and member.pk in connected and hasattr(member, "profile"):
        url = (thread or _reverse_for("thread"))(member.profile.pk)
        return WriteLink(url, "Write it now", False)
    if contact.email:
        subject, body = _email_text(owner, followup, contact.name)
        url = f"mailto:{quote(contact.email, safe='@')}?subject={quote(subject, safe='')}"
        return WriteLink(f"{url}&body={quote(body, safe='')}", "Write it now", True)
    if member is not None and hasattr(member, "profile"):
        url = (profile or _reverse_for("member_detail"))(member.profile.pk)
        return WriteLink(url, "Open their profile", False)
    return None


@dataclass(frozen=True)
class TaskLinks:
    """The list page's links of a task: its actions and the contact's page."""

    done: str
    snooze: str
    dismiss: str
    contact: str | None


# Stands for an id in a reversed URL (see ``_url_for_ids``): its last occurrence is the
# id's place, as no digits follow the id in these patterns.
_SLOT = 987654321987654321


def _url_for_ids(name: str) -> Callable[[int], str]:
    """``reverse(name, args=[pk])`` for any number of ids at the cost of one reverse:
    the URL is reversed once with a placeholder id, which each id then takes the place
    of (the patterns take one ``<int:…>``, so the text around it is the same)."""
    head, _, tail = reverse(name, args=[_SLOT]).rpartition(str(_SLOT))
    return lambda pk: f"{head}{pk}{tail}"


def _task_links() -> Callable[[FollowUp], TaskLinks]:
    done, snooze = _url_for_ids("followup_done"), _url_for_ids("followup_snooze")
    dismiss, contact = _url_for_ids("followup_dismiss"), _url_for_ids("contact_detail")

    def links(task: FollowUp) -> TaskLinks:
        return TaskLinks(
            done(task.pk),
            snooze(task.pk),
            dismiss(task.pk),
            contact(task.contact_id) if task.contact_id is not None else None,
        )

    return links


@dataclass(frozen=True)
class TaskRow:
    """A task as the lists show it: what is due in it, and how to write to them now."""

    task: FollowUp
    due_items: list[str]
    write: WriteLink | None
    links: TaskLinks | None = None


def task_rows(
    owner: User,
    tasks: Iterable[FollowUp],
    *,
    with_links: bool = False,
    connected: set[int] | None = None,
    all_open: bool = False,
) -> list[TaskRow]:
    """Each task with what is due (a bundle's steps and the open favours promised to the
    same person) and its "write it now" link; ``with_links``: the list page's links too;
    ``connected``: the owner's connected member ids, where the caller has read them;
    ``all_open``: the tasks are all the owner's open ones in ``followups_of``'s order (the
    list page's), so the favours promised are among them and no query reads them."""
    tasks = list(tasks)
    if not tasks:
        return []
    links = _task_links() if with_links else None
    if connected is None:
        connected = connected_ids(owner)
    promised: dict[int, list[str]] = {}
    contact_ids = {
        t.contact_id
        for t in tasks
        if t.kind == FollowUp.Kind.AFTER_MEETING and t.contact_id is not None
    }
    if contact_ids:
        favours = (
            (
                (t.contact_id, t.title)
                for t in tasks
                if t.contact_id in contact_ids
                and t.kind == FollowUp.Kind.PROMISE
                and t.owed_by == FollowUp.OwedBy.ME
            )
            if all_open
            else followups_of(owner)
            .filter(
                contact_id__in=contact_ids, kind=FollowUp.Kind.PROMISE, owed_by=FollowUp.OwedBy.ME
            )
            .values_list("contact_id", "title")
        )
        for contact_id, title in favours:
            promised.setdefault(contact_id, []).append(f"promised favour: {title}")
    thread, profile = _lazy_url_for_ids("thread"), _lazy_url_for_ids("member_detail")
    rows = []
    for task in tasks:
        items = list(task.steps or [])
        if task.kind == FollowUp.Kind.AFTER_MEETING and task.contact_id:
            items += promised.get(task.contact_id, [])
        rows.append(
            TaskRow(
                task,
                items,
                write_link(owner, task, connected, thread=thread, profile=profile),
                links(task) if links is not None else None,
            )
        )
    return rows
