"""The live table answers 304 to a phone that already shows the current state (issue 14)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.events import rounds
from mensch.events.models import Event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Login = Callable[[User], Client]
HTMX = {"HX-Request": "true"}


def _poll(client: Client, event: Event, etag: str = "") -> tuple[int, str, str]:
    headers = dict(HTMX, **({"If-None-Match": etag} if etag else {}))
    response = client.get(f"/events/{event.pk}/table/live/", headers=headers)
    return response.status_code, response.get("ETag", ""), response.content.decode()


def test_a_second_poll_of_the_same_state_is_304_without_a_body(
    login_as: Login, event: Event, attendees: list[User], designer: User
) -> None:
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    client = login_as(designer)
    status, etag, body = _poll(client, event)
    assert (status, "Round 1 of 1 · starts soon" in body) == (200, True)
    assert etag
    assert _poll(client, event, etag)[:2] == (304, etag)
    assert _poll(client, event, etag)[2] == ""
    assert _poll(client, event, '"something-else"')[0] == 200


@pytest.mark.parametrize("change", ["start", "pause", "next", "turn passes"])
def test_each_change_a_phone_must_show_answers_in_full(
    login_as: Login, event: Event, attendees: list[User], designer: User, change: str
) -> None:
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    if change != "start":
        rounds.round_console(event=event, action="start")
    client = login_as(designer)
    _, etag, before = _poll(client, event)
    if change == "turn passes":
        # Each of the three gets a third of the round: a third later, it is the next turn.
        third = timedelta(minutes=event.round_minutes) / 3
        started = Event.objects.get(pk=event.pk).round_started_at
        assert started is not None
        Event.objects.filter(pk=event.pk).update(round_started_at=started - third)
    else:
        rounds.round_console(event=Event.objects.get(pk=event.pk), action=change)
    status, new_etag, after = _poll(client, event, etag)
    assert status == 200
    assert new_etag != etag
    assert after != before


def test_a_member_not_going_gets_no_table(
    login_as: Login, event: Event, attendees: list[User], developer: User
) -> None:
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    outsider = Client()
    stranger = User.objects.create_user(
        email="stranger@example.org", password="a long test password 42", first_name="Sam"
    )
    outsider.force_login(stranger, backend="django.contrib.auth.backends.ModelBackend")
    assert _poll(outsider, event)[0] == 404


def test_the_page_tells_htmx_to_keep_the_table_on_304(
    login_as: Login, event: Event, attendees: list[User], designer: User
) -> None:
    page = login_as(designer).get(f"/events/{event.pk}/table/").content.decode()
    assert '{"code": "304", "swap": false}' in page
    assert "mensch/mensch.js" in page
