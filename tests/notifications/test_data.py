from __future__ import annotations

import json

import pytest

from mensch.accounts.models import User
from mensch.notifications.data import member_data
from mensch.notifications.models import EmailPreference
from mensch.notifications.services import email_preference_update, notify

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_member_data_has_own_notifications_and_preferences_not_strangers(
    owner: User, stranger: User
) -> None:
    notify(recipient=owner, kind="message", title="New message from Ben", body="Coffee?", url="/x/")
    notify(recipient=stranger, kind="message", title="A stranger's private news", email=False)
    email_preference_update(member=owner, daily_digest=True)

    data = member_data(owner)

    notifications = data["notifications"]
    assert isinstance(notifications, list)
    assert len(notifications) == 1
    assert notifications[0]["title"] == "New message from Ben"
    assert notifications[0]["body"] == "Coffee?"
    assert notifications[0]["read_at"] is None
    assert data["email_preferences"] == {"notifications": True, "daily_digest": True}
    assert "A stranger's private news" not in json.dumps(data)


def test_member_data_of_a_createsuperuser_account_is_empty_and_writes_nothing(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    assert member_data(admin) == {
        "notifications": [],
        "email_preferences": {"notifications": True, "daily_digest": False},
    }
    assert not EmailPreference.objects.filter(member=admin).exists()
