"""People to meet: each suggestion's links (their page, asking for an introduction) are
reversed once per page and still lead where ``{% url %}`` led."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from mensch.accounts.models import User
from mensch.matching.services import matches_recompute
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_each_suggestion_links_to_their_page_and_an_introduction(
    login_as: Callable[[User], Client], owner: User
) -> None:
    rui = make_member(
        "Rui",
        industry="Accounting",
        asks=[("supplier", "a designer to refresh our brand")],
        offers=[("supplier", "bookkeeping and tax returns for small studios")],
    )
    make_member(
        "Lena",
        industry="Accounting",
        asks=[("client", "restaurants needing payroll")],
        offers=[("supplier", "bookkeeping for small businesses")],
    )
    matches_recompute()
    html = login_as(owner).get("/people-to-meet/").content.decode()
    pk = rui.profile.pk
    assert f'<h2><a href="{reverse("member_detail", args=[pk])}">Rui Example</a></h2>' in html
    assert f'href="{reverse("introduction_request", args=[pk])}">Ask for an introduction' in html
