from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from mensch.accounts.models import User
from mensch.connections.models import Connection, Message
from mensch.connections.services import connection_create, message_send
from mensch.engine.coach import CONFIRM_THRESHOLD
from mensch.introductions.models import Introduction
from mensch.introductions.services import introduction_request

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PITCH = (
    "I am the best bookkeeper in Lisbon. My firm offers unbeatable rates and I guarantee "
    "results! Book a call with me now at https://bea-books.example or email me at "
    "bea@bea-books.example, call +351 21 000 1111. Limited time offer!"
)
LISTENING = (
    "Dana, I saw you are looking for someone to keep your studio's books. How do you handle "
    "VAT today, and what takes most of your time? Happy to share what worked for other studios."
)


def test_coach_endpoint_scores_a_pitch_and_explains(
    owner: User, bookkeeper: User, login_as: Callable[[User], Client]
) -> None:
    client = login_as(bookkeeper)
    pitch = client.post(
        "/api/v1/trust/coach",
        {
            "text": PITCH,
            "context": "introduction_request",
            "recipient_profile_id": owner.profile.pk,
        },
        content_type="application/json",
    ).json()
    assert pitch["score"] >= CONFIRM_THRESHOLD
    assert pitch["needs_confirmation"] is True
    assert pitch["verdict"] == "broadcasting"
    assert pitch["signals"][0]["explanation"]
    assert pitch["confirm_threshold"] == CONFIRM_THRESHOLD
    listening = client.post(
        "/api/v1/trust/coach", {"text": LISTENING}, content_type="application/json"
    ).json()
    assert listening["needs_confirmation"] is False
    assert listening["score"] < pitch["score"]


def test_coach_endpoint_needs_sign_in(client: Client) -> None:
    response = client.post("/api/v1/trust/coach", {"text": PITCH}, content_type="application/json")
    assert response.status_code == 401


def test_pitchy_introduction_request_needs_confirmation(owner: User, bookkeeper: User) -> None:
    with pytest.raises(ValidationError) as caught:
        introduction_request(requester=bookkeeper, recipient=owner, reason=PITCH)
    message = caught.value.message_dict["confirm_pitch"][0]
    assert message.startswith("This reads like broadcasting")
    assert "confirm_pitch" in message
    assert Introduction.objects.count() == 0
    introduction_request(requester=bookkeeper, recipient=owner, reason=PITCH, confirm_pitch=True)
    assert Introduction.objects.get().reason == PITCH


def test_api_introduction_pitch_gets_400_with_explanation_then_201_confirmed(
    owner: User, bookkeeper: User, login_as: Callable[[User], Client]
) -> None:
    client = login_as(bookkeeper)
    payload = {"recipient_profile_id": owner.profile.pk, "reason": PITCH}
    refused = client.post("/api/v1/introductions", payload, content_type="application/json")
    assert refused.status_code == 400
    assert "broadcasting" in refused.json()["errors"]["confirm_pitch"][0]
    assert Introduction.objects.count() == 0
    sent = client.post(
        "/api/v1/introductions", {**payload, "confirm_pitch": True}, content_type="application/json"
    )
    assert sent.status_code == 201


def test_request_page_shows_coach_and_send_anyway(
    owner: User, bookkeeper: User, login_as: Callable[[User], Client]
) -> None:
    client = login_as(bookkeeper)
    url = f"/introductions/request/{owner.profile.pk}/"
    form = client.get(url).content.decode()
    assert 'hx-trigger="input changed delay:400ms from:#id_reason"' in form
    refused = client.post(url, {"reason": PITCH})
    assert refused.status_code == 422
    html = refused.content.decode()
    assert "Listening coach:" in html
    assert "Send it anyway" in html
    assert Introduction.objects.count() == 0
    assert client.post(url, {"reason": PITCH, "confirm_pitch": "on"}).status_code == 302
    assert Introduction.objects.count() == 1


def test_coach_panel_partial_scores_as_one_types(
    owner: User, bookkeeper: User, login_as: Callable[[User], Client]
) -> None:
    client = login_as(bookkeeper)
    panel = client.post(
        "/trust/coach/",
        {"reason": PITCH, "context": "introduction_request", "recipient": owner.profile.pk},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "<html" not in panel
    assert "Listening coach:" in panel
    assert 'name="confirm_pitch"' in panel
    calm = client.post("/trust/coach/", {"reason": LISTENING}).content.decode()
    assert 'name="confirm_pitch"' not in calm


def _connect(a: User, b: User) -> None:
    connection_create(member=a, other=b, source=Connection.Source.INTRODUCTION)


def test_first_message_pitch_needs_confirmation_later_ones_do_not(
    owner: User, bookkeeper: User
) -> None:
    _connect(owner, bookkeeper)
    with pytest.raises(ValidationError) as caught:
        message_send(sender=bookkeeper, recipient=owner, body=PITCH)
    assert "broadcasting" in caught.value.message_dict["confirm_pitch"][0]
    assert Message.objects.count() == 0
    message_send(sender=bookkeeper, recipient=owner, body=LISTENING)
    message_send(sender=bookkeeper, recipient=owner, body=PITCH)  # not the first any more
    assert Message.objects.count() == 2


def test_thread_page_and_api_refuse_unconfirmed_first_pitch(
    owner: User, bookkeeper: User, login_as: Callable[[User], Client]
) -> None:
    _connect(owner, bookkeeper)
    client = login_as(bookkeeper)
    page = client.post(f"/connections/{owner.profile.pk}/", {"body": PITCH}, HTTP_HX_REQUEST="true")
    assert page.status_code == 422
    assert "Send it anyway" in page.content.decode()
    api = client.post(
        f"/api/v1/connections/{owner.profile.pk}/messages",
        {"body": PITCH},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert Message.objects.count() == 0
    confirmed = client.post(
        f"/api/v1/connections/{owner.profile.pk}/messages",
        {"body": PITCH, "confirm_pitch": True},
        content_type="application/json",
    )
    assert confirmed.status_code == 201


def test_no_message_to_a_non_connection(
    owner: User, stranger: User, login_as: Callable[[User], Client]
) -> None:
    with pytest.raises(PermissionDenied):
        message_send(sender=stranger, recipient=owner, body=LISTENING, confirm_pitch=True)
    api = login_as(stranger).post(
        f"/api/v1/connections/{owner.profile.pk}/messages",
        {"body": LISTENING, "confirm_pitch": True},
        content_type="application/json",
    )
    assert api.status_code in (403, 404)
    assert login_as(stranger).get(f"/connections/{owner.profile.pk}/").status_code == 404
    assert Message.objects.count() == 0
