"""A "no" sticks: after a decline neither side can ask again, nor be brokered, for a while."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.services import connection_create
from mensch.introductions.models import Introduction
from mensch.introductions.selectors import can_request, relationship
from mensch.introductions.services import (
    introduction_broker,
    introduction_decline,
    introduction_request,
    introduction_withdraw,
)
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REASON = "You ask for bookkeeping and I keep the books for design studios like yours."


def _words(day: date) -> str:
    text = f"{day.day} {day.strftime('%B')}"
    return text if day.year == timezone.localdate().year else f"{text} {day.year}"


@pytest.fixture
def bookkeeper(db: None) -> User:
    return make_member("Rui", offers=[("supplier", "bookkeeping for small studios")])


def _declined(requester: User, recipient: User, *, days_ago: int = 10) -> date:
    """``recipient`` declined ``requester``'s request ``days_ago`` days ago; returns the day."""
    introduction = introduction_request(requester=requester, recipient=recipient, reason=REASON)
    introduction_decline(introduction_id=introduction.pk, member=recipient)
    decided = timezone.now() - timedelta(days=days_ago)
    Introduction.objects.filter(pk=introduction.pk).update(decided_at=decided)
    return timezone.localdate(decided)


def test_requester_cannot_ask_again_and_is_told_until_when(owner: User, bookkeeper: User) -> None:
    day = _declined(bookkeeper, owner)
    with pytest.raises(ValidationError) as caught:
        introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    assert caught.value.message_dict["recipient"] == [
        f"Dana Okafor declined an introduction on {_words(day)}; "
        f"you can ask again after {_words(day + timedelta(days=180))}."
    ]
    assert Introduction.objects.count() == 1


def test_the_decliner_is_not_pushed_at_the_requester_either(owner: User, bookkeeper: User) -> None:
    day = _declined(bookkeeper, owner)
    with pytest.raises(ValidationError) as caught:
        introduction_request(requester=owner, recipient=bookkeeper, reason=REASON)
    assert caught.value.message_dict["recipient"] == [
        f"You declined an introduction with Rui Example on {_words(day)}; "
        f"you can ask for one again after {_words(day + timedelta(days=180))}."
    ]


def test_a_brokered_introduction_of_the_pair_is_refused_without_saying_why(
    owner: User, bookkeeper: User
) -> None:
    _declined(bookkeeper, owner)
    broker = make_member("Lea")
    connection_create(member=broker, other=owner, source="introduction")
    connection_create(member=broker, other=bookkeeper, source="introduction")
    with pytest.raises(ValidationError) as caught:
        introduction_broker(introducer=broker, member_a=owner, member_b=bookkeeper, note=REASON)
    message = " ".join(caught.value.messages)
    assert "cannot be introduced to each other at the moment" in message
    assert "declined" not in message
    assert Introduction.objects.count() == 1


def test_a_declined_brokered_introduction_starts_the_cool_down_too(
    owner: User, bookkeeper: User
) -> None:
    broker = make_member("Lea")
    connection_create(member=broker, other=owner, source="introduction")
    connection_create(member=broker, other=bookkeeper, source="introduction")
    brokered = introduction_broker(
        introducer=broker, member_a=owner, member_b=bookkeeper, note=REASON
    )
    introduction_decline(introduction_id=brokered.pk, member=bookkeeper)
    with pytest.raises(ValidationError, match="Rui Example declined an introduction"):
        introduction_request(requester=owner, recipient=bookkeeper, reason=REASON)


def test_the_cool_down_follows_the_setting_and_ends(
    owner: User, bookkeeper: User, settings: object
) -> None:
    settings.INTRODUCTION_DECLINE_COOLDOWN_DAYS = 30  # type: ignore[attr-defined]
    day = _declined(bookkeeper, owner, days_ago=20)
    with pytest.raises(ValidationError, match=f"after {_words(day + timedelta(days=30))}"):
        introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    Introduction.objects.update(decided_at=timezone.now() - timedelta(days=31))
    assert introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)


def test_only_a_decline_starts_a_cool_down(owner: User, bookkeeper: User) -> None:
    introduction = introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    introduction_withdraw(introduction_id=introduction.pk, member=bookkeeper)
    again = introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)
    introduction_decline(introduction_id=again.pk, member=owner)
    with pytest.raises(ValidationError, match="declined an introduction"):
        introduction_request(requester=bookkeeper, recipient=owner, reason=REASON)


def test_profile_offers_no_request_button_while_it_cools(
    login_as: Callable[[User], Client], owner: User, bookkeeper: User
) -> None:
    _declined(bookkeeper, owner)
    assert not relationship(bookkeeper, owner.pk).can_request
    assert not can_request(owner, bookkeeper)
    html = login_as(bookkeeper).get(f"/members/{owner.profile.pk}/").content.decode()
    assert "Ask for an introduction" not in html


def test_request_page_and_api_show_the_cool_down_message(
    login_as: Callable[[User], Client], owner: User, bookkeeper: User
) -> None:
    _declined(bookkeeper, owner)
    client = login_as(bookkeeper)
    page = client.post(f"/introductions/request/{owner.profile.pk}/", {"reason": REASON})
    assert page.status_code == 422
    assert "Dana Okafor declined an introduction on" in page.content.decode()
    response = client.post(
        "/api/v1/introductions",
        {"recipient_profile_id": owner.profile.pk, "reason": REASON},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "you can ask again after" in response.json()["errors"]["recipient"][0]
    assert Introduction.objects.count() == 1
