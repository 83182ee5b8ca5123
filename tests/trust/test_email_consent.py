"""Every email Mensch sends carries a one-click way out that works."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.notifications.models import EmailPreference
from mensch.notifications.services import email_preference_update, notify

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def immediate_tasks(settings: object) -> None:
    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }


def _send_notification(member: User) -> None:
    notify(recipient=member, kind="introduction_requested", title="Sam asks to meet you")


def _send_digest(member: User) -> None:
    digest = pytest.importorskip("mensch.followups.digest")
    from mensch.followups.models import FollowUp

    email_preference_update(member=member, daily_digest=True)
    today = timezone.localdate()
    FollowUp.objects.create(
        owner=member,
        title="Send Sam the thank-you note",
        due_on=today - timedelta(days=1),
        original_due_on=today - timedelta(days=1),
    )
    assert digest.digest_send(member=member, today=today)


@pytest.mark.parametrize(
    ("send", "topic"), [(_send_notification, "notifications"), (_send_digest, "daily_digest")]
)
def test_every_email_kind_has_working_one_click_unsubscribe(
    send: object, topic: str, owner: User, immediate_tasks: None
) -> None:
    send(owner)  # type: ignore[operator]
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    header = email.extra_headers["List-Unsubscribe"]
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = header.strip("<>")
    assert link in email.body
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = Client().post(f"/{path}")  # one click, no login: RFC 8058
    assert response.status_code == 200
    assert getattr(EmailPreference.objects.get(member=owner), topic) is False


def test_no_digest_for_a_member_who_did_not_opt_in(owner: User, immediate_tasks: None) -> None:
    digest = pytest.importorskip("mensch.followups.digest")
    assert digest.digests_send() == 0
    assert mail.outbox == []
