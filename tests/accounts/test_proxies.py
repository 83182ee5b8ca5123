"""Behind a reverse proxy the client comes from X-Forwarded-For, of trusted proxies only
(issue 12, finding 12): the lock-out and the throttles use that one address."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from mensch.accounts.models import User
from mensch.core.client import client_ip
from tests.factories import PASSWORD

WRONG = "not the password at all"


def ip(remote: str, forwarded: str | None = None) -> str:
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers))


@pytest.mark.unit
@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("10.0.0.1", "198.51.100.4", "198.51.100.4"),  # through the proxy
        ("10.0.0.1", "6.6.6.6, 198.51.100.4", "198.51.100.4"),  # a forged hop stays left
        ("10.0.0.1", "198.51.100.4, 10.0.0.2", "198.51.100.4"),  # two proxies of ours
        ("10.0.0.1", "not-an-address, 198.51.100.4", "198.51.100.4"),
        ("10.0.0.1", "[2001:db8::7]:443", "2001:db8::7"),
        ("10.0.0.1", None, "10.0.0.1"),  # the proxy itself asking
        ("203.0.113.9", "198.51.100.4", "203.0.113.9"),  # not a proxy: the header is a lie
    ],
)
def test_client_address_believes_only_trusted_proxies(
    settings: object, remote: str, forwarded: str | None, expected: str
) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]  # type: ignore[attr-defined]
    assert ip(remote, forwarded) == expected


@pytest.mark.unit
def test_without_trusted_proxies_the_header_is_ignored() -> None:
    assert ip("203.0.113.9", "198.51.100.4") == "203.0.113.9"


def attempt(forwarded: str, username: str, password: str) -> Client:
    client = Client(REMOTE_ADDR="10.0.0.1", headers={"X-Forwarded-For": forwarded})
    client.post("/login/", {"username": username, "password": password})
    return client


@pytest.mark.integration
@pytest.mark.django_db
def test_one_client_behind_the_proxy_does_not_lock_out_the_others(
    settings: object, owner: User
) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]  # type: ignore[attr-defined]
    for _ in range(5):
        attempt("198.51.100.66", "dana@example.org", WRONG)
    assert "_auth_user_id" not in attempt("198.51.100.66", "dana@example.org", PASSWORD).session
    assert "_auth_user_id" in attempt("198.51.100.4", "dana@example.org", PASSWORD).session


@pytest.mark.integration
@pytest.mark.django_db
def test_a_direct_client_cannot_escape_the_lock_out_by_forging_the_header(
    settings: object, owner: User
) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]  # type: ignore[attr-defined]
    for n in range(5):
        Client(REMOTE_ADDR="203.0.113.9", headers={"X-Forwarded-For": f"1.2.3.{n}"}).post(
            "/login/", {"username": "dana@example.org", "password": WRONG}
        )
    forged = Client(REMOTE_ADDR="203.0.113.9", headers={"X-Forwarded-For": "9.9.9.9"})
    response = forged.post("/login/", {"username": "dana@example.org", "password": PASSWORD})
    assert response.status_code == 429
