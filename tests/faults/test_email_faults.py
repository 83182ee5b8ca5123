"""Faults: emails survive a killed worker and a mail server that is down for a while.

Each test drives django-tasks-db's real worker loop (see ``run_worker`` in conftest) and
counts what reached the mailbox: exactly one email, never zero, never two.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mensch.accounts.models import User
from mensch.core.tasks import tasks_requeue_stuck
from mensch.followups.digest import digest_retry, digests_send
from mensch.followups.models import DailyDigest
from mensch.followups.services import followup_create
from mensch.notifications.models import Notification
from mensch.notifications.services import email_preference_update, notify
from mensch.notifications.tasks import EMAIL_LEASE, send_notification_email
from tests.faults.conftest import ready_tasks
from tests.faults.mailfaults import FlakyEmailBackend, WorkerKilled

pytestmark = [pytest.mark.fault, pytest.mark.integration, pytest.mark.django_db]


def pause_passes() -> None:
    """The backoff pause is over: every booked task is due now."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def test_worker_killed_mid_email_sends_it_once_after_the_lease(
    owner: User, run_worker: Callable[[], int], settings: object
) -> None:
    notification = notify(recipient=owner, kind="test", title="Rui wants to meet you")
    (task,) = ready_tasks()
    # A worker took the task and claimed the email, then was killed with kill -9 in the middle
    # of the SMTP conversation: the task row stays RUNNING and the email is claimed, unsent.
    started = timezone.now() - timedelta(seconds=settings.TASK_LEASE_SECONDS + 1)  # type: ignore[attr-defined]
    DBTaskResult.objects.filter(pk=task.pk).update(
        status="RUNNING", started_at=started, worker_ids=["killed-worker"]
    )
    Notification.objects.filter(pk=notification.pk).update(
        email_claimed_at=started, email_attempts=1
    )

    assert run_worker() == 0  # nothing is READY: the dead worker's task waits for its lease
    assert tasks_requeue_stuck() == 1
    assert run_worker() == 1

    assert [message.subject for message in mail.outbox] == ["Rui wants to meet you"]
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert notification.email_claimed_at is None
    assert notification.email_attempts == 2
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert task.worker_ids == ["killed-worker", "test-worker"]
    # Recovery and workers running again change nothing: once, not twice.
    assert tasks_requeue_stuck() == 0
    assert send_notification_email.call(notification.pk) is False
    assert run_worker() == 0
    assert len(mail.outbox) == 1


def test_a_claim_younger_than_the_lease_is_not_taken_and_is_checked_again_later(
    owner: User, run_worker: Callable[[], int]
) -> None:
    notification = notify(recipient=owner, kind="test", title="Hello")
    claimed_at = timezone.now() - timedelta(minutes=1)
    Notification.objects.filter(pk=notification.pk).update(email_claimed_at=claimed_at)

    assert run_worker() == 1  # another worker is sending it right now: not this one
    assert mail.outbox == []
    (check,) = ready_tasks()
    assert check.run_after == claimed_at + EMAIL_LEASE  # looked at again when the claim expires

    pause_passes()  # ... and that worker died: its claim has expired by then
    Notification.objects.filter(pk=notification.pk).update(
        email_claimed_at=claimed_at - EMAIL_LEASE
    )
    assert run_worker() == 1
    assert len(mail.outbox) == 1


def test_a_task_whose_worker_keeps_dying_fails_visibly_instead_of_looping(
    owner: User, settings: object
) -> None:
    notify(recipient=owner, kind="test", title="Hello")
    started = timezone.now() - timedelta(seconds=settings.TASK_LEASE_SECONDS + 1)  # type: ignore[attr-defined]
    DBTaskResult.objects.update(
        status="RUNNING", started_at=started, worker_ids=[f"w{n}" for n in range(5)]
    )
    assert tasks_requeue_stuck() == 1
    task = DBTaskResult.objects.get()
    assert task.status == "FAILED"
    assert "stopped before finishing it 5 times" in task.traceback


def test_smtp_down_then_up_sends_the_email_once(
    owner: User, run_worker: Callable[[], int], flaky_mail: type[FlakyEmailBackend]
) -> None:
    flaky_mail.failures = 3
    notification = notify(recipient=owner, kind="test", title="Rui wants to meet you")

    pauses = []
    for _ in range(3):
        assert run_worker() == 1
        assert mail.outbox == []
        (retry,) = ready_tasks()
        pauses.append(round((retry.run_after - timezone.now()).total_seconds() / 60))
        notification.refresh_from_db()
        assert notification.email_error.startswith("SMTPServerDisconnected")
        assert notification.emailed_at is None
        pause_passes()
    assert pauses == [1, 2, 4]  # it backs off

    assert run_worker() == 1
    assert [message.subject for message in mail.outbox] == ["Rui wants to meet you"]
    assert flaky_mail.attempts == 4
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert notification.email_error == ""
    assert notification.email_failed_at is None
    assert ready_tasks() == []
    assert run_worker() == 0
    assert len(mail.outbox) == 1


def test_smtp_down_for_good_records_the_failure_after_the_last_attempt(
    owner: User,
    run_worker: Callable[[], int],
    flaky_mail: type[FlakyEmailBackend],
    settings: object,
) -> None:
    settings.EMAIL_ATTEMPTS = 3  # type: ignore[attr-defined]
    flaky_mail.failures = 100
    notification = notify(recipient=owner, kind="test", title="Hello")
    for _ in range(3):
        assert run_worker() == 1
        pause_passes()
    assert run_worker() == 0  # no further attempt is booked
    assert flaky_mail.attempts == 3
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.email_failed_at is not None
    assert notification.emailed_at is None
    assert notification.email_error.startswith("SMTPServerDisconnected")
    last = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert last is not None
    assert last.status == "FAILED"
    assert last.exception_class_path == "smtplib.SMTPServerDisconnected"


@pytest.fixture
def digest_member(owner: User) -> User:
    """A member who opted in to the digest and has a follow-up due today."""
    email_preference_update(member=owner, daily_digest=True)
    followup_create(owner=owner, title="Send the deck", due_on=timezone.localdate())
    return owner


def test_digest_smtp_down_then_up_is_sent_once(
    digest_member: User,
    stranger: User,
    run_worker: Callable[[], int],
    flaky_mail: type[FlakyEmailBackend],
) -> None:
    flaky_mail.failures = 2
    assert digests_send() == 0
    assert not DailyDigest.objects.exists()  # nothing recorded as sent
    (retry,) = ready_tasks()
    assert retry.task_path == digest_retry.module_path
    pause_passes()
    assert run_worker() == 1  # second attempt fails too, a third is booked
    pause_passes()
    assert run_worker() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [digest_member.email]
    assert DailyDigest.objects.filter(member=digest_member).count() == 1
    # The daily job running again (a requeued task, a second worker) sends nothing more.
    assert digests_send() == 0
    assert len(mail.outbox) == 1


def test_digest_of_a_worker_killed_mid_send_goes_out_when_the_job_runs_again(
    digest_member: User, settings: object
) -> None:
    settings.MAILERS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "tests.faults.mailfaults.DyingEmailBackend"}
    }
    with pytest.raises(WorkerKilled):
        digests_send(today=date.today())
    # The killed worker's transaction never committed: the digest is not recorded as sent.
    assert not DailyDigest.objects.exists()

    settings.MAILERS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    assert digests_send(today=date.today()) == 1
    assert digests_send(today=date.today()) == 0
    assert len(mail.outbox) == 1
