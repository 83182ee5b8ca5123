"""Cancelling an event asks for confirmation and a message, and can be undone for a few
minutes before anyone is told (issue 14)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mensch.accounts.models import User
from mensch.events import cancel_notices, services
from mensch.events.models import Event
from mensch.notifications.models import Notification

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Login = Callable[[User], Client]
Capture = Callable[..., object]


@pytest.fixture(autouse=True)
def _tasks_in_the_database(settings: object) -> None:
    # The notification is a deferred job: the database backend keeps it until its time.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # type: ignore[attr-defined]


def _later(minutes: int = 6) -> datetime:
    return timezone.now() + timedelta(minutes=minutes)


def test_cancel_button_asks_for_confirmation_with_a_message_field(
    login_as: Login, event: Event, attendees: list[User]
) -> None:
    client = login_as(event.organizer)
    manage = client.get(f"/events/{event.pk}/manage/").content.decode()
    assert f'href="/events/{event.pk}/cancel/"' in manage
    page = client.get(f"/events/{event.pk}/cancel/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Cancel Referral breakfast?" in html
    assert 'name="message"' in html
    assert "told in 5 minutes" in html
    event.refresh_from_db()
    assert event.status == "published"


def test_attendees_are_told_with_the_message_only_after_the_undo_window(
    login_as: Login,
    django_capture_on_commit_callbacks: Capture,
    event: Event,
    attendees: list[User],
) -> None:
    client = login_as(event.organizer)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        response = client.post(
            f"/events/{event.pk}/cancel/", {"message": "The venue flooded; we will reschedule."}
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert not Notification.objects.filter(kind="event_cancelled").exists()
    booked = DBTaskResult.objects.get(task_path__endswith="cancel_notices.notify_cancellation")
    assert booked.run_after == event.cancel_notify_after
    assert cancel_notices.event_cancel_notify(event_id=event.pk) == 0  # too early
    assert cancel_notices.event_cancel_notify(event_id=event.pk, now=_later()) == 3
    told = Notification.objects.filter(kind="event_cancelled")
    assert told.count() == 3
    assert {n.body for n in told} == {"The venue flooded; we will reschedule."}
    assert cancel_notices.event_cancel_notify(event_id=event.pk, now=_later()) == 0  # once


def test_undo_within_the_window_puts_the_event_back_and_nobody_is_told(
    login_as: Login, event: Event, attendees: list[User]
) -> None:
    client = login_as(event.organizer)
    client.post(f"/events/{event.pk}/cancel/", {"message": "Sorry."})
    manage = client.get(f"/events/{event.pk}/manage/").content.decode()
    assert "Undo cancel" in manage
    client.post(f"/events/{event.pk}/cancel/undo/")
    event.refresh_from_db()
    assert event.status == "published"
    assert cancel_notices.event_cancel_notify(event_id=event.pk, now=_later()) == 0
    assert not Notification.objects.filter(kind="event_cancelled").exists()
    assert "Undo cancel" not in client.get(f"/events/{event.pk}/manage/").content.decode()


def test_undo_after_attendees_were_told_is_refused(event: Event, attendees: list[User]) -> None:
    services.event_cancel(event=event, message="Sorry.")
    cancel_notices.event_cancel_notify(event_id=event.pk, now=_later())
    with pytest.raises(ValidationError, match="already been told"):
        services.event_cancel_undo(event=event)
    event.refresh_from_db()
    assert event.status == "cancelled"


def test_only_its_organizer_can_undo(
    login_as: Login, event: Event, attendees: list[User], other_organizer: User
) -> None:
    services.event_cancel(event=event)
    assert login_as(attendees[0]).post(f"/events/{event.pk}/cancel/undo/").status_code == 403
    assert login_as(other_organizer).post(f"/events/{event.pk}/cancel/undo/").status_code == 404
    event.refresh_from_db()
    assert event.status == "cancelled"


def test_a_message_with_markup_is_refused(
    login_as: Login, event: Event, attendees: list[User]
) -> None:
    response = login_as(event.organizer).post(
        f"/events/{event.pk}/cancel/", {"message": "<script>alert(1)</script>"}
    )
    assert response.status_code == 422
    event.refresh_from_db()
    assert event.status == "published"
