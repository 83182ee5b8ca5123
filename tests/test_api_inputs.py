"""Inputs the fuzz test found answering 500 where the fix is in the API layer itself."""

from __future__ import annotations

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.accounts.services import api_token_create
from mensch.notifications.models import Notification

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def owner_api(owner: User) -> Client:
    _, secret = api_token_create(user=owner, name="tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_null_in_a_profile_patch_leaves_that_field_as_it_is(owner: User, owner_api: Client) -> None:
    answer = owner_api.patch(
        "/api/v1/me",
        {"first_name": None, "headline": None, "is_hidden": None, "location": "Porto, Portugal"},
        content_type="application/json",
    )

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["headline"] == "Brand identity designer for small studios"
    assert body["location"] == "Porto, Portugal"
    owner.refresh_from_db()
    assert owner.first_name == "Dana"


@pytest.mark.parametrize("ids", [[2**63], [2**70], [0], [-5], list(range(1, 1002))])
def test_ids_no_column_can_hold_are_refused_not_a_server_error(
    owner: User, owner_api: Client, ids: list[int]
) -> None:
    Notification.objects.create(recipient=owner, kind="test", title="Hello")

    answer = owner_api.post(
        "/api/v1/notifications/read", {"ids": ids}, content_type="application/json"
    )

    assert answer.status_code == 422
    assert answer.json()["detail"] == "Some fields are invalid."
    assert Notification.objects.get().read_at is None


@pytest.mark.parametrize("offset", [2**63, 29444375500842644537344, 1_000_001])
def test_a_member_search_offset_past_any_list_is_refused(owner_api: Client, offset: int) -> None:
    answer = owner_api.get("/api/v1/members", {"offset": offset})

    assert answer.status_code == 422
    assert "offset" in answer.json()["errors"]


def test_a_member_search_offset_within_reach_answers_an_empty_page(owner_api: Client) -> None:
    answer = owner_api.get("/api/v1/members", {"offset": 1_000_000})

    assert answer.status_code == 200
    assert answer.json()["results"] == []
