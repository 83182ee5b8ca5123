"""The Django admin at /admin/ (mensch/urls.py routes it; see mensch/accounts/admin.py)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from mensch.accounts.models import User
from mensch.connections.services import connection_create, message_send
from tests.factories import PASSWORD, make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def superuser() -> User:
    return User.objects.create_superuser("ada@example.org", PASSWORD, first_name="Ada")


@pytest.fixture
def staff_client(login_as: Callable[[User], Client], superuser: User) -> Client:
    return login_as(superuser)


def test_staff_open_the_admin_and_the_member_list(staff_client: Client, owner: User) -> None:
    assert staff_client.get("/admin/").status_code == 200
    response = staff_client.get("/admin/accounts/user/")
    assert response.status_code == 200
    assert owner.email in response.content.decode()
    assert staff_client.get(f"/admin/accounts/user/{owner.pk}/change/").status_code == 200


def test_the_admin_loads_its_files_under_the_content_security_policy(
    staff_client: Client, owner: User
) -> None:
    for url in ("/admin/", f"/admin/accounts/user/{owner.pk}/change/"):
        response = staff_client.get(url)
        assert "script-src 'self'" in response["Content-Security-Policy"]
        html = response.content.decode()
        assert "<style" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url  # no inline script
    assert "/static/admin/css/base.css" in html
    assert staff_client.get("/static/admin/css/base.css").status_code == 200


def test_a_member_who_is_not_staff_is_sent_to_the_admin_login(
    login_as: Callable[[User], Client], stranger: User
) -> None:
    response = login_as(stranger).get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


def test_every_registered_list_opens(staff_client: Client, owner: User) -> None:
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert staff_client.get(url).status_code == 200, url


def test_staff_add_a_member_who_gets_a_profile(staff_client: Client) -> None:
    response = staff_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "Nia@Example.org",
            "first_name": "Nia",
            "last_name": "Okoro",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302, response.content.decode()
    member = User.objects.get(email="nia@example.org")
    assert member.profile is not None
    assert member.check_password(PASSWORD)


def test_private_message_bodies_are_never_shown(
    staff_client: Client, owner: User, stranger: User
) -> None:
    connection_create(member=owner, other=stranger, source="introduction")
    body = "Lovely to meet you yesterday, shall we find a time for coffee next week?"
    message = message_send(sender=owner, recipient=stranger, body=body, confirm_pitch=True)
    listing = staff_client.get("/admin/connections/message/")
    page = staff_client.get(f"/admin/connections/message/{message.pk}/change/")
    assert listing.status_code == page.status_code == 200
    assert "coffee" not in listing.content.decode()
    assert "coffee" not in page.content.decode()


def test_profile_pages_hide_private_contact_details(staff_client: Client, owner: User) -> None:
    page = staff_client.get(f"/admin/profiles/profile/{owner.profile.pk}/change/").content.decode()
    assert owner.profile.headline in page
    assert "dana.private@example.org" not in page
    assert "+351 21 000 0000" not in page


def test_records_kept_by_the_services_are_view_only(staff_client: Client) -> None:
    member = make_member("Kim")
    token_list = staff_client.get("/admin/accounts/apitoken/").content.decode()
    assert "/admin/accounts/apitoken/add/" not in token_list
    assert staff_client.get("/admin/introductions/introduction/add/").status_code == 403
    assert staff_client.get(f"/admin/accounts/user/{member.pk}/change/").status_code == 200
