from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client

from mensch.accounts.models import User
from mensch.notifications.emails import unsubscribe_token
from mensch.notifications.models import Notification
from mensch.notifications.services import email_preference, notify
from mensch.notifications.tasks import send_notification_email

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def immediate_tasks(settings: object) -> None:
    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }


def test_notification_email_has_a_working_one_click_unsubscribe(
    client: Client, owner: User, immediate_tasks: None
) -> None:
    notify(recipient=owner, kind="test", title="Rui asks to be introduced to you")
    body = mail.outbox[0].body
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    assert link in body
    path = link.removeprefix("http://127.0.0.1:8000")
    # What a mail client does for RFC 8058 one-click: a POST with no session or CSRF token.
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert "You are unsubscribed" in response.content.decode()
    assert email_preference(owner).notifications is False
    notify(recipient=owner, kind="test", title="Another one")
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=owner).count() == 2


def test_tampered_unsubscribe_link_changes_nothing(client: Client, owner: User) -> None:
    token = unsubscribe_token(owner, "notifications")
    response = client.post(f"/email/unsubscribe/{token[:-2]}xx/")
    assert response.status_code == 400
    assert email_preference(owner).notifications is True


def test_email_task_sends_once_even_when_run_twice(owner: User, settings: object) -> None:
    notification = Notification.objects.create(recipient=owner, kind="test", title="Hello")
    assert send_notification_email.call(notification.pk) is True
    assert send_notification_email.call(notification.pk) is False
    assert len(mail.outbox) == 1


def test_digest_is_opt_in(owner: User) -> None:
    assert email_preference(owner).daily_digest is False


def test_members_see_only_their_own_notifications(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    notify(recipient=owner, kind="test", title="Private: Rui wants to meet", email=False)
    assert "Rui wants to meet" not in login_as(stranger).get("/notifications/").content.decode()
    assert login_as(stranger).get("/api/v1/notifications").json() == []
    assert login_as(stranger).post(
        "/api/v1/notifications/read", {}, content_type="application/json"
    ).json() == {"marked": 0}
    assert Notification.objects.get().read_at is None
    assert "Rui wants to meet" in login_as(owner).get("/notifications/").content.decode()


def test_unread_badge_counts_and_clears(login_as: Callable[[User], Client], owner: User) -> None:
    notify(recipient=owner, kind="test", title="One", email=False)
    notify(recipient=owner, kind="test", title="Two", email=False)
    client = login_as(owner)
    assert 'aria-label="2 unread"' in client.get("/dashboard/").content.decode()
    client.post("/notifications/read/")
    assert "unread" not in client.get("/dashboard/").content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_notification_list_query_count(
    login_as: Callable[[User], Client],
    owner: User,
    count: int,
    django_assert_num_queries: Callable[..., object],
) -> None:
    for number in range(count):
        notify(recipient=owner, kind="test", title=f"Note {number}", email=False)
    client = login_as(owner)
    with django_assert_num_queries(4):  # session, user, list, unread badge
        html = client.get("/notifications/").content.decode()
    assert html.count('class="card notification unread"') == count
