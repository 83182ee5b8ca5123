from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from mensch.accounts.models import User
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_home_shows_community_figures_to_visitors(client: Client, owner: User) -> None:
    html = client.get("/").content.decode()
    assert "Meet the people you should meet" in html
    assert '<span class="figure-value">1</span><span class="figure-label">members</span>' in html


def test_home_sends_members_to_their_dashboard(
    login_as: Callable[[User], Client], owner: User
) -> None:
    assert login_as(owner).get("/")["Location"] == "/dashboard/"


def test_dashboard_shows_profile_completeness_and_own_items(
    login_as: Callable[[User], Client], owner: User
) -> None:
    html = login_as(owner).get("/dashboard/").content.decode()
    assert "Hello, Dana" in html
    # headline, an ask and an offer are filled; goals and languages are not.
    assert "60% complete" in html
    assert "someone to keep my studio&#x27;s books" in html


def test_dashboard_lists_newcomers_nearby_but_not_private_details(
    login_as: Callable[[User], Client], owner: User
) -> None:
    make_member(
        "Rui",
        location="Lisbon, Portugal",
        headline="Bookkeeper",
        contact_email="rui.secret@example.org",
    )
    html = login_as(owner).get("/dashboard/").content.decode()
    assert "New in Lisbon, Portugal" in html
    assert "Rui" in html
    assert "rui.secret@example.org" not in html


def test_pages_send_a_strict_content_security_policy(client: Client) -> None:
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
