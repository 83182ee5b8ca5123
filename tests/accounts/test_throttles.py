"""Throttles beyond the per-account lock-out (issue 12, findings 10 and 12)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from mensch.accounts.models import PendingSignup, User
from tests.factories import PASSWORD, make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

WRONG = "not the password at all"


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_password_spraying_from_one_client_is_paused(settings: object, owner: User) -> None:
    settings.LOGIN_CLIENT_FAILURE_LIMIT = 3  # type: ignore[attr-defined]
    victims = [make_member(f"Victim{i}", email=f"victim{i}@example.org") for i in range(3)]
    sprayer = Client(REMOTE_ADDR="203.0.113.7")
    for victim in victims:  # one guess per account: axes alone never trips
        response = sprayer.post("/login/", {"username": victim.email, "password": WRONG})
        assert response.status_code == 200
    response = sprayer.post("/login/", {"username": "dana@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many log-ins failed from your network" in response.content.decode()
    assert not logged_in(sprayer)
    # Someone else, elsewhere, still logs in.
    other = Client(REMOTE_ADDR="198.51.100.20")
    other.post("/login/", {"username": "dana@example.org", "password": PASSWORD})
    assert logged_in(other)


def test_password_reset_sends_a_few_emails_per_address_and_answers_the_same(
    settings: object, owner: User
) -> None:
    settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = 2  # type: ignore[attr-defined]
    answers = []
    for n in range(4):  # from four different clients: the address is what counts
        client = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        response = client.post("/password-reset/", {"email": "DANA@example.org"})
        answers.append((response.status_code, response["Location"]))
    assert answers == [(302, "/password-reset/sent/")] * 4
    assert len(mail.outbox) == 2


def test_password_reset_requests_from_one_client_are_limited(settings: object, owner: User) -> None:
    settings.PASSWORD_RESETS_PER_CLIENT_PER_HOUR = 2  # type: ignore[attr-defined]
    members = [make_member(f"Member{i}", email=f"member{i}@example.org") for i in range(3)]
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [
        client.post("/password-reset/", {"email": member.email}).status_code for member in members
    ]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2
    last = client.post("/password-reset/", {"email": "dana@example.org"})
    assert "Too many password resets" in last.content.decode()
    assert len(mail.outbox) == 2


def signup_form(n: int) -> dict[str, str]:
    return {"first_name": f"New{n}", "email": f"new{n}@example.org", "password": PASSWORD}


def test_signup_is_rate_limited_per_client(settings: object) -> None:
    settings.SIGNUPS_PER_CLIENT_PER_HOUR = 2  # type: ignore[attr-defined]
    statuses = [
        Client(REMOTE_ADDR="203.0.113.50").post("/signup/", signup_form(n)).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert PendingSignup.objects.filter(email__startswith="new").count() == 2
    blocked = Client(REMOTE_ADDR="203.0.113.50").post("/signup/", signup_form(9))
    assert "Too many accounts were created from your network" in blocked.content.decode()
    elsewhere = Client(REMOTE_ADDR="198.51.100.1").post("/signup/", signup_form(10))
    assert elsewhere.status_code == 200
    assert PendingSignup.objects.filter(email__startswith="new").count() == 3


def test_seventy_five_signups_from_one_address_make_at_most_the_allowance() -> None:
    for n in range(75):
        Client(REMOTE_ADDR="203.0.113.60").post("/signup/", signup_form(n))
    assert PendingSignup.objects.filter(email__startswith="new").count() == 5  # per hour
