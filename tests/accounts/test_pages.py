from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client

from mensch.accounts.models import ApiToken, User
from mensch.profiles.models import Profile
from tests.factories import PASSWORD

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_signup_creates_member_with_profile_and_logs_in_from_the_emailed_link(
    client: Client, settings: object
) -> None:
    from mensch import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS  # type: ignore[attr-defined]
    response = client.post(
        "/signup/",
        {
            "first_name": "Ines",
            "last_name": "Costa",
            "email": "Ines@Example.org",
            "password": PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    link = re.search(r"http://[^/]+(/signup/confirm/\S+/)", mail.outbox[0].body)
    assert link is not None
    response = client.get(link.group(1))
    assert response.status_code == 302
    assert response["Location"] == "/profile/"
    user = User.objects.get(email="ines@example.org")
    assert Profile.objects.filter(user=user).exists()
    assert user.password.startswith("argon2$")
    assert "Ines" in client.get("/dashboard/").content.decode()


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"password": "short"}, "too short"),
        ({"first_name": "<script>alert(1)</script>"}, "plain text"),
        ({"first_name": "x" * 81}, "at most 80 characters"),
        ({"email": "not-an-email"}, "valid email"),
    ],
)
def test_signup_with_bad_input_shows_error_and_creates_nothing(
    client: Client, owner: User, data: dict[str, str], field_message: str
) -> None:
    form = {"first_name": "Ines", "email": "ines@example.org", "password": PASSWORD, **data}
    before = User.objects.count()
    response = client.post("/signup/", form)
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert User.objects.count() == before
    assert Profile.objects.count() == before


def test_login_page_logs_in_with_email_and_password(client: Client, owner: User) -> None:
    response = client.post("/login/", {"username": "DANA@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_login_is_locked_after_five_failures_even_with_right_password(
    client: Client, owner: User
) -> None:
    for _ in range(5):
        failed = client.post("/login/", {"username": "dana@example.org", "password": "wrong!"})
        assert "_auth_user_id" not in client.session
    assert failed.status_code in {200, 429}
    response = client.post("/login/", {"username": "dana@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed log-ins" in response.content.decode()


def test_logout_ends_the_session(login_as: Callable[[User], Client], owner: User) -> None:
    client = login_as(owner)
    client.post("/logout/")
    assert client.get("/dashboard/")["Location"].startswith("/login/")


def test_password_reset_sends_one_email_whose_link_sets_a_new_password(
    client: Client, owner: User
) -> None:
    client.post("/password-reset/", {"email": "dana@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://[^/]+(/password-reset/\S+/\S+/)", mail.outbox[0].body)
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    new_password = "another long password 99"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    owner.refresh_from_db()
    assert owner.check_password(new_password)


def test_password_reset_for_unknown_email_sends_nothing(client: Client, owner: User) -> None:
    response = client.post("/password-reset/", {"email": "nobody@example.org"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


def test_token_page_shows_secret_once_and_it_works_on_the_api(
    login_as: Callable[[User], Client], owner: User
) -> None:
    client = login_as(owner)
    page = client.post("/settings/tokens/", {"name": "laptop"}).content.decode()
    secret = re.search(r'id="new-token">(mensch_[^<]+)<', page)
    assert secret is not None
    assert secret.group(1) not in client.get("/settings/tokens/").content.decode()
    api = Client()
    response = api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret.group(1)}"})
    assert response.json()["name"] == "Dana Okafor"


def test_token_revoked_on_page_stops_working(
    login_as: Callable[[User], Client], owner: User
) -> None:
    client = login_as(owner)
    page = client.post("/settings/tokens/", {"name": "ci"}).content.decode()
    secret = re.search(r'id="new-token">(mensch_[^<]+)<', page).group(1)  # type: ignore[union-attr]
    token = ApiToken.objects.get(user=owner)
    client.post(f"/settings/tokens/{token.pk}/revoke/")
    response = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401


def test_stranger_cannot_revoke_owners_token(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    login_as(owner).post("/settings/tokens/", {"name": "mine"})
    token = ApiToken.objects.get(user=owner)
    response = login_as(stranger).post(f"/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.is_active
    assert "mine" not in login_as(stranger).get("/settings/tokens/").content.decode()


@pytest.mark.parametrize("url", ["/dashboard/", "/profile/", "/members/", "/settings/tokens/"])
def test_private_pages_send_anonymous_visitors_to_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
