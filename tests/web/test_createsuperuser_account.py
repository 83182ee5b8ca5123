"""An account made by ``createsuperuser`` (no sign-up) can use every page a member reaches
from the dashboard: it gets its empty profile like every account."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.profiles.models import Profile
from tests.factories import make_superuser

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LINK = re.compile(r'<a\s[^>]*href="(/[^"#]*)"')
# Files, not pages, and places outside the member's pages.
SKIP = ("/static/", "/api/", "/admin/")


@pytest.fixture
def root() -> User:
    return make_superuser()


def test_createsuperuser_account_has_an_empty_profile(root: User) -> None:
    profile = Profile.objects.get(user=root)
    assert profile.headline == ""
    assert not profile.asks.exists()


def _links(html: str) -> set[str]:
    return {url for url in LINK.findall(html) if not url.startswith(SKIP)}


def test_createsuperuser_account_opens_every_page_linked_from_the_dashboard(
    login_as: Callable[[User], Client], root: User
) -> None:
    client = login_as(root)
    dashboard = client.get("/dashboard/")
    assert dashboard.status_code == 200
    # Two steps: the dashboard's links (navigation and cards), then the links on those pages.
    seen = {"/dashboard/"}
    frontier = _links(dashboard.content.decode())
    for _ in range(2):
        found: set[str] = set()
        for url in sorted(frontier - seen):
            seen.add(url)
            response = client.get(url)
            assert response.status_code < 500, url
            assert response.status_code in (200, 302), (url, response.status_code)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                found |= _links(response.content.decode())
        frontier = found
    # The walk reached the member's main pages.
    assert {"/profile/", "/contacts/", "/followups/", "/settings/export/"} <= seen
