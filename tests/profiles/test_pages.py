from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client

from mensch.accounts.models import User
from mensch.profiles.models import Ask, Offer, Profile
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HTMX = {"HX-Request": "true"}


def test_editor_adds_an_ask_in_place(login_as: Callable[[User], Client], owner: User) -> None:
    response = login_as(owner).post(
        "/profile/asks/",
        {"kind": "talent", "text": "a motion designer for two months"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="card item-side" id="asks"')
    assert "a motion designer for two months" in html
    assert owner.profile.asks.filter(text="a motion designer for two months").exists()


def test_editor_removes_an_offer_in_place(login_as: Callable[[User], Client], owner: User) -> None:
    offer = owner.profile.offers.get()
    response = login_as(owner).post(f"/profile/offers/{offer.pk}/delete/", headers=HTMX)
    assert "brand identity design" not in response.content.decode()
    assert not Offer.objects.filter(pk=offer.pk).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "client", "text": ""}, "This field cannot be blank."),
        ({"kind": "client", "text": "   "}, "This field cannot be blank."),
        ({"kind": "unicorn", "text": "a unicorn"}, "Select a valid choice."),
        ({"kind": "client", "text": "x" * 201}, "at most 200 characters"),
        ({"kind": "client", "text": "<script>alert('hi')</script>"}, "plain text"),
    ],
)
def test_editor_refuses_bad_ask_with_a_message_and_saves_nothing(
    login_as: Callable[[User], Client], owner: User, data: dict[str, str], message: str
) -> None:
    response = login_as(owner).post("/profile/asks/", data, headers=HTMX)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert owner.profile.asks.count() == 1


def test_editor_without_htmx_redirects_with_the_error(
    login_as: Callable[[User], Client], owner: User
) -> None:
    response = login_as(owner).post("/profile/asks/", {"kind": "client", "text": ""}, follow=True)
    assert "Your ask was not added: This field cannot be blank." in response.content.decode()


def test_editor_saves_profile_fields(login_as: Callable[[User], Client], owner: User) -> None:
    client = login_as(owner)
    response = client.post(
        "/profile/",
        {
            "first_name": "Dana",
            "last_name": "Okafor",
            "headline": "Designer  in   Lisbon",
            "industry": "Design",
            "location": "Lisbon",
            "languages": "English, Portuguese",
            "goals": "Meet two accountants",
            "contact_email": "",
            "phone": "",
            "website": "",
        },
    )
    assert response.status_code == 302
    owner.profile.refresh_from_db()
    assert owner.profile.headline == "Designer in Lisbon"
    assert owner.profile.language_list == ["English", "Portuguese"]


def test_editor_refuses_overlong_headline_and_markup_keeping_old_values(
    login_as: Callable[[User], Client], owner: User
) -> None:
    response = login_as(owner).post(
        "/profile/",
        {"first_name": "<b>Dana</b>", "headline": "h" * 161, "goals": "fine"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "at most 160 characters" in html
    assert "plain text" in html
    owner.refresh_from_db()
    owner.profile.refresh_from_db()
    assert owner.first_name == "Dana"
    assert owner.profile.headline == "Brand identity designer for small studios"
    assert owner.profile.goals == ""


def test_stranger_cannot_delete_owners_ask(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    ask = owner.profile.asks.get()
    response = login_as(stranger).post(f"/profile/asks/{ask.pk}/delete/", headers=HTMX)
    assert response.status_code == 404
    assert Ask.objects.filter(pk=ask.pk).exists()


def test_public_profile_hides_contact_details_from_stranger(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    html = login_as(stranger).get(f"/members/{owner.profile.pk}/").content.decode()
    assert "someone to keep my studio&#x27;s books" in html
    assert "brand identity design for young companies" in html
    assert "dana.private@example.org" not in html
    assert "+351 21 000 0000" not in html
    assert "dana.example" not in html
    assert "Contact details are private" in html


def test_public_profile_shows_owner_their_contact_details(
    login_as: Callable[[User], Client], owner: User
) -> None:
    html = login_as(owner).get(f"/members/{owner.profile.pk}/").content.decode()
    assert "dana.private@example.org" in html
    assert "+351 21 000 0000" in html


def test_hidden_profile_is_not_found_for_stranger_and_absent_from_directory(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    Profile.objects.filter(user=owner).update(is_hidden=True)
    client = login_as(stranger)
    assert client.get(f"/members/{owner.profile.pk}/").status_code == 404
    assert "Dana" not in client.get("/members/?q=brand").content.decode()
    assert login_as(owner).get(f"/members/{owner.profile.pk}/").status_code == 200


def test_text_with_markup_saved_elsewhere_is_escaped_on_output(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    # Rows written before validation existed (or by a bulk import) must still render inert.
    Ask.objects.filter(profile__user=owner).update(text="<img src=x onerror=alert(1)>")
    html = login_as(stranger).get(f"/members/{owner.profile.pk}/").content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_directory_search_finds_members_by_what_they_offer(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    make_member("Bea", offers=[("supplier", "bookkeeping and VAT returns")])
    html = login_as(stranger).get("/members/?q=bookkeeping").content.decode()
    assert "Bea" in html
    assert "Dana" not in html
    assert "1 member matching" in html


def test_directory_htmx_request_returns_only_the_results(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    html = login_as(stranger).get("/members/?q=brand", headers=HTMX).content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "Dana Okafor" in html


@pytest.mark.parametrize("count", [1, 3])
def test_directory_query_count_does_not_grow_with_members(
    login_as: Callable[[User], Client],
    stranger: User,
    count: int,
    django_assert_num_queries: Callable[..., object],
) -> None:
    for number in range(count):
        make_member(
            f"Peer{number}",
            asks=[("advice", "advice on pricing")],
            offers=[("advice", "help with pricing")],
            industry="Consulting",
        )
    client = login_as(stranger)
    client.get("/members/?q=pricing")  # caches the industry filter and word frequencies
    # session, user, the page with its cards and the count in one statement where
    # PostgreSQL ranks the search (else count, page, asks, offers), unread notifications
    with django_assert_num_queries(4 if connection.vendor == "postgresql" else 7):
        response = client.get("/members/?q=pricing")
    assert response.content.decode().count('class="card person"') == count
