"""A new password revokes the member's API tokens and tells them (issue 12, finding 6)."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from mensch.accounts.models import ApiToken, User
from mensch.accounts.services import api_token_create
from tests.factories import PASSWORD

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NEW_PASSWORD = "a brand new long password 77"


def api_status(secret: str) -> int:
    return Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code


def test_password_reset_revokes_every_token_and_emails_the_member(
    owner: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    _, laptop = api_token_create(user=owner, name="laptop")
    _, server = api_token_create(user=owner, name="server")
    assert api_status(laptop) == 200
    client = Client()
    client.post("/password-reset/", {"email": "dana@example.org"})
    link = re.search(r"http://[^/]+(/password-reset/\S+/\S+/)", mail.outbox[0].body)
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            form_page.redirect_chain[-1][0],
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            follow=True,
        )
    assert "API tokens you had are revoked" in done.content.decode()
    assert api_status(laptop) == 401
    assert api_status(server) == 401
    assert not ApiToken.objects.filter(user=owner, revoked_at__isnull=True).exists()
    notice = mail.outbox[-1]
    assert notice.to == ["dana@example.org"]
    assert "2 API tokens were revoked" in notice.body
    assert "/settings/tokens/" in notice.body


def test_a_password_changed_by_command_revokes_tokens_too(
    owner: User,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    _, secret = api_token_create(user=owner, name="laptop")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": NEW_PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("changepassword", "dana@example.org", stdout=StringIO())
    assert api_status(secret) == 401
    assert "API token was revoked" in mail.outbox[-1].body


def test_tokens_made_after_the_new_password_work(owner: User) -> None:
    _, old = api_token_create(user=owner, name="old")
    owner.set_password(NEW_PASSWORD)
    owner.save()
    _, new = api_token_create(user=owner, name="new")
    assert api_status(old) == 401
    assert api_status(new) == 200


def test_other_saves_and_new_accounts_revoke_nothing_and_send_nothing(
    owner: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    _, secret = api_token_create(user=owner, name="laptop")
    with django_capture_on_commit_callbacks(execute=True):
        owner.first_name = "Danielle"
        owner.save()
        User.objects.create_user("new@example.org", PASSWORD, first_name="New")
    assert api_status(secret) == 200
    assert mail.outbox == []
