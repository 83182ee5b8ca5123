"""The list page's tasks, read in one statement written out (``task_page``), are the
ORM's (``task_list``): the same tasks in the same order, the same fields, contact, member,
profile and event, nothing read again on use, and the same rows; the favours promised are
the same whether queried or taken from the page's own tasks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection as db
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.services import connection_create
from mensch.contacts.models import Contact
from mensch.contacts.services import contact_create, contact_for_member
from mensch.followups import selectors
from mensch.followups.models import FollowUp
from mensch.followups.services import (
    chosen_reminders_per_day,
    followup_create,
    reminders_per_day_set,
)
from mensch.profiles.models import Profile
from tests.contacts.conftest import make_event
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def _seen(task: FollowUp) -> tuple[object, ...]:
    """What the list page reads of a task, its contact, member, profile and event."""
    contact = task.contact
    member = contact.member if contact is not None else None
    has_profile = member is not None and hasattr(member, "profile")
    return (
        task.pk,
        task.owner_id,
        task.contact_id,
        task.kind,
        task.owed_by,
        task.title,
        task.due_on,
        task.status,
        task.event_id,
        task.steps,
        contact and (contact.pk, contact.name, contact.email, contact.member_id),
        member and member.pk,
        has_profile and member.profile.pk,  # type: ignore[union-attr]
        task.event and task.event.title,
    )


@pytest.fixture
def tasks(owner: User) -> None:
    """Every kind of task the page shows: with and without a contact, a member contact
    (connected or not, with or without a profile), an event, steps, closed ones and a
    stranger's."""
    today = timezone.localdate()
    friend = make_member("Rui", last_name="Costa", email="rui@example.org")
    connection_create(member=owner, other=friend, source="introduction")
    rui = contact_for_member(owner=owner, member=friend)
    gone = make_member("Gil", email="gil@example.org")
    gil = contact_for_member(owner=owner, member=gone)
    Profile.objects.filter(user=gone).delete()
    ana = contact_create(owner=owner, name="Ana & Bo", email="ana@example.org")
    plain = contact_create(owner=owner, name="No Address")
    event = make_event(owner, title="Breakfast & <talk>")
    followup_create(
        owner=owner,
        contact=rui,
        kind=FollowUp.Kind.AFTER_MEETING,
        title="Thank Rui",
        due_on=today - timedelta(days=3),
        event=event,
        steps=["thank-you note", "send the deck"],
    )
    followup_create(
        owner=owner,
        contact=rui,
        kind=FollowUp.Kind.PROMISE,
        title="Send the intro",
        due_on=today + timedelta(days=2),
    )
    followup_create(
        owner=owner,
        contact=rui,
        kind=FollowUp.Kind.PROMISE,
        owed_by=FollowUp.OwedBy.THEM,
        title="Their favour",
        due_on=today,
    )
    followup_create(
        owner=owner, contact=ana, kind=FollowUp.Kind.AFTER_MEETING, title="Thank Ana", due_on=today
    )
    followup_create(owner=owner, contact=gil, title="Write to Gil", due_on=today)
    followup_create(owner=owner, contact=plain, title="Call", due_on=today - timedelta(days=1))
    followup_create(owner=owner, title="Alone", due_on=today + timedelta(days=9), event=event)
    closed = followup_create(owner=owner, title="Closed", due_on=today - timedelta(days=2))
    FollowUp.objects.filter(pk=closed.pk).update(status=FollowUp.Status.DONE)  # type: ignore[union-attr]
    # What the rate counts, or not: done on time, done late, done before falling due,
    # dismissed, owed by them, and done near midnight (judged in the member's zone).
    now = timezone.now()
    for title, owed_by, status, due_days, done_days in [
        ("On time", FollowUp.OwedBy.ME, FollowUp.Status.DONE, -5, -6),
        ("Late", FollowUp.OwedBy.ME, FollowUp.Status.DONE, -5, -2),
        ("Early", FollowUp.OwedBy.ME, FollowUp.Status.DONE, 4, -1),
        ("Dismissed", FollowUp.OwedBy.ME, FollowUp.Status.DISMISSED, -3, None),
        ("Theirs", FollowUp.OwedBy.THEM, FollowUp.Status.DONE, -3, -4),
    ]:
        task = followup_create(owner=owner, title=title, due_on=today, owed_by=owed_by)
        FollowUp.objects.filter(pk=task.pk).update(  # type: ignore[union-attr]
            status=status,
            original_due_on=today + timedelta(days=due_days),
            done_at=None if done_days is None else now + timedelta(days=done_days),
        )
    other = make_member("Zoe", email="zoe@example.org")
    theirs = Contact.objects.create(owner=other, name="Someone")
    followup_create(owner=other, contact=theirs, title="Not yours", due_on=today)


@pytest.mark.usefixtures("tasks")
@pytest.mark.parametrize("overdue_only", [False, True])
def test_task_page_lists_those_of_task_list(owner: User, overdue_only: bool) -> None:
    expected = [_seen(t) for t in selectors.task_list(owner, overdue_only=overdue_only)]
    found = selectors.task_page(owner, overdue_only=overdue_only).tasks
    with CaptureQueriesContext(db) as captured:
        seen = [_seen(t) for t in found]
    assert seen == expected
    assert len(captured) == 0
    assert len(seen) == (2 if overdue_only else 7)


@pytest.mark.usefixtures("tasks")
@pytest.mark.parametrize("overdue_only", [False, True])
@pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "America/Adak"])
def test_rate_is_that_of_followup_rate(owner: User, overdue_only: bool, zone: str) -> None:
    with timezone.override(zone):
        rate = selectors.task_page(owner, overdue_only=overdue_only).rate
        assert rate == selectors.followup_rate(owner)
    if zone == "UTC":
        # Four open ones fallen due, the closed one, the three done by me (two in time);
        # not the dismissed one or theirs.
        assert (rate.done, rate.total) == (2, 8)


@pytest.mark.usefixtures("tasks")
@pytest.mark.parametrize("overdue_only", [False, True])
def test_rows_are_those_of_task_list(owner: User, overdue_only: bool) -> None:
    def shown(rows: list[selectors.TaskRow]) -> list[tuple[object, ...]]:
        return [(r.task.pk, r.due_items, r.write, r.links) for r in rows]

    expected = selectors.task_rows(
        owner, selectors.task_list(owner, overdue_only=overdue_only), with_links=True
    )
    rows = selectors.task_rows(
        owner,
        selectors.task_page(owner, overdue_only=overdue_only).tasks,
        with_links=True,
        all_open=not overdue_only,
    )
    assert shown(rows) == shown(expected)
    writes = {r.task.title: r.write for r in rows}
    assert writes["Thank Rui"] is not None
    assert "/connections/" in writes["Thank Rui"].url
    assert writes["Call"] is None
    if not overdue_only:
        assert writes["Thank Ana"] is not None
        assert writes["Thank Ana"].is_email
        assert writes["Write to Gil"] is None  # no address, no profile
        due = {r.task.title: r.due_items for r in rows}
        assert due["Thank Rui"] == [
            "thank-you note",
            "send the deck",
            "promised favour: Send the intro",
        ]


@pytest.mark.usefixtures("tasks")
def test_favours_from_the_page_cost_no_query(owner: User) -> None:
    tasks = selectors.task_page(owner).tasks
    connected = selectors.connected_ids(owner)
    with CaptureQueriesContext(db) as captured:
        selectors.task_rows(owner, tasks, connected=connected, all_open=True)
    assert len(captured) == 0
    with CaptureQueriesContext(db) as captured:
        selectors.task_rows(owner, tasks, connected=connected)
    assert len(captured) == 1


def test_no_tasks(owner: User) -> None:
    for overdue_only in (False, True):
        page = selectors.task_page(owner, overdue_only=overdue_only)
        assert page.tasks == []
        assert page.rate == selectors.Rate(0, 0)


@pytest.mark.parametrize("with_tasks", [False, True])
@pytest.mark.parametrize("per_day", [None, 0, 5])
def test_reminders_and_connections_are_those_of_their_reads(
    owner: User, with_tasks: bool, per_day: int | None
) -> None:
    """With or without tasks, a preference or not (kept at the default, or a number):
    the member's choice and connections, either side of each connection, no one else's."""
    if with_tasks:
        followup_create(owner=owner, title="Call", due_on=timezone.localdate())
    ana, bo, zoe = make_member("Ana"), make_member("Bo"), make_member("Zoe")
    connection_create(member=owner, other=ana, source="introduction")
    connection_create(member=bo, other=owner, source="event")
    connection_create(member=ana, other=zoe, source="event")
    if per_day != 0:
        reminders_per_day_set(member=owner, per_day=per_day)
    reminders_per_day_set(member=zoe, per_day=50)
    for overdue_only in (False, True):
        page = selectors.task_page(owner, overdue_only=overdue_only)
        assert page.chosen_reminders == chosen_reminders_per_day(owner)
        assert page.connected == selectors.connected_ids(owner) == {ana.pk, bo.pk}
    assert page.chosen_reminders == (per_day or None)
    assert selectors.task_page(zoe).chosen_reminders == 50
    assert selectors.task_page(zoe).connected == {ana.pk}


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow_with_tasks(
    owner: User,
    login_as: Callable[[User], Client],
    count: int,
    django_assert_num_queries: Any,
) -> None:
    friend = make_member("Rui", email="rui@example.org")
    connection_create(member=owner, other=friend, source="introduction")
    rui = contact_for_member(owner=owner, member=friend)
    for number in range(count):
        followup_create(
            owner=owner,
            contact=rui,
            kind=FollowUp.Kind.AFTER_MEETING,
            title=f"Task {number}",
            due_on=timezone.localdate() + timedelta(days=number - 1),
        )
    client = login_as(owner)
    # session, user, the page's one statement, unread badge; on the overdue page, the
    # favours promised (they need not be overdue)
    for url, queries in (("/followups/", 4), ("/followups/overdue/", 5)):
        with django_assert_num_queries(queries):
            html = client.get(url).content.decode()
        assert "Task 0" in html
    assert html.count('<li class="task') == 1  # the one overdue
    assert client.get("/followups/").content.decode().count('<li class="task') == count
