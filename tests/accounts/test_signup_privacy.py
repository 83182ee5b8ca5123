"""Sign-up does not tell a stranger whether an address has an account (issue 12, finding 13)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from mensch.accounts.models import User
from tests.factories import PASSWORD

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_signing_up_with_a_registered_address_says_check_your_email(owner: User) -> None:
    client = Client()
    response = client.post(
        "/signup/",
        {"first_name": "Mallory", "email": "DANA@example.org", "password": PASSWORD},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Check your email" in page
    assert "already" not in page.lower()
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(email__iexact="dana@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.first_name == "Dana"
    # The owner of the address is told, and only they.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dana@example.org"]
    assert "You already have an account" in mail.outbox[0].body
    assert "/password-reset/" in mail.outbox[0].body


def test_other_mistakes_are_shown_before_the_address_is_looked_at(owner: User) -> None:
    response = Client().post(
        "/signup/", {"first_name": "Mallory", "email": "dana@example.org", "password": "short"}
    )
    assert "too short" in response.content.decode()
    assert mail.outbox == []


def test_the_owner_gets_only_a_few_such_emails_an_hour(settings: object, owner: User) -> None:
    settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = 2  # type: ignore[attr-defined]
    for n in range(4):
        response = Client(REMOTE_ADDR=f"203.0.113.{n + 1}").post(
            "/signup/", {"first_name": "Mallory", "email": "dana@example.org", "password": PASSWORD}
        )
        assert "Check your email" in response.content.decode()
    assert len(mail.outbox) == 2
