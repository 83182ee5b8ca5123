from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.followups.digest import digest_send, digests_send, reminders_notify
from mensch.followups.models import DailyDigest, FollowUp
from mensch.followups.selectors import (
    followup_rate,
    introduction_response_rate,
    message_response_rate,
)
from mensch.followups.services import (
    followup_complete,
    followup_create,
    followup_dismiss,
    followup_snooze,
    promise_log,
)
from mensch.notifications.models import Notification
from mensch.notifications.services import email_preference_update
from tests.factories import make_member
from tests.followups.conftest import confirm_meeting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Login = Callable[[User], Client]


def _at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_snooze_moves_the_due_date_and_done_after_that_is_late(
    owner: User, rui: Contact, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = datetime(2025, 5, 1, 9, tzinfo=UTC)
    _at(monkeypatch, start)
    task = followup_create(owner=owner, contact=rui, title="Send the deck", due_on=start.date())
    followup_snooze(followup=task, days=3)
    assert str(task.due_on) == "2025-05-04"
    _at(monkeypatch, start + timedelta(days=3))
    followup_complete(followup=task)
    on_time = followup_create(
        owner=owner, title="Call Rui", due_on=start.date() + timedelta(days=5)
    )
    followup_complete(followup=on_time)
    dismissed = followup_create(owner=owner, title="Skip", due_on=start.date())
    followup_dismiss(followup=dismissed)
    rate = followup_rate(owner)
    assert (rate.done, rate.total, rate.percent) == (1, 2, 50)


def test_closed_tasks_cannot_be_closed_again(owner: User) -> None:
    task = followup_create(owner=owner, title="Thank Ana", due_on=timezone.localdate())
    followup_complete(followup=task)
    with pytest.raises(ValidationError, match="already done"):
        followup_dismiss(followup=task)
    with pytest.raises(ValidationError):
        followup_snooze(followup=task, days=0)


def test_promises_both_ways_are_tasks_but_only_mine_count_in_my_rate(
    owner: User, rui: Contact
) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    promise_log(owner=owner, contact=rui, text="Send the deck", owed_by="me", due_on=yesterday)
    promise_log(owner=owner, contact=rui, text="Intro to CFO", owed_by="them", due_on=yesterday)
    assert list(FollowUp.objects.values_list("kind", "owed_by", "title")) == [
        ("promise", "me", "Send the deck"),
        ("promise", "them", "Intro to CFO"),
    ]
    assert (followup_rate(owner).done, followup_rate(owner).total) == (0, 1)
    with pytest.raises(ValidationError):
        promise_log(owner=owner, contact=rui, text="", owed_by="me")


def test_a_meeting_confirmed_twice_creates_its_tasks_once(owner: User) -> None:
    from mensch.followups.services import followups_for_meeting

    ana = make_member("Ana")
    meeting = confirm_meeting(owner, ana)
    contact = Contact.objects.get(owner=owner, member=ana)
    assert followups_for_meeting(owner=owner, contact=contact, meeting_id=meeting.pk) == []
    assert FollowUp.objects.filter(owner=owner).count() == 1


def test_reminders_notify_in_the_app_once_per_due_date(owner: User, rui: Contact) -> None:
    today = timezone.localdate()
    task = followup_create(owner=owner, contact=rui, title="Send the deck", due_on=today)
    followup_create(owner=owner, title="Later", due_on=today + timedelta(days=2))
    assert reminders_notify() == 1
    assert reminders_notify() == 0
    assert list(Notification.objects.filter(recipient=owner).values_list("title", flat=True)) == [
        "Due today: Send the deck"
    ]
    followup_snooze(followup=task, days=1)
    assert reminders_notify(today=today + timedelta(days=1)) == 1
    assert not mail.outbox  # reminders are in-app; email is the daily digest only


def test_digest_goes_once_a_day_to_members_who_opted_in(
    owner: User, stranger: User, rui: Contact
) -> None:
    today = timezone.localdate()
    followup_create(
        owner=owner, contact=rui, title="Send the deck", due_on=today - timedelta(days=2)
    )
    followup_create(owner=stranger, title="Stranger's task", due_on=today)
    email_preference_update(member=owner, daily_digest=True)
    # Two workers run the daily job "at the same time": one digest.
    assert digests_send() == 1
    assert digests_send() == 0
    assert digest_send(member=owner) is False
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dana@example.org"]
    assert message.subject.endswith(": 1 to do")
    assert "- Send the deck (Rui Almeida)" in message.body
    assert "(1 overdue)" in message.body
    assert "Stranger's task" not in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert "/email/unsubscribe/" in unsubscribe
    assert DailyDigest.objects.filter(member=owner, day=today).count() == 1


def test_digest_claim_is_one_row_per_member_and_day_even_if_both_workers_got_past_the_filter(
    owner: User, rui: Contact
) -> None:
    followup_create(owner=owner, contact=rui, title="Send the deck", due_on=timezone.localdate())
    email_preference_update(member=owner, daily_digest=True)
    # Both workers selected the member before either claimed: the unique row decides.
    first, second = digest_send(member=owner), digest_send(member=owner)
    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1


def test_digest_unsubscribe_link_turns_it_off(client: Client, owner: User, rui: Contact) -> None:
    followup_create(owner=owner, contact=rui, title="Send the deck", due_on=timezone.localdate())
    email_preference_update(member=owner, daily_digest=True)
    digests_send()
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    client.post(link.split("127.0.0.1:8000")[-1])
    owner.email_preference.refresh_from_db()
    assert owner.email_preference.daily_digest is False


def test_nobody_gets_a_digest_without_opting_in_or_with_nothing_due(
    owner: User, rui: Contact
) -> None:
    followup_create(owner=owner, contact=rui, title="Send the deck", due_on=timezone.localdate())
    assert digests_send() == 0
    email_preference_update(member=owner, daily_digest=True)
    FollowUp.objects.all().delete()
    assert digests_send() == 0
    assert not mail.outbox


def test_daily_task_runs_reminders_and_digests(owner: User, rui: Contact) -> None:
    from mensch.core.tasks import run_periodic

    followup_create(owner=owner, contact=rui, title="Send the deck", due_on=timezone.localdate())
    email_preference_update(member=owner, daily_digest=True)
    assert run_periodic.call("followups") == {"reminders": 1, "digests": 1, "strengths": 1}
    assert len(mail.outbox) == 1


def test_response_rates(owner: User) -> None:
    from mensch.connections.models import Connection, Message
    from mensch.connections.services import connection_create
    from mensch.introductions.services import introduction_decline, introduction_request

    ana, bo = make_member("Ana"), make_member("Bo")
    introduction_request(
        requester=ana, recipient=owner, reason="Ana would like Dana's advice on branding a bakery."
    )
    intro = introduction_request(
        requester=bo,
        recipient=owner,
        reason="Bo runs a print shop and wants to partner with designers.",
    )
    introduction_decline(introduction_id=intro.pk, member=owner)
    rate = introduction_response_rate(owner)
    assert (rate.done, rate.total) == (1, 2)
    connection = connection_create(member=owner, other=ana, source=Connection.Source.EVENT)
    for sender in (ana, ana, owner, ana):
        Message.objects.create(connection=connection, sender=sender, body="hello")
    rate = message_response_rate(owner)
    assert (rate.done, rate.total) == (1, 2)
