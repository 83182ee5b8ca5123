"""Sentences the event pages build from members' words read right (issue 11)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from mensch.accounts.models import User
from mensch.events import rounds, services
from mensch.events.models import Event
from mensch.matching.services import matches_recompute
from tests.events.conftest import make_event
from tests.factories import make_member
from tests.sentences import page_text, problems_in

Login = Callable[[User], Client]
HTMX = {"HX-Request": "true"}


def _table(event: Event) -> tuple[User, User, User]:
    ann = make_member(
        "Ann",
        last_name="Lee",
        headline="Brand designer",
        industry="Design",
        location="Lisbon, Portugal",
        asks=[("supplier", "Hiring: temporary staff for the weekend?")],
        offers=[("other", "Brand identity design.")],
    )
    laura = make_member(
        "Laura",
        last_name="Silva",
        headline="Caterer who also paints murals",
        industry="Design",
        location="Lisbon",
        asks=[("supplier", "We need a van for deliveries!")],
        offers=[("other", "Catering for launches.")],
    )
    mateo = make_member(
        "Mateo",
        last_name="Ruiz",
        headline="Shop owner",
        asks=[("supplier", "Looking for someone to fix our shop sign?")],
        offers=[("other", "Shelf space for local makers")],
    )
    for member in (ann, laura, mateo):
        services.rsvp_create(event=event, member=member)
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    rounds.round_console(event=event, action="start")
    return ann, laura, mateo


def test_talking_prompts_use_the_ask_not_its_opener_or_its_question_mark(
    login_as: Login, organizer: User
) -> None:
    event = make_event(organizer)
    _, laura, _ = _table(event)

    html = login_as(laura).get(f"/events/{event.pk}/table/live/", headers=HTMX).content.decode()
    text = page_text(html)

    assert "Mateo is looking for someone to fix our shop sign. Who do you know?" in text
    assert "Ann is looking for temporary staff for the weekend. Who do you know?" in text
    assert "Ask Ann about brand identity design." in text
    assert problems_in(text) == []


def test_a_tablemate_without_an_engine_reason_gets_what_you_share_not_their_headline(
    login_as: Login, organizer: User
) -> None:
    event = make_event(organizer)
    ann, laura, _ = _table(event)

    text = page_text(
        login_as(ann).get(f"/events/{event.pk}/table/live/", headers=HTMX).content.decode()
    )

    assert "Laura: Caterer who also paints murals" not in text
    assert "You and Laura are both in Design and both based in Lisbon." in text
    assert "Ask Mateo what they are working on." in text
    assert problems_in(text) == []


def test_event_list_shows_fit_in_words_with_its_reason(
    login_as: Login, organizer: User, designer: User, bookkeeper: User
) -> None:
    good = make_event(organizer, title="Bookkeeping for studios")
    make_event(organizer, title="Plain mixer", talk=False)
    services.rsvp_create(event=good, member=bookkeeper)
    matches_recompute()

    text = page_text(login_as(designer).get("/events/").content.decode())

    assert "Fit " not in text.replace("Events that fit you", "")
    assert "Good fit" in text
    assert "1 person you should meet is going" in text
    assert problems_in(text) == []


def test_counts_agree_with_their_nouns_on_the_list_and_the_table(
    login_as: Login, organizer: User
) -> None:
    event = make_event(organizer, capacity=3)
    ann, _, _ = _table(event)
    rounds.round_console(event=event, action="next")  # the only round ends
    client = login_as(ann)

    table = page_text(client.get(f"/events/{event.pk}/table/live/", headers=HTMX).content.decode())
    listing = page_text(client.get("/events/").content.decode())

    assert "The round is over." in table
    assert "All 1 rounds" not in table
    assert "3 of 3 seats taken" in listing
    assert problems_in(table) == []
    assert problems_in(listing) == []
