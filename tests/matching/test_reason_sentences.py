"""People to meet: a reason names a need only where it is met, in words that read right."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.matching.models import Recommendation
from mensch.matching.services import matches_recompute
from tests.factories import make_member
from tests.sentences import page_text, problems_in

pytestmark = pytest.mark.django_db

Login = Callable[[User], Client]


def test_people_to_meet_reason_quotes_the_ask_and_offer_that_matched(login_as: Login) -> None:
    dana = make_member(
        "Dana", industry="Design", location="Lisbon, Portugal",
        asks=[("supplier", "Looking for a bookkeeper for my studio?")],
        offers=[("other", "Brand identity design.")],
    )  # fmt: skip
    make_member(
        "Rui", industry="Finance",
        asks=[("supplier", "Hiring: a designer for our brand identity")],
        offers=[("other", "Bookkeeping for design studios.")],
    )  # fmt: skip
    make_member(
        "Piotr", industry="Design", location="Lisbon",
        asks=[("supplier", "A software developer for our booking app, two days a week")],
        offers=[("other", "Physiotherapy for back and neck injuries, two days a week")],
    )  # fmt: skip
    for n in range(4):
        make_member(
            f"Filler{n}", asks=[("client", f"wedding venue {n}")], offers=[("other", "yoga")]
        )
    matches_recompute()

    text = page_text(login_as(dana).get("/people-to-meet/").content.decode())

    assert (
        "Rui offers bookkeeping for design studios, which you ask for "
        "(\u201ca bookkeeper for my studio\u201d); you offer brand identity design, which they "
        "ask for (\u201ca designer for our brand identity\u201d)."
    ) in text
    assert "Piotr offers" not in text
    assert problems_in(text) == []
    reasons = list(Recommendation.objects.filter(member=dana).values_list("reason", flat=True))
    assert not any("physiotherapy" in r and "you ask for" in r for r in reasons)
