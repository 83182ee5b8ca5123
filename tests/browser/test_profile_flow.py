from __future__ import annotations

import pytest

from mensch.accounts.models import User
from tests.browser.conftest import screenshot
from tests.browser.signup import sign_up
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_new_member_signs_up_adds_ask_and_offer_and_sees_them_on_public_profile(
    live_server: object, page: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    # The form, "Check your email", then the emailed link: signed in on the profile editor.
    sign_up(page, base, "marta@example.org", PASSWORD, "Marta", "Silva")
    page.get_by_text("Welcome to Mensch.").wait_for()

    asks = page.locator("#asks")
    asks.get_by_label("Kind").select_option("supplier")
    asks.get_by_label("I am looking for…").fill("a bookkeeper who knows small studios")
    asks.get_by_role("button", name="Add ask").click()
    page.locator("#asks .item-text", has_text="a bookkeeper who knows small studios").wait_for()

    offers = page.locator("#offers")
    offers.get_by_label("Kind").select_option("advice")
    offers.get_by_label("I can offer…").fill("brand identity reviews over coffee")
    offers.get_by_role("button", name="Add offer").click()
    page.locator("#offers .item-text", has_text="brand identity reviews over coffee").wait_for()

    # An empty ask is refused in place, with the reason next to the field.
    asks = page.locator("#asks")
    asks.get_by_role("button", name="Add ask").click()
    page.locator("#asks .error", has_text="This field cannot be blank.").wait_for()

    page.get_by_label("Headline").fill("Brand designer for independent studios")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Profile saved.").wait_for()

    page.get_by_role("link", name="See how others see it").click()
    page.get_by_role("heading", name="Marta Silva").wait_for()
    assert page.get_by_text("a bookkeeper who knows small studios").is_visible()
    assert page.get_by_text("brand identity reviews over coffee").is_visible()
    assert page.get_by_text("Brand designer for independent studios").is_visible()
    shot = screenshot(page, "public-profile")
    assert shot.stat().st_size > 10_000

    member = User.objects.get(email="marta@example.org")
    assert list(member.profile.asks.values_list("text", flat=True)) == [
        "a bookkeeper who knows small studios"
    ]
    # htmx ran under the strict Content Security Policy without a single violation.
    assert page.problems == []  # type: ignore[attr-defined]
