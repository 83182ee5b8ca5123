"""The directory's cards of a search: where PostgreSQL ranks the need, the page, its cards
and the count come from one statement (``selectors.MemberResults.cards``). They must be
the members, the order and the texts the search lists through its querysets, and never an
inactive or hidden member."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from mensch.accounts.models import User
from mensch.profiles import selectors
from mensch.profiles.services import profile_update
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NEED = "a pricing coach for freelancers"


@pytest.fixture
def peers() -> list[User]:
    """Members who match the need more and less well, a tie among them, several asks and
    offers each; one inactive and one hidden member who match it best."""
    cache.clear()  # no word frequencies from another test's members
    made = [
        make_member(
            "Pia",
            last_name="Coach",
            headline="Pricing coach for freelancers",
            asks=[("advice", "freelancers to coach"), ("supplier", "a pricing tool & more")],
            offers=[("mentor", "pricing"), ("advice", "coaching for freelancers")],
        ),
        make_member("Ugo", headline="Pricing", offers=[("advice", "coach")]),
        make_member("Ada", headline="Pricing", offers=[("advice", "coach")]),
        make_member("Zed", location="Porto", asks=[("advice", "pricing help")]),
        make_member("Eli", industry="Consulting", offers=[("advice", "freelancers' pricing")]),
    ]
    gone = make_member("Gone", headline="Pricing coach for freelancers")
    gone.is_active = False
    gone.save()
    shy = make_member("Shy", headline="Pricing coach for freelancers")
    profile_update(profile=shy.profile, is_hidden=True)
    return made


def _listed(client: Client, **params: str) -> list[str]:
    html = client.get("/members/", {"q": NEED, **params}).content.decode()
    return re.findall(r'<li class="card person">\s*<h2><a href="[^"]+">([^<]+)</a>', html)


def test_the_cards_are_the_searchs_members_in_its_order(
    login_as: Callable[[User], Client], stranger: User, peers: list[User]
) -> None:
    if connection.vendor == "postgresql":  # the one statement that reads the cards
        assert selectors.member_search(query=NEED).ranked is not None
    searched = [profile.name for profile in selectors.member_search(query=NEED)[0:20]]
    assert sorted(searched) == sorted(member.name for member in peers)
    assert searched[0] == "Pia Coach"
    assert searched.index("Ada Example") < searched.index("Ugo Example")  # a tie: by name
    assert _listed(login_as(stranger)) == searched
    assert selectors.member_count(selectors.directory_search(query=NEED)) == len(peers)


def test_the_cards_show_what_the_profiles_say(peers: list[User]) -> None:
    profiles = selectors.member_search(query=NEED)[0:20]
    cards = selectors.directory_search(query=NEED)[0:20]
    assert cards == selectors.cards_of(profiles)
    first = cards[0]
    assert first.asks == ["freelancers to coach", "a pricing tool & more"]
    assert first.offers == ["pricing", "coaching for freelancers"]


def test_the_cards_page_through_the_search(
    login_as: Callable[[User], Client], stranger: User, peers: list[User]
) -> None:
    searched = [profile.name for profile in selectors.member_search(query=NEED)]
    first = selectors.directory_search(query=NEED)[0:2]
    rest = selectors.directory_search(query=NEED)[2:20]
    assert [card.name for card in first + rest] == searched
    assert selectors.directory_search(query=NEED)[20:40] == []


def test_inactive_and_hidden_members_have_no_card(
    login_as: Callable[[User], Client], stranger: User, peers: list[User]
) -> None:
    listed = _listed(login_as(stranger))
    assert "Gone Example" not in listed
    assert "Shy Example" not in listed
    assert len(listed) == len(peers)
    html = login_as(stranger).get("/members/", {"q": NEED}).content.decode()
    assert f"{len(peers)} members matching" in html


def test_the_profiles_searched_are_the_visible_profiles(peers: list[User]) -> None:
    # The search states visible_profiles' rule as an anti-join to the inactive members;
    # the two must keep listing the same profiles.
    shown = selectors.member_search(query=NEED).shown
    assert sorted(shown.values_list("pk", flat=True)) == sorted(
        selectors.visible_profiles().values_list("pk", flat=True)
    )
    assert shown.filter(user__first_name__in=["Gone", "Shy"]).count() == 0
