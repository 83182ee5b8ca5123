"""The meeting brief's questions read as sentences whatever the member typed (issue 11)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from tests.contacts.conftest import confirm_meeting
from tests.factories import make_member
from tests.sentences import page_text, problems_in

Login = Callable[[User], Client]


def test_brief_questions_drop_the_opener_and_end_punctuation_of_an_ask(
    login_as: Login, owner: User
) -> None:
    ana = make_member(
        "Ana", last_name="Lima", headline="Baker in Porto",
        asks=[("talent", "Hiring: a social media intern for the summer?")],
        offers=[("resource", "A test kitchen on Mondays!")],
    )  # fmt: skip
    confirm_meeting(owner, ana)
    contact = Contact.objects.get(owner=owner, member=ana)

    text = page_text(login_as(owner).get(f"/contacts/{contact.pk}/brief/").content.decode())

    assert (
        "You are looking for a social media intern for the summer: "
        "what would the right one look like?"
    ) in text
    assert "You offer a test kitchen on Mondays: who gets the most out of it?" in text
    assert "Hiring:" not in text.split("Questions to ask")[-1]
    assert problems_in(text) == []
