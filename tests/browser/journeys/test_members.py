"""Journeys of a member through capabilities 1-3: profile, people to meet, introductions.

Each journey runs at 1280x800 and at 390x844; ``journey.finish()`` fails it on any console
error, page error, 5xx, page wider than the phone or broken sentence seen on the way.
"""

from __future__ import annotations

import re

import pytest

from mensch.introductions.models import Introduction
from tests.browser.journeys.conftest import Community, Journey, Person

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]

REASON = "You keep studios' books and I refresh brands: could we help each other's clients?"
FIRST_MESSAGE = "Glad to meet, Dana! What do your books look like today?"
REPLY = "A shoebox of receipts, honestly. Coffee on Tuesday?"


def test_sign_up_and_build_a_profile(journey: Journey, community: Community) -> None:
    from tests.browser.signup import sign_up  # H7: sign-up confirms the email address first

    marta = journey.person("Marta")
    marta.start("/")
    marta.step("home")
    sign_up(
        marta.page, journey.base, "marta@example.org", "a long test password 42", "Marta", "Silva"
    )
    page = marta.page
    page.wait_for_load_state()
    marta.step("email-confirmed")
    if not re.search(r"/profile/$", page.url):
        marta.nav("My profile")
    page.get_by_label("Headline").wait_for()
    marta.step("profile-to-fill")

    asks = page.locator("#asks")
    asks.get_by_label("Kind").select_option("supplier")
    marta.type(asks.get_by_label("I am looking for…"), "a bookkeeper who knows small studios")
    asks.get_by_role("button", name="Add ask").click()
    page.locator("#asks .item-text", has_text="a bookkeeper who knows small studios").wait_for()
    marta.step("ask-added")

    offers = page.locator("#offers")
    offers.get_by_label("Kind").select_option("advice")
    marta.type(offers.get_by_label("I can offer…"), "brand identity reviews over coffee")
    offers.get_by_role("button", name="Add offer").click()
    page.locator("#offers .item-text", has_text="brand identity reviews over coffee").wait_for()
    marta.step("offer-added")

    marta.type(page.get_by_label("Headline"), "Brand designer for independent studios")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Profile saved.").wait_for()
    marta.step("profile-saved")

    page.get_by_role("link", name="See how others see it").click()
    page.get_by_role("heading", name="Marta Silva").wait_for()
    assert page.get_by_text("a bookkeeper who knows small studios").is_visible()
    assert page.get_by_text("brand identity reviews over coffee").is_visible()
    marta.step("public-profile")
    journey.finish()


def test_people_to_meet_with_reasons(journey: Journey, community: Community) -> None:
    dana = journey.person("Dana")
    dana.log_in("dana@example.org")
    page = dana.page
    # A member's dashboard leads with what needs an answer and whom to meet.
    dana.step("dashboard")
    dana.expect_visible(
        page.get_by_role("heading", name="People to meet"),
        "the dashboard has no 'People to meet' section",
    )

    dana.nav("People to meet")
    card = page.locator(".match", has_text="Rui Almeida")
    why = card.locator(".why").inner_text()
    assert "bookkeeping" in why, why
    dana.step("people-to-meet")
    dana.expect_scales_with_meaning()

    card.get_by_role("link", name="Rui Almeida").click()
    page.get_by_role("heading", name="Rui Almeida").wait_for()
    assert page.get_by_text("Contact details are private").is_visible()
    dana.step("rui-profile")
    journey.finish()


def test_introduction_accepted_then_both_message(journey: Journey, community: Community) -> None:
    dana = journey.person("Dana")
    _dana_asks_rui(dana)

    # Rui, on his own device: the request waits for him on the dashboard.
    rui = journey.person("Rui")
    rui.log_in("rui@example.org")
    rui.step("dashboard-waiting-for-you")
    waiting = rui.page.locator(
        "section", has=rui.page.get_by_role("heading", name="Waiting for you")
    )
    rui.expect_visible(
        waiting.get_by_text("Dana Okafor"),
        "the dashboard shows no 'Waiting for you' with Dana's introduction request",
    )

    rui.nav("Introductions")
    rui.page.get_by_text(REASON).wait_for()
    rui.step("introduction-to-answer")
    rui.page.get_by_role("button", name="Accept").click()
    rui.page.get_by_text("Accepted: you are now connected.").wait_for()
    rui.step("accepted")

    # The first message: typed with pauses, so the coach looks at it before Send.
    message = rui.page.get_by_label("Your message")
    rui.type_slowly(message, FIRST_MESSAGE)
    rui.step("first-message-with-coach")
    rui.page.get_by_role("button", name="Send").click()
    rui.page.locator(".bubble.mine", has_text="What do your books look like today?").wait_for()
    rui.step("first-message-sent")

    dana.nav("Connections")
    dana.page.locator("li", has_text="Rui Almeida").get_by_role(
        "link", name=re.compile(r"^Messages")
    ).click()
    dana.page.get_by_text("What do your books look like today?").wait_for()
    dana.type_slowly(dana.page.get_by_label("Your message"), REPLY)
    dana.page.get_by_role("button", name="Send").click()
    dana.page.locator(".bubble.mine", has_text="Coffee on Tuesday?").wait_for()
    dana.step("reply-sent")

    # Rui's open thread shows the reply without a reload.
    rui.page.get_by_text("Coffee on Tuesday?").wait_for()
    rui.step("reply-arrives-live")
    journey.finish()


def test_declined_introduction_sticks(journey: Journey, community: Community) -> None:
    dana = journey.person("Dana")
    request_url = _dana_asks_rui(dana)

    rui = journey.person("Rui")
    rui.log_in("rui@example.org")
    rui.nav("Introductions")
    rui.type(rui.page.get_by_label("A note (optional)"), "My books are covered, sorry!")
    rui.page.get_by_role("button", name="Decline").click()
    rui.page.get_by_text("Declined.").wait_for()
    rui.step("declined")

    # Dana: Rui is no longer suggested...
    dana.nav("People to meet")
    dana.page.get_by_role("heading", name="People to meet").wait_for()
    suggested = dana.page.locator(".match", has_text="Rui Almeida").count()
    dana.step("people-to-meet-after-decline")
    dana.expect(suggested == 0, "Rui declined Dana, yet People to meet still suggests him")

    # ...and asking again (the old link, from her history) is refused with a message.
    dana.page.goto(request_url)
    form_shown = dana.page.get_by_label("Why should you two meet?").count() > 0
    if form_shown:
        dana.type(dana.page.get_by_label("Why should you two meet?"), REASON)
        with dana.submitting_invalid_form():
            dana.page.get_by_role("button", name="Send the request").click()
    dana.step("request-again-refused")
    refusal = dana.page.locator(".errors, [role=alert], .message-error, .message-warning")
    dana.expect(refusal.count() > 0, "asking again right after a decline shows no message")
    dana.expect(
        not Introduction.objects.filter(status="pending").exists(),
        "a new request to the member who just declined was accepted and is pending",
    )
    journey.finish()


def _dana_asks_rui(dana: Person) -> str:
    """Dana asks for an introduction to Rui from People to meet; the request page's address."""
    dana.log_in("dana@example.org")
    dana.nav("People to meet")
    dana.page.locator(".match", has_text="Rui Almeida").get_by_role(
        "link", name="Ask for an introduction"
    ).click()
    request_url = str(dana.page.url)
    dana.type_slowly(dana.page.get_by_label("Why should you two meet?"), REASON)
    dana.step("request-with-coach")
    dana.page.get_by_role("button", name="Send the request").click()
    dana.page.get_by_text("Request sent.").wait_for()
    dana.step("request-sent")
    return request_url
