from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.accounts.services import api_token_create
from mensch.profiles.models import Ask, Offer
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def owner_api(owner: User) -> Client:
    _, secret = api_token_create(user=owner, name="tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def stranger_api(stranger: User) -> Client:
    _, secret = api_token_create(user=stranger, name="tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_me_returns_own_profile_with_contact_details(owner_api: Client) -> None:
    body = owner_api.get("/api/v1/me").json()
    assert body["name"] == "Dana Okafor"
    assert body["asks"] == [
        {
            "id": body["asks"][0]["id"],
            "kind": "supplier",
            "text": "someone to keep my studio's books",
        }
    ]
    assert body["contact"] == {
        "email": "dana.private@example.org",
        "phone": "+351 21 000 0000",
        "website": "https://dana.example",
    }


def test_me_patch_updates_only_sent_fields(owner_api: Client, owner: User) -> None:
    response = owner_api.patch(
        "/api/v1/me",
        {"goals": "Meet two bookkeepers", "first_name": "Danielle"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Danielle Okafor"
    owner.profile.refresh_from_db()
    assert owner.profile.goals == "Meet two bookkeepers"
    assert owner.profile.headline == "Brand identity designer for small studios"


def test_me_patch_with_bad_fields_reports_each_and_saves_nothing(
    owner_api: Client, owner: User
) -> None:
    response = owner_api.patch(
        "/api/v1/me",
        {
            "headline": "h" * 161,
            "website": "not a url",
            "first_name": "<i>x</i>",
            "goals": "changed",
        },
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 400
    assert body["status"] == 400
    assert set(body["errors"]) == {"headline", "website", "first_name"}
    assert "at most 160 characters" in body["errors"]["headline"][0]
    owner.refresh_from_db()
    owner.profile.refresh_from_db()
    assert owner.profile.goals == ""
    assert owner.first_name == "Dana"


def test_ask_create_update_delete_round_trip(owner_api: Client, owner: User) -> None:
    created = owner_api.post(
        "/api/v1/me/asks",
        {"kind": "investor", "text": "an angel for our seed round"},
        content_type="application/json",
    )
    assert created.status_code == 201
    ask_id = created.json()["id"]
    updated = owner_api.patch(
        f"/api/v1/me/asks/{ask_id}",
        {"text": "an angel who knows design tools"},
        content_type="application/json",
    )
    assert updated.json() == {
        "id": ask_id,
        "kind": "investor",
        "text": "an angel who knows design tools",
    }
    assert owner_api.delete(f"/api/v1/me/asks/{ask_id}").status_code == 204
    assert list(owner.profile.asks.values_list("text", flat=True)) == [
        "someone to keep my studio's books"
    ]


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"kind": "client", "text": ""}, "text", "cannot be blank"),
        ({"kind": "wizard", "text": "a wizard"}, "kind", "is not a valid choice"),
        ({"kind": "client", "text": "y" * 201}, "text", "at most 200 characters"),
        ({"kind": "client", "text": "<script>x()</script>"}, "text", "plain text"),
        ({"kind": "client"}, "text", "Field required"),
    ],
)
def test_offer_create_with_bad_input_names_the_field_and_saves_nothing(
    owner_api: Client, owner: User, payload: dict[str, str], field: str, message: str
) -> None:
    response = owner_api.post("/api/v1/me/offers", payload, content_type="application/json")
    assert response.status_code in {400, 422}
    assert message in " ".join(response.json()["errors"][field])
    assert owner.profile.offers.count() == 1


def test_too_large_body_is_refused_with_json(owner_api: Client, owner: User) -> None:
    response = owner_api.post(
        "/api/v1/me/offers",
        {"kind": "client", "text": "z" * 3_000_000},
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["detail"].startswith("The request body is too large")


def test_stranger_cannot_change_or_delete_owners_items(stranger_api: Client, owner: User) -> None:
    ask = owner.profile.asks.get()
    offer = owner.profile.offers.get()
    patched = stranger_api.patch(
        f"/api/v1/me/asks/{ask.pk}", {"text": "hijacked"}, content_type="application/json"
    )
    deleted = stranger_api.delete(f"/api/v1/me/offers/{offer.pk}")
    assert patched.status_code == 404
    assert patched.json() == {"status": 404, "detail": "Not found."}
    assert deleted.status_code == 404
    assert Ask.objects.get(pk=ask.pk).text == "someone to keep my studio's books"
    assert Offer.objects.filter(pk=offer.pk).exists()


def test_member_profile_hides_contact_details_from_stranger(
    stranger_api: Client, owner: User
) -> None:
    body = stranger_api.get(f"/api/v1/members/{owner.profile.pk}").json()
    assert body["headline"] == "Brand identity designer for small studios"
    assert body["contact"] is None
    assert "dana.private@example.org" not in str(body)


def test_member_search_finds_by_ask_and_never_leaks_contacts(
    stranger_api: Client, owner: User
) -> None:
    body = stranger_api.get("/api/v1/members", {"q": "studio books"}).json()
    assert body["count"] == 1
    assert [m["name"] for m in body["results"]] == ["Dana Okafor"]
    assert body["results"][0]["contact"] is None


def test_hidden_member_is_absent_from_api(stranger_api: Client, owner: User) -> None:
    owner.profile.is_hidden = True
    owner.profile.save()
    assert stranger_api.get(f"/api/v1/members/{owner.profile.pk}").status_code == 404
    assert stranger_api.get("/api/v1/members", {"q": "brand"}).json()["count"] == 0


@pytest.mark.parametrize("count", [1, 3])
def test_member_list_query_count_does_not_grow(
    stranger_api: Client, count: int, django_assert_num_queries: Callable[..., object]
) -> None:
    for number in range(count):
        make_member(
            f"Peer{number}",
            asks=[("advice", "pricing advice")],
            offers=[("advice", "pricing help")],
        )
    stranger_api.get("/api/v1/members", {"q": "pricing"})  # caches the word frequencies
    # token lookup (its last use was just recorded), page, asks, offers, connections, count
    with django_assert_num_queries(6):
        body = stranger_api.get("/api/v1/members", {"q": "pricing"}).json()
    assert body["count"] == count


def test_requests_without_credentials_get_401_json(client: Client, owner: User) -> None:
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["status"] == 401


def test_session_auth_works_for_signed_in_member(
    login_as: Callable[[User], Client], owner: User
) -> None:
    assert login_as(owner).get("/api/v1/me").json()["name"] == "Dana Okafor"


def test_token_api_creates_lists_and_revokes_own_tokens_only(
    owner_api: Client, stranger_api: Client
) -> None:
    created = owner_api.post(
        "/api/v1/tokens", {"name": "script"}, content_type="application/json"
    ).json()
    assert created["token"].startswith("mensch_")
    assert "script" in [t["name"] for t in owner_api.get("/api/v1/tokens").json()]
    assert "script" not in [t["name"] for t in stranger_api.get("/api/v1/tokens").json()]
    assert stranger_api.delete(f"/api/v1/tokens/{created['id']}").status_code == 404
    assert owner_api.delete(f"/api/v1/tokens/{created['id']}").json()["revoked_at"] is not None
    revoked = Client(headers={"Authorization": f"Bearer {created['token']}"})
    assert revoked.get("/api/v1/me").status_code == 401


def test_openapi_schema_and_docs_are_served(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/me", "/api/v1/me/asks", "/api/v1/members"} <= set(schema["paths"])
    docs = client.get("/api/docs", follow=True)
    assert docs.redirect_chain[-1][0] == "/api/v1/docs"
    assert "swagger-ui" in docs.content.decode()
