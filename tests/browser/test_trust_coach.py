"""Done when: search the directory for a need, open a result with a verified endorsement,
write a pitchy first message, read the coach, rewrite it and send."""

from __future__ import annotations

import pytest

from mensch.introductions.models import Introduction
from mensch.trust.scores import trust_recompute
from mensch.trust.services import endorsement_create
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_member
from tests.trust.conftest import make_organizer, meet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PITCH = (
    "I am the best brand designer in Lisbon and my studio offers unbeatable packages! "
    "Book a call with me now: https://dana.example or dana@dana.example. Limited time offer!"
)
REWRITE = (
    "Bea, I saw you help small studios with their books and VAT. How do you usually start "
    "with a new client, and what do you need from them in the first month?"
)


def test_directory_endorsement_coach_rewrite_and_send(live_server: object, page: object) -> None:
    organizer = make_organizer("Olga", last_name="Organizer")
    make_member(
        "Dana",
        last_name="Okafor",
        email="dana@example.org",
        asks=[("supplier", "someone to keep my studio's books")],
        offers=[("other", "brand identity design for young companies")],
    )
    bookkeeper = make_member(
        "Bea",
        last_name="Books",
        headline="Bookkeeper for small design studios",
        location="Lisbon, Portugal",
        offers=[("supplier", "bookkeeping and VAT returns for small studios")],
    )
    client = make_member("Carla", last_name="Client")
    meet(organizer, bookkeeper)
    meet(client, bookkeeper)
    endorsement_create(
        author=client,
        member=bookkeeper,
        offer_id=bookkeeper.profile.offers.get().pk,
        text="Bea kept our studio's books for two years and caught a VAT mistake early.",
    )
    trust_recompute()

    base = live_server.url  # type: ignore[attr-defined]
    page.goto(f"{base}/login/")  # type: ignore[attr-defined]
    page.get_by_label("Email address").fill("dana@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/dashboard/")

    page.goto(f"{base}/specialists/")
    page.get_by_label("What do you need?").fill("a bookkeeper who knows VAT for my design studio")
    page.get_by_role("button", name="Find").click()
    result = page.locator(".specialist", has_text="Bea Books")
    result.get_by_text("Bea offers bookkeeping and VAT returns for small studios").wait_for()
    assert result.get_by_text("caught a VAT mistake early").is_visible()
    result.get_by_role("link", name="Bea Books").click()

    page.get_by_role("heading", name="Bea Books").wait_for()
    assert page.get_by_text("verified").first.is_visible()
    assert page.get_by_text("met in person").first.is_visible()
    page.get_by_role("link", name="Ask for an introduction").click()

    reason = page.get_by_label("Why should you two meet?")
    reason.fill(PITCH)
    coach = page.locator("#coach")
    coach.get_by_text("This reads like broadcasting").wait_for()
    assert coach.get_by_label("Send it anyway — I know it reads like a pitch").is_visible()
    screenshot(page, "coach-pitch")

    reason.fill(REWRITE)
    coach.get_by_text("This reads like listening").wait_for()
    assert coach.locator("input[name=confirm_pitch]").count() == 0
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("Request sent.").wait_for()
    shot = screenshot(page, "coach-rewritten-sent")
    assert shot.stat().st_size > 10_000

    introduction = Introduction.objects.get()
    assert introduction.reason == REWRITE
    assert introduction.recipient_id == bookkeeper.pk
    assert page.problems == []  # type: ignore[attr-defined]
