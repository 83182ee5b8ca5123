"""A member takes their data with them and puts Mensch in their calendar, on a phone."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

from mensch.accounts.models import CalendarFeed
from mensch.contacts.services import contact_create
from mensch.followups.services import promise_log
from tests.browser.conftest import open_personal_menu, screenshot
from tests.factories import PASSWORD, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_member_downloads_all_their_data_and_subscribes_to_their_calendar_on_a_phone(
    live_server: object, browser: object, tmp_path: Path
) -> None:
    member = make_member(
        "Marta",
        email="marta@example.org",
        asks=[("supplier", "a bookkeeper who knows small studios")],
    )
    contact = contact_create(owner=member, name="Rui Almeida")
    promise_log(owner=member, contact=contact, text="Send Rui the studio brief", owed_by="me")
    stranger = make_member("Sam", email="sam@example.org")
    contact_create(owner=stranger, name="Someone Sam keeps private")

    context = browser.new_context(viewport=PHONE, accept_downloads=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    base = live_server.url  # type: ignore[attr-defined]

    page.goto(f"{base}/login/")
    page.get_by_label("Email address").press_sequentially("marta@example.org", delay=30)
    page.get_by_label("Password").press_sequentially(PASSWORD, delay=30)
    page.wait_for_timeout(300)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/dashboard/")

    # All my data: from the menu, one click, a JSON file with what is hers and nothing else.
    open_personal_menu(page)
    page.locator("details.menu").get_by_role("link", name="All my data").click()
    page.get_by_role("heading", name="All my data").wait_for()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data (JSON)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("mensch-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert [a["text"] for a in document["profile"]["asks"]] == [
        "a bookkeeper who knows small studios"
    ]
    assert [c["name"] for c in document["contacts"]] == ["Rui Almeida"]
    assert "Send Rui the studio brief" in [f["title"] for f in document["followups"]]
    assert "Someone Sam keeps private" not in saved.read_text(encoding="utf-8")

    # The calendar: make the private address, copy it, and the feed carries her promise.
    open_personal_menu(page)
    page.locator("details.menu").get_by_role("link", name="Calendar feed").click()
    page.get_by_role("button", name="Create my private address").click()
    address = page.get_by_label("Private address")
    address.wait_for()
    url = address.input_value()
    assert url.startswith(f"{base}/calendar/")
    assert url.endswith(".ics")
    page.get_by_role("button", name="Copy").click()
    page.get_by_role("status").filter(has_text="op").wait_for()
    screenshot(page, "calendar-feed-phone")
    feed = context.request.get(url)
    assert feed.status == 200
    calendar = icalendar.Calendar.from_ical(feed.body())
    summaries = [str(item.get("summary")) for item in calendar.walk("VEVENT")]
    assert any("Send Rui the studio brief" in summary for summary in summaries)

    # Replacing the address turns the old one off at once.
    page.get_by_role("button", name="Replace the address").click()
    page.get_by_label("Private address").wait_for()
    assert page.get_by_label("Private address").input_value() != url
    assert context.request.get(url).status == 404
    assert CalendarFeed.objects.filter(member=member, revoked_at__isnull=True).count() == 1

    # Nothing on these pages is wider than the phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    context.close()
    assert problems == [], problems
