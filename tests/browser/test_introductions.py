from __future__ import annotations

import pytest

from mensch.accounts.models import User
from mensch.connections.selectors import are_connected
from mensch.matching.services import matches_recompute
from tests.browser.conftest import open_personal_menu, screenshot
from tests.factories import PASSWORD, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "You need your books kept and I need a brand refresh: we could help each other."


def log_in(page: object, base: str, email: str) -> None:
    page.goto(f"{base}/login/")  # type: ignore[attr-defined]
    page.get_by_label("Email address").fill(email)  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log in").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{base}/dashboard/")  # type: ignore[attr-defined]


def log_out(page: object) -> None:
    open_personal_menu(page)
    page.get_by_role("button", name="Log out").click()  # type: ignore[attr-defined]
    page.get_by_role("navigation").get_by_role("link", name="Log in").wait_for()  # type: ignore[attr-defined]


@pytest.fixture
def pair(db: None) -> tuple[User, User]:
    rui = make_member(
        "Rui",
        email="rui@example.org",
        industry="Accounting",
        asks=[("supplier", "a designer to refresh our brand identity")],
        offers=[("supplier", "bookkeeping and tax returns for small studios")],
        contact_email="rui.private@example.org",
    )
    dana = make_member(
        "Dana",
        email="dana@example.org",
        industry="Design",
        asks=[("supplier", "someone to keep my studio's books")],
        offers=[("other", "brand identity design for young companies")],
    )
    make_member(
        "Lena",
        industry="Hospitality",
        asks=[("client", "catering for offices")],
        offers=[("supplier", "office lunches and event catering")],
    )
    matches_recompute()
    return dana, rui


def test_member_finds_match_requests_introduction_and_they_exchange_messages(
    live_server: object, page: object, pair: tuple[User, User]
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    dana, rui = pair
    log_in(page, base, "dana@example.org")
    page.get_by_role("link", name="People to meet").click()  # type: ignore[attr-defined]
    card = page.locator(".match", has_text="Rui Example")  # type: ignore[attr-defined]
    assert "which you ask for" in card.locator(".why").inner_text()
    card.get_by_role("link", name="Ask for an introduction").click()
    page.get_by_label("Why should you two meet?").fill(REASON)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Send the request").click()  # type: ignore[attr-defined]
    page.get_by_text("Request sent.").wait_for()  # type: ignore[attr-defined]
    log_out(page)

    log_in(page, base, "rui@example.org")
    page.get_by_role("link", name="Introductions").click()  # type: ignore[attr-defined]
    page.get_by_text(REASON).wait_for()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Accept").click()  # type: ignore[attr-defined]
    page.get_by_text("Accepted: you are now connected.").wait_for()  # type: ignore[attr-defined]
    page.get_by_label("Your message").fill("Glad to meet! What do your books look like today?")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Send").click()  # type: ignore[attr-defined]
    page.locator(".bubble.mine", has_text="What do your books look like today?").wait_for()  # type: ignore[attr-defined]
    log_out(page)

    log_in(page, base, "dana@example.org")
    page.goto(f"{base}/connections/{rui.profile.pk}/")  # type: ignore[attr-defined]
    page.get_by_text("What do your books look like today?").wait_for()  # type: ignore[attr-defined]
    page.get_by_label("Your message").fill("A shoebox of receipts, honestly. Coffee on Tuesday?")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Send").click()  # type: ignore[attr-defined]
    page.locator(".bubble.mine", has_text="Coffee on Tuesday?").wait_for()  # type: ignore[attr-defined]
    page.goto(f"{base}/members/{rui.profile.pk}/")  # type: ignore[attr-defined]
    page.get_by_text("rui.private@example.org").wait_for()  # type: ignore[attr-defined]
    screenshot(page, "introduction-accepted-thread")
    assert are_connected(dana, rui)
    assert page.problems == []  # type: ignore[attr-defined]


def test_declined_introduction_leaves_contact_details_private(
    live_server: object, page: object, pair: tuple[User, User]
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    dana, rui = pair
    log_in(page, base, "dana@example.org")
    page.goto(f"{base}/introductions/request/{rui.profile.pk}/")  # type: ignore[attr-defined]
    page.get_by_label("Why should you two meet?").fill(REASON)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Send the request").click()  # type: ignore[attr-defined]
    log_out(page)

    log_in(page, base, "rui@example.org")
    page.goto(f"{base}/introductions/")  # type: ignore[attr-defined]
    page.get_by_label("A note (optional)").fill("My books are covered, sorry!")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Decline").click()  # type: ignore[attr-defined]
    page.get_by_text("Declined.").wait_for()  # type: ignore[attr-defined]
    log_out(page)

    log_in(page, base, "dana@example.org")
    page.goto(f"{base}/notifications/")  # type: ignore[attr-defined]
    page.get_by_text("Rui Example declined the introduction").wait_for()  # type: ignore[attr-defined]
    page.get_by_text("My books are covered, sorry!").wait_for()  # type: ignore[attr-defined]
    page.goto(f"{base}/members/{rui.profile.pk}/")  # type: ignore[attr-defined]
    page.get_by_text("Contact details are private").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_text("rui.private@example.org").count() == 0  # type: ignore[attr-defined]
    assert not are_connected(dana, rui)
    # The "no" sticks: no button to ask again, no suggestion, and a plain reason why.
    assert page.get_by_role("link", name="Ask for an introduction").count() == 0  # type: ignore[attr-defined]
    page.goto(f"{base}/people-to-meet/")  # type: ignore[attr-defined]
    assert page.locator(".match", has_text="Rui Example").count() == 0  # type: ignore[attr-defined]
    page.goto(f"{base}/introductions/request/{rui.profile.pk}/")  # type: ignore[attr-defined]
    page.get_by_label("Why should you two meet?").fill(REASON)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Send the request").click()  # type: ignore[attr-defined]
    page.get_by_text("Rui Example declined an introduction on").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_text("you can ask again after").is_visible()  # type: ignore[attr-defined]
    screenshot(page, "introduction-declined")
    assert page.problems == []  # type: ignore[attr-defined]
