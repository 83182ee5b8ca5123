"""The profile, contact and chat pages stay inside the Content Security Policy through their
htmx swaps, and fit a phone's screen without scrolling sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, ViewportSize
from pytest_django.live_server_helper import LiveServer

from mensch.accounts.models import User
from mensch.contacts.services import contact_create, note_add
from mensch.events.models import Event, Rsvp
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_member
from tests.trust.conftest import make_event, make_organizer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def _member_with_contact_and_event() -> tuple[User, int, Event]:
    member = make_member(
        "Dana",
        last_name="Okafor",
        email="dana@example.org",
        headline="Brand identity designer for small studios",
        location="Lisbon, Portugal",
        asks=[("supplier", "someone to keep my studio's books")],
        offers=[("other", "brand identity design for young companies")],
    )
    contact = contact_create(
        owner=member,
        name="Rui Almeida",
        company="Almeida & Filhos",
        role="Bookkeeper",
        email="rui.almeida.long.address@almeida-e-filhos.example.pt",
        url="https://almeida-e-filhos.example.pt/servicos/contabilidade-para-estudios",
        tags="clients, Lisbon",
        facts="two kids\ncycles to work",
    )
    note_add(contact=contact, body="Met at the **breakfast**; wants a designer in spring.")
    event = make_event(make_organizer("Olga", last_name="Organizer"), title="Lisbon Founders")
    Rsvp.objects.create(event=event, member=member)
    return member, contact.pk, event


def _drag_taller(page: Page, textarea: Locator) -> None:
    """Drag the textarea's resize corner as a person does; the browser then keeps the new
    size in the element's style attribute, which htmx's settling used to copy by hand."""
    textarea.scroll_into_view_if_needed()
    box = textarea.bounding_box()
    assert box is not None
    corner_x, corner_y = box["x"] + box["width"] - 3, box["y"] + box["height"] - 3
    page.mouse.move(corner_x, corner_y)
    page.mouse.down()
    page.mouse.move(corner_x, corner_y + 60, steps=5)
    page.mouse.up()
    assert textarea.get_attribute("style")


def _fits_the_screen(page: Page, where: str) -> None:
    overflow = page.evaluate(OVERFLOW)
    assert overflow <= 0, f"{where} is {overflow}px wider than the phone's screen"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_profile_contact_and_chat_swaps_raise_no_console_errors_and_fit_the_screen(
    live_server: LiveServer, page: Page, viewport: ViewportSize
) -> None:
    _, contact_id, event = _member_with_contact_and_event()
    phone = viewport == PHONE
    size = "phone" if phone else "desktop"
    page.set_viewport_size(viewport)
    base = live_server.url

    page.goto(f"{base}/login/")
    page.get_by_label("Email address").fill("dana@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/dashboard/")

    # Profile: add an ask, then remove it, both through htmx.
    page.goto(f"{base}/profile/")
    if phone:
        _fits_the_screen(page, "My profile")
    asks = page.locator("#asks")
    asks.get_by_label("Kind").select_option("supplier")
    asks.get_by_label("I am looking for…").fill("a photographer for product shots")
    asks.get_by_role("button", name="Add ask").click()
    added = page.locator("#asks .item-text", has_text="a photographer for product shots")
    added.wait_for()
    page.locator("#asks").get_by_role(
        "button", name="Remove ask: a photographer for product shots"
    ).click()
    added.wait_for(state="detached")
    if phone:
        _fits_the_screen(page, "My profile after the swaps")
    screenshot(page, f"csp-profile-{size}")

    # Contact: add a note through htmx.
    page.goto(f"{base}/contacts/{contact_id}/")
    if phone:
        _fits_the_screen(page, "The contact page")
    timeline = page.locator("#timeline-area")
    _drag_taller(page, timeline.get_by_label("Note"))
    timeline.get_by_label("Note").fill("Sent him the *pricing* deck.")
    timeline.get_by_role("button", name="Add note").click()
    page.locator("#timeline-area .note em", has_text="pricing").wait_for()
    if phone:
        _fits_the_screen(page, "The contact page after adding a note")
    screenshot(page, f"csp-contact-{size}")

    # Event chat: post a message through htmx.
    page.goto(f"{base}/events/{event.pk}/chat/")
    if phone:
        _fits_the_screen(page, "The event chat")
    _drag_taller(page, page.get_by_label("Say something to the room"))
    page.get_by_label("Say something to the room").fill(
        "Is anyone here working with small studios on pricing?"
    )
    page.get_by_role("button", name="Post").click()
    page.locator(".chat-message", has_text="working with small studios on pricing").wait_for()
    if phone:
        _fits_the_screen(page, "The event chat after posting")
    screenshot(page, f"csp-chat-{size}")

    assert page.problems == []  # type: ignore[attr-defined]
