"""The follow-through card reads its three rates and the member's connections in one
statement: its figures must stay those of the selectors that count them one by one, right
after each write, and the "write it now" links must stay the task list's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection as db
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection, Message
from mensch.connections.services import connection_create
from mensch.contacts.services import contact_for_member
from mensch.followups import dashboard, selectors
from mensch.followups.models import FollowUp
from mensch.followups.services import followup_create
from mensch.introductions.services import introduction_decline, introduction_request
from mensch.meetings.models import ScheduledMeeting
from mensch.meetings.proposals import scheduled_meeting_answer
from tests.factories import make_member
from tests.meetings.conftest import connection
from tests.meetings.test_proposals import book

__all__ = ["connection"]


def _rates(card_context: dict[str, object]) -> tuple[object, ...]:
    return (
        card_context["introductions"],
        card_context["messages"],
        card_context["meetings_kept"],
    )


def _expected(owner: User) -> tuple[object, ...]:
    return (
        selectors.introduction_response_rate(owner),
        selectors.message_response_rate(owner),
        selectors.meetings_kept_rate(owner),
    )


def _card(owner: User) -> dict[str, object]:
    card = dashboard.card(owner)
    assert card is not None
    return dict(card.context)


def test_rates_stay_those_of_the_selectors_after_each_write(owner: User, connection: User) -> None:
    assert _rates(_card(owner)) == _expected(owner)
    ana, bo = make_member("Ana"), make_member("Bo")
    introduction_request(requester=ana, recipient=owner, reason="Ana would like Dana's advice.")
    intro = introduction_request(
        requester=bo, recipient=owner, reason="Bo runs a print shop and wants to partner."
    )
    assert _rates(_card(owner)) == _expected(owner)
    introduction_decline(introduction_id=intro.pk, member=owner)
    thread = connection_create(member=owner, other=ana, source=Connection.Source.EVENT)
    for sender in (ana, ana, owner, ana):
        Message.objects.create(connection=thread, sender=sender, body="hello")
    other = Connection.objects.get(
        member_low__in=[owner, connection], member_high__in=[owner, connection]
    )
    for sender in (owner, connection, owner):
        Message.objects.create(connection=other, sender=sender, body="hi")
    # An old message does not count (the last 90 days only).
    old = Message.objects.create(connection=other, sender=connection, body="long ago")
    Message.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=200))
    context = _card(owner)
    assert _rates(context) == _expected(owner)
    rates = _rates(context)
    assert [(r.done, r.total) for r in rates] == [(1, 2), (2, 3), (0, 0)]  # type: ignore[attr-defined]

    meeting = book(owner, connection)
    ScheduledMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=2)
    )
    scheduled_meeting_answer(member=connection, meeting_id=meeting.pk, happened=False)
    second = book(connection, owner)
    ScheduledMeeting.objects.filter(pk=second.pk).update(
        starts_at=timezone.now() - timedelta(hours=2)
    )
    scheduled_meeting_answer(member=connection, meeting_id=second.pk, happened=True)
    # The other side of a meeting sees it from theirs.
    assert _rates(_card(owner)) == _expected(owner)
    assert _rates(_card(connection)) == _expected(connection)
    kept = _card(owner)["meetings_kept"]
    assert (kept.done, kept.total) == (1, 2)  # type: ignore[attr-defined]


def test_write_links_stay_those_of_the_task_list(owner: User, connection: User) -> None:
    today = timezone.localdate()
    rui = contact_for_member(owner=owner, member=connection)
    followup_create(owner=owner, contact=rui, title="Send the deck", due_on=today)
    followup_create(
        owner=owner,
        contact=rui,
        title="Thank Rui",
        due_on=today,
        kind=FollowUp.Kind.AFTER_MEETING,
    )
    followup_create(
        owner=owner, contact=rui, title="The intro", due_on=today, kind=FollowUp.Kind.PROMISE
    )
    stranger = make_member("Zoe", email="zoe@example.org")
    zoe = contact_for_member(owner=owner, member=stranger)
    followup_create(owner=owner, contact=zoe, title="Write to Zoe", due_on=today)
    rows = _card(owner)["next"]
    tasks = selectors.tasks_by_ids(owner, [row.task.pk for row in rows])  # type: ignore[attr-defined]
    expected = selectors.task_rows(owner, tasks)
    assert [(r.task.pk, r.due_items, r.write) for r in rows] == [  # type: ignore[attr-defined]
        (r.task.pk, r.due_items, r.write) for r in expected
    ]
    # Rui is connected: the thread; Zoe is not and has no address: her profile.
    thread = reverse("thread", args=[connection.profile.pk])
    assert thread in {r.write.url for r in rows if r.write}  # type: ignore[attr-defined]
    assert ["promised favour: The intro"] in [r.due_items for r in rows]  # type: ignore[attr-defined]


@pytest.mark.parametrize("queries", [1])
def test_rates_and_connections_are_one_query(owner: User, queries: int) -> None:
    dashboard.card(owner)
    with CaptureQueriesContext(db) as captured:
        dashboard._Figures(owner)
    assert len(captured) == queries
