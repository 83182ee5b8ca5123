"""The dashboard leads with what waits for the member's answer, then people to meet."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.services import connection_create
from mensch.introductions.services import introduction_broker, introduction_request
from mensch.ledger.exchanges import referral_exchange_propose
from mensch.matching.models import Recommendation
from mensch.meetings.services import meeting_tick
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REASON = "You need your books kept and I need a brand refresh: we could help each other."


def _dashboard(client: Client) -> str:
    response = client.get("/dashboard/")
    assert response.status_code == 200
    return response.content.decode()


def _section(html: str, heading: str) -> str:
    start = html.index(f">{heading}</h2>")
    return html[start : html.index("</section>", start)]


def test_pending_introduction_request_shows_with_its_answer_link(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    introduction_request(requester=stranger, recipient=owner, reason=REASON)
    waiting = _section(_dashboard(login_as(owner)), "Waiting for you")
    assert f"{stranger.name} asks to meet you." in waiting
    assert 'href="/introductions/#awaiting-h">Answer the request</a>' in waiting


def test_brokered_exchange_and_meeting_all_wait_with_their_links(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    broker = make_member("Olga")
    rui = make_member("Rui")
    connection_create(member=broker, other=owner, source="introduction")
    connection_create(member=broker, other=rui, source="introduction")
    introduction_broker(
        introducer=broker, member_a=owner, member_b=rui, note="You two should talk about books."
    )
    connection_create(member=owner, other=stranger, source="introduction")
    exchange = referral_exchange_propose(proposer=stranger, partner=owner)
    meeting_tick(member=stranger, other=owner)

    waiting = _section(_dashboard(login_as(owner)), "Waiting for you")

    assert f"{broker.name} introduces you to {rui.name}." in waiting
    assert f"/referral-exchanges/{exchange.pk}/" in waiting
    assert "Make your pledge" in waiting
    assert f"{stranger.name} says you met." in waiting
    assert f'href="/members/{stranger.profile.pk}/">Confirm the meeting</a>' in waiting


def test_an_empty_waiting_list_says_so_plainly(
    login_as: Callable[[User], Client], owner: User
) -> None:
    waiting = _section(_dashboard(login_as(owner)), "Waiting for you")
    assert "Nothing is waiting for your answer right now." in waiting


def test_sections_lead_with_waiting_then_people_then_community(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    Recommendation.objects.create(
        member=owner,
        candidate=stranger,
        rank=1,
        score=0.8,
        reason="You both work with small studios.",
        computed_at=timezone.now(),
    )
    html = _dashboard(login_as(owner))
    positions = [
        html.index(">Waiting for you</h2>"),
        html.index(">People to meet</h2>"),
        html.index(">Your community</h2>"),
    ]
    assert positions == sorted(positions)
    people = _section(html, "People to meet")
    assert stranger.name in people
    assert "You both work with small studios." in people
    assert "Ask for an introduction" in people


def test_a_strangers_items_never_show(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    rui = make_member("Rui")
    introduction_request(requester=rui, recipient=stranger, reason=REASON)
    connection_create(member=rui, other=stranger, source="introduction")
    referral_exchange_propose(proposer=rui, partner=stranger)
    meeting_tick(member=rui, other=stranger)
    Recommendation.objects.create(
        member=stranger,
        candidate=rui,
        rank=1,
        score=0.9,
        reason="Private suggestion for someone else.",
        computed_at=timezone.now(),
    )

    html = _dashboard(login_as(owner))

    assert "Nothing is waiting for your answer right now." in _section(html, "Waiting for you")
    assert "Private suggestion for someone else." not in html
    assert f"{rui.name} asks to meet you" not in html
