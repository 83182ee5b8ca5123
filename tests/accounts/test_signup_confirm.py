"""A new address is confirmed by email before any account exists (issue 12, finding 13).

Sign-up answers the same page for a new and a registered address; the new one gets a
signed, expiring, one-time link that makes the account and signs the member in.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.test import Client

from mensch.accounts import services
from mensch.accounts.models import PendingSignup, User
from mensch.profiles.models import Profile
from tests.factories import PASSWORD

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LINK = re.compile(r"https?://[^/\s]+(/signup/confirm/\S+/)")


def sign_up(client: Client, email: str, first_name: str = "Zelda", password: str = PASSWORD) -> Any:
    return client.post(
        "/signup/",
        {"first_name": first_name, "last_name": "Quux", "email": email, "password": password},
    )


def link_in(message: mail.EmailMessage) -> str:
    found = LINK.search(str(message.body))
    assert found is not None, message.body
    return found.group(1)


def comparable(page: bytes, email: str) -> bytes:
    """The page with the address and the per-response CSRF token blanked out."""
    page = page.replace(email.encode(), b"<address>")
    return re.sub(rb'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', rb"\1-", page)


def test_new_and_registered_address_get_the_same_page(owner: User) -> None:
    new = sign_up(Client(), "zelda@example.org")
    registered = sign_up(Client(), "dana@example.org")
    assert new.status_code == registered.status_code == 200
    assert comparable(new.content, "zelda@example.org") == comparable(
        registered.content, "dana@example.org"
    )
    assert "We sent a link to <strong>zelda@example.org</strong>" in new.content.decode()
    # The same kinds of cookies come back (a session for both), so headers tell nothing either.
    assert sorted(new.cookies) == sorted(registered.cookies)
    # Each owner got their email: the link for the new address, a note for the member.
    assert sorted(m.to[0] for m in mail.outbox) == ["dana@example.org", "zelda@example.org"]


def test_new_address_is_not_signed_in_and_cannot_log_in_before_confirming() -> None:
    client = Client()
    sign_up(client, "zelda@example.org")
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="zelda@example.org").exists()
    response = client.post("/login/", {"username": "zelda@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Confirm your address first — we can send the link again." in page
    assert 'action="/signup/resend/"' in page


def test_the_emailed_link_makes_the_account_and_signs_in_once(settings: object) -> None:
    from mensch import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS  # type: ignore[attr-defined]
    client = Client()
    sign_up(client, "Zelda@Example.org")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zelda@example.org"]
    assert "48 hours" in str(message.body)
    link = link_in(message)

    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/profile/"
    user = User.objects.get(email="zelda@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert Profile.objects.filter(user=user).exists()
    assert user.password.startswith("argon2$")
    assert "Welcome to Mensch" in client.get("/profile/").content.decode()
    assert not PendingSignup.objects.exists()
    # The password chosen at sign-up logs in from anywhere now.
    other = Client()
    other.post("/login/", {"username": "zelda@example.org", "password": PASSWORD})
    assert other.session["_auth_user_id"] == str(user.pk)

    # The link works once: used again, in any browser, it is refused with a clear page.
    for again in (client, Client()):
        reused = again.get(link)
        assert reused.status_code == 410
        assert "This link was already used" in reused.content.decode()
    assert User.objects.filter(email="zelda@example.org").count() == 1


def test_an_expired_link_is_refused_with_a_button_for_a_new_one(settings: object) -> None:
    settings.SIGNUP_CONFIRM_HOURS = 2  # type: ignore[attr-defined]
    client = Client()
    sign_up(client, "zelda@example.org")
    link = link_in(mail.outbox[0])
    later = time.time() + 3 * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(link)
    assert response.status_code == 410
    page = response.content.decode()
    assert "This link has expired" in page
    assert not User.objects.exists()
    assert "_auth_user_id" not in client.session

    button = re.search(r'action="(/signup/resend/)".*?name="email" value="([^"]+)"', page, re.S)
    assert button is not None
    assert button.group(2) == "zelda@example.org"
    client.post(button.group(1), {"email": button.group(2)})
    assert len(mail.outbox) == 2
    fresh = client.get(link_in(mail.outbox[1]))
    assert fresh["Location"] == "/profile/"
    assert User.objects.filter(email="zelda@example.org").exists()


def test_a_tampered_link_is_refused_with_a_clear_page() -> None:
    client = Client()
    sign_up(client, "zelda@example.org")
    link = link_in(mail.outbox[0])
    response = client.get(link[:-6] + "xxxxx/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert not User.objects.exists()


def test_a_stranger_who_signed_up_with_your_address_cannot_set_its_password() -> None:
    stranger = Client()
    sign_up(stranger, "zelda@example.org", first_name="Mallory", password="mallory's own secret")
    # The owner of the address opens the link in her own browser, not the stranger's.
    owner = Client()
    link = link_in(mail.outbox[0])
    page = owner.get(link)
    assert page.status_code == 200
    assert "choose your password here" in page.content.decode()
    assert "_auth_user_id" not in owner.session
    assert not User.objects.exists()
    finished = owner.post(
        link, {"first_name": "Zelda", "last_name": "Quux", "password": "zelda's long password"}
    )
    assert finished["Location"] == "/profile/"
    user = User.objects.get(email="zelda@example.org")
    assert user.first_name == "Zelda"
    assert owner.session["_auth_user_id"] == str(user.pk)
    assert not user.check_password("mallory's own secret")
    stranger.post("/login/", {"username": "zelda@example.org", "password": "mallory's own secret"})
    assert "_auth_user_id" not in stranger.session


def test_signing_up_again_with_a_waiting_address_sends_the_link_again() -> None:
    client = Client()
    sign_up(client, "zelda@example.org", password="first long password")
    sign_up(client, "zelda@example.org", password="second long password")
    assert [m.to for m in mail.outbox] == [["zelda@example.org"], ["zelda@example.org"]]
    assert PendingSignup.objects.count() == 1
    client.get(link_in(mail.outbox[0]))
    user = User.objects.get(email="zelda@example.org")
    assert user.check_password("second long password")  # the latest sign-up counts


def test_an_unconfirmed_sign_up_is_invisible_in_the_directory_and_the_api(
    login_as: Callable[[User], Client], owner: User
) -> None:
    sign_up(Client(), "zelda@example.org")
    viewer = login_as(owner)
    directory = viewer.get("/members/", {"q": "Quux"}).content.decode()
    assert "Zelda" not in directory
    _, secret = services.api_token_create(user=owner, name="test")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    found = api.get("/api/v1/members", {"q": "Quux"}).json()
    assert found["count"] == 0
    assert "Zelda" not in str(found)
    everyone = api.get("/api/v1/members").json()
    assert "Zelda" not in str(everyone)


def test_the_link_again_from_the_login_page_answers_alike_for_any_address(owner: User) -> None:
    client = Client()
    sign_up(client, "zelda@example.org")
    mail.outbox.clear()

    waiting = Client().post("/signup/resend/", {"email": "zelda@example.org"})
    unknown = Client().post("/signup/resend/", {"email": "nobody@example.org"})
    assert waiting.status_code == unknown.status_code == 200
    assert comparable(waiting.content, "zelda@example.org") == comparable(
        unknown.content, "nobody@example.org"
    )
    assert [m.to for m in mail.outbox] == [["zelda@example.org"]]
    assert client.get(link_in(mail.outbox[0]))["Location"] == "/profile/"


def test_the_link_again_is_throttled_per_client_and_per_address(settings: object) -> None:
    settings.PASSWORD_RESETS_PER_CLIENT_PER_HOUR = 2  # type: ignore[attr-defined]
    settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = 2  # type: ignore[attr-defined]
    sign_up(Client(REMOTE_ADDR="198.51.100.7"), "zelda@example.org")  # one email
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [
        client.post("/signup/resend/", {"email": "zelda@example.org"}).status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert (
        "Too many links were asked for"
        in client.post("/signup/resend/", {"email": "x@example.org"}).content.decode()
    )
    # Two emails an hour to one address, however many clients ask.
    assert len(mail.outbox) == 2
