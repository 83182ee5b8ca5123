"""A NUL byte or a line break where a single line belongs: a clear answer, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from mensch.accounts.models import ApiToken, User
from mensch.accounts.services import member_signup
from tests.factories import PASSWORD, make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def member() -> User:
    return make_member("Nina", email="nina@example.org", headline="Bookkeeper")


def test_a_nul_in_an_api_token_name_is_refused(member: User) -> None:
    client = Client()
    client.force_login(member)
    answer = client.post("/api/v1/tokens", {"name": "laptop\x00"}, content_type="application/json")
    assert answer.status_code == 422
    assert "name" in answer.json()["errors"]
    assert not ApiToken.objects.filter(user=member).exists()


@pytest.mark.parametrize("parameter", ["q", "industry", "location"])
def test_a_nul_in_the_member_search_api_is_refused(member: User, parameter: str) -> None:
    client = Client()
    client.force_login(member)
    answer = client.get("/api/v1/members", {parameter: "book\x00"})
    assert answer.status_code == 422
    assert parameter in answer.json()["errors"]


def test_a_nul_in_the_directory_search_is_dropped(member: User) -> None:
    make_member("Bo", headline="Bookkeeping for studios")
    client = Client()
    client.force_login(member)
    answer = client.get("/members/", {"q": "Book\x00keeping"})
    assert answer.status_code == 200
    assert "Bookkeeping for studios" in answer.content.decode()


def test_a_line_break_in_a_name_at_sign_up_becomes_one_line() -> None:
    user = member_signup(
        email="line@example.org", password=PASSWORD, first_name="Ana\r\nBcc: x", last_name="Li\n"
    )
    assert "\n" not in user.first_name
    assert "\r" not in user.first_name
    assert user.last_name == "Li"
