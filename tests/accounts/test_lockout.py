"""The log-in lock-out holds for an account in every letter case (issue 12, finding 1)."""

from __future__ import annotations

import pytest
from django.test import Client

from mensch.accounts.models import User
from tests.factories import PASSWORD

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

WRONG = "not the password at all"


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_right_password_in_another_case_is_locked_out_too(owner: User) -> None:
    client = Client()
    for _ in range(5):
        client.post("/login/", {"username": "dana@example.org", "password": WRONG})
    response = client.post("/login/", {"username": "DANA@Example.ORG", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert not logged_in(client)


def test_other_letter_cases_get_no_fresh_allowance(owner: User) -> None:
    client = Client()
    spellings = ["dana@example.org", "Dana@example.org", "DANA@example.org", "dAna@example.org"]
    for spelling in [*spellings, "danA@EXAMPLE.org"]:
        client.post("/login/", {"username": spelling, "password": WRONG})
    response = client.post("/login/", {"username": "dana@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert not logged_in(client)


def test_below_the_limit_the_right_password_in_any_case_logs_in(owner: User) -> None:
    client = Client()
    for _ in range(4):
        client.post("/login/", {"username": "DANA@example.org", "password": WRONG})
    response = client.post("/login/", {"username": "Dana@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert logged_in(client)
