"""A thread updates live: the page polls for the messages alone, never the composer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.connections.models import Message
from mensch.connections.services import connection_create, message_send
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_poll_returns_a_new_reply_without_the_composer(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    connection_create(member=owner, other=stranger, source="introduction")
    client = login_as(owner)
    page = client.get(f"/connections/{stranger.profile.pk}/").content.decode()
    assert f'hx-get="/connections/{stranger.profile.pk}/poll/"' in page
    message_send(sender=stranger, recipient=owner, body="Do you also do VAT returns?")

    response = client.get(f"/connections/{stranger.profile.pk}/poll/", HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Do you also do VAT returns?" in html
    assert 'id="thread-messages"' in html
    assert "<form" not in html
    assert "<textarea" not in html
    # Seen while the thread is open: no unread badge left behind.
    assert Message.objects.get().read_at is not None


def test_poll_is_closed_to_anyone_outside_the_thread(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    connection_create(member=owner, other=stranger, source="introduction")
    message_send(sender=owner, recipient=stranger, body="Private plans for the rebrand")
    outsider = login_as(make_member("Olga"))
    assert outsider.get(f"/connections/{owner.profile.pk}/poll/").status_code == 404
    assert outsider.get(f"/connections/{stranger.profile.pk}/poll/").status_code == 404


def test_coach_swaps_only_itself_in_every_form_that_includes_it(
    login_as: Callable[[User], Client], owner: User, stranger: User
) -> None:
    connection_create(member=owner, other=stranger, source="introduction")
    html = login_as(owner).get(f"/connections/{stranger.profile.pk}/").content.decode()
    coach = html[html.index('<div id="coach"') :]
    coach = coach[: coach.index(">")]
    assert 'hx-target="this"' in coach
