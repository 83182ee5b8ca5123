from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.connections.selectors import are_connected
from mensch.introductions.models import Introduction
from mensch.introductions.services import introduction_request
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REASON = "You ask for bookkeeping and I keep the books for design studios like yours."


def test_request_page_sends_request_with_reason(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    response = login_as(stranger).post(
        f"/introductions/request/{owner.profile.pk}/", {"reason": REASON}
    )
    assert response["Location"] == "/introductions/"
    introduction = Introduction.objects.get()
    assert (introduction.requester, introduction.recipient) == (stranger, owner)


def test_request_page_shows_reason_error_and_saves_nothing(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    response = login_as(stranger).post(
        f"/introductions/request/{owner.profile.pk}/", {"reason": "buy my stuff"}
    )
    assert response.status_code == 422
    assert "at least 20 characters" in response.content.decode()
    assert not Introduction.objects.exists()


def test_recipient_accepts_on_page_and_lands_in_the_thread(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    introduction = introduction_request(requester=stranger, recipient=owner, reason=REASON)
    client = login_as(owner)
    inbox = client.get("/introductions/").content.decode()
    assert "Waiting for your answer (1)" in inbox
    assert REASON in inbox
    response = client.post(f"/introductions/{introduction.pk}/accept/", {"note": "Sure"})
    assert response["Location"] == f"/connections/{stranger.profile.pk}/"
    assert are_connected(owner, stranger)


def test_third_party_cannot_see_or_answer_an_introduction(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    introduction = introduction_request(requester=stranger, recipient=owner, reason=REASON)
    outsider = login_as(make_member("Olga"))
    assert REASON not in outsider.get("/introductions/").content.decode()
    response = outsider.post(f"/introductions/{introduction.pk}/accept/")
    assert response.status_code == 404
    assert outsider.get(f"/api/v1/introductions/{introduction.pk}").status_code == 404
    introduction.refresh_from_db()
    assert introduction.status == Introduction.Status.PENDING


def test_api_request_accept_round_trip(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    created = login_as(stranger).post(
        "/api/v1/introductions",
        {"recipient_profile_id": owner.profile.pk, "reason": REASON},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "pending"
    assert body["awaiting_you"] is False
    incoming = login_as(owner).get("/api/v1/introductions", {"box": "incoming"}).json()
    assert [i["id"] for i in incoming] == [body["id"]]
    accepted = login_as(owner).post(
        f"/api/v1/introductions/{body['id']}/accept",
        {"note": ""},
        content_type="application/json",
    )
    assert accepted.json()["status"] == "accepted"


def test_api_duplicate_request_is_a_400_naming_the_field(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    introduction_request(requester=stranger, recipient=owner, reason=REASON)
    response = login_as(stranger).post(
        "/api/v1/introductions",
        {"recipient_profile_id": owner.profile.pk, "reason": REASON},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "already waiting" in response.json()["errors"]["recipient"][0]


@pytest.mark.parametrize("count", [1, 3])
def test_introduction_list_endpoint_query_count(
    login_as: Callable[[User], Client],
    owner: User,
    count: int,
    django_assert_num_queries: Callable[..., object],
) -> None:
    for number in range(count):
        introduction_request(
            requester=make_member(f"Asker{number}"), recipient=owner, reason=REASON
        )
    client = login_as(owner)
    # session, user, introductions with both members and their profiles
    with django_assert_num_queries(3):
        body = client.get("/api/v1/introductions").json()
    assert len(body) == count


@pytest.mark.parametrize("count", [1, 3])
def test_introductions_page_query_count(
    login_as: Callable[[User], Client],
    owner: User,
    count: int,
    django_assert_num_queries: Callable[..., object],
) -> None:
    for number in range(count):
        introduction_request(
            requester=make_member(f"Asker{number}"), recipient=owner, reason=REASON
        )
    client = login_as(owner)
    # session, user, pending, past, credit count, unread badge
    with django_assert_num_queries(6):
        html = client.get("/introductions/").content.decode()
    assert f"Waiting for your answer ({count})" in html
