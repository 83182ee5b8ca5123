"""Cancellation notices are sent even when their deferred job is lost: a periodic sweep
sends each notice whose undo window passed, once (issue 14)."""

from __future__ import annotations

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mensch.accounts.models import User
from mensch.core.tasks import periodic_jobs
from mensch.events import cancel_notices, services
from mensch.events.models import Event
from mensch.notifications.models import Notification
from tests.workers import run_tasks_now

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _tasks_in_the_database(settings: object) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # type: ignore[attr-defined]


def _later(minutes: int = 6) -> datetime:
    return timezone.now() + timedelta(minutes=minutes)


def _told() -> int:
    return Notification.objects.filter(kind="event_cancelled").count()


def test_a_lost_notice_job_is_sent_by_the_sweep_once(event: Event, attendees: list[User]) -> None:
    # Not run on commit here: the booked job never exists, as when the queue lost it.
    services.event_cancel(event=event, message="The venue flooded.")
    assert not DBTaskResult.objects.exists()
    assert cancel_notices.cancel_notices_sweep() == 0  # the undo window is still open
    assert _told() == 0
    assert cancel_notices.cancel_notices_sweep(now=_later()) == 3
    assert cancel_notices.cancel_notices_sweep(now=_later()) == 0
    assert _told() == 3
    event.refresh_from_db()
    assert event.cancel_notified_at is not None


def test_the_job_and_the_sweep_both_running_tell_attendees_once(
    django_capture_on_commit_callbacks: object,
    event: Event,
    attendees: list[User],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.event_cancel(event=event, message="Sorry.")
    Event.objects.filter(pk=event.pk).update(cancel_notify_after=timezone.now())
    DBTaskResult.objects.update(run_after=timezone.now())
    assert cancel_notices.cancel_notices_sweep() == 3
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        run_tasks_now()
    job = DBTaskResult.objects.get(task_path__endswith="cancel_notices.notify_cancellation")
    assert (job.status, job.return_value) == ("SUCCESSFUL", 0)  # it ran and found it done
    assert _told() == 3


def test_an_undone_cancellation_is_never_swept(event: Event, attendees: list[User]) -> None:
    services.event_cancel(event=event, message="Sorry.")
    services.event_cancel_undo(event=event)
    assert cancel_notices.cancel_notices_sweep(now=_later()) == 0
    assert _told() == 0


def test_the_sweep_is_a_periodic_job() -> None:
    assert periodic_jobs()["cancel_notices"].job == (
        "mensch.events.cancel_notices.cancel_notices_sweep"
    )
