"""Done when: right after an accepted introduction a member types a first message as a
person types (pausing, so the listening coach reads it), reads the coach, sends it and
sees it in the thread; and a reply from the other member appears without a reload while
a half-typed draft stays in the composer."""

from __future__ import annotations

import pytest

from mensch.accounts.models import User
from mensch.connections.models import Message
from mensch.connections.services import connection_create, message_send
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = "Glad to meet! What do your books look like today, and where do they hurt most?"
DRAFT = "Thanks, that helps. Could we"
REPLY = "Mostly receipts in a shoebox, and VAT every quarter scares me."


@pytest.fixture
def pair(db: None) -> tuple[User, User]:
    rui = make_member(
        "Rui",
        email="rui@example.org",
        offers=[("supplier", "bookkeeping and tax returns for small studios")],
    )
    dana = make_member(
        "Dana",
        email="dana@example.org",
        asks=[("supplier", "someone to keep my studio's books")],
    )
    connection_create(member=rui, other=dana, source="introduction")
    return rui, dana


def log_in(page: object, base: str, email: str) -> None:
    page.goto(f"{base}/login/")  # type: ignore[attr-defined]
    page.get_by_label("Email address").fill(email)  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log in").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{base}/dashboard/")  # type: ignore[attr-defined]


def test_first_message_typed_with_pauses_reads_the_coach_and_sends(
    live_server: object, page: object, pair: tuple[User, User]
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    rui, dana = pair
    log_in(page, base, "rui@example.org")
    page.goto(f"{base}/connections/{dana.profile.pk}/")  # type: ignore[attr-defined]

    composer = page.get_by_label("Your message")  # type: ignore[attr-defined]
    half = len(FIRST) // 2
    composer.press_sequentially(FIRST[:half], delay=60)
    page.wait_for_timeout(700)  # type: ignore[attr-defined]
    composer.press_sequentially(FIRST[half:], delay=60)
    page.wait_for_timeout(700)  # type: ignore[attr-defined]
    coach = page.locator("#coach")  # type: ignore[attr-defined]
    coach.get_by_text("Listening coach").wait_for()
    # The coach spoke in its own panel: the composer and the draft are still there.
    assert composer.input_value() == FIRST
    screenshot(page, "thread-first-message-coach")

    page.get_by_role("button", name="Send").click()  # type: ignore[attr-defined]
    page.locator(".bubble.mine", has_text=FIRST).wait_for()  # type: ignore[attr-defined]
    assert page.get_by_label("Your message").input_value() == ""  # type: ignore[attr-defined]
    screenshot(page, "thread-first-message-sent")
    assert Message.objects.get(sender=rui).body == FIRST
    assert page.problems == []  # type: ignore[attr-defined]


def test_reply_appears_without_reload_and_the_draft_stays(
    live_server: object, page: object, pair: tuple[User, User]
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    rui, dana = pair
    message_send(sender=rui, recipient=dana, body=FIRST)
    log_in(page, base, "rui@example.org")
    page.goto(f"{base}/connections/{dana.profile.pk}/")  # type: ignore[attr-defined]
    page.locator(".bubble.mine", has_text=FIRST).wait_for()  # type: ignore[attr-defined]
    composer = page.get_by_label("Your message")  # type: ignore[attr-defined]
    composer.press_sequentially(DRAFT, delay=60)

    message_send(sender=dana, recipient=rui, body=REPLY)
    page.locator(".bubble", has_text=REPLY).wait_for()  # type: ignore[attr-defined]
    assert page.get_by_label("Your message").input_value() == DRAFT  # type: ignore[attr-defined]
    assert composer.evaluate("el => el === document.activeElement")
    screenshot(page, "thread-live-reply")
    assert page.problems == []  # type: ignore[attr-defined]
