"""Scan to connect in the browser (issue 17): A shows their code on a phone, B opens the
link logged in and connects, both have each other as contacts and A confirms with one
tap; an organizer downloads badges for a 300-person event."""

from __future__ import annotations

import math
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from mensch.contacts.models import Contact
from mensch.meetings.models import Meeting
from mensch.scan.models import Scan
from tests.browser.conftest import run_worker, screenshot
from tests.browser.test_events import _log_in
from tests.factories import make_member
from tests.scan.conftest import bulk_attendees, happening_event, make_organizer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _fits_the_phone(page: object) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= PHONE["width"], f"page is {width}px wide on a 390px phone"


def test_b_scans_a_and_a_confirms_with_one_tap(
    live_server: object, page: object, browser: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    a = make_member("Ana", last_name="Almeida", headline="Tax adviser for freelancers")
    b = make_member("Bruno", last_name="Brito", headline="Furniture maker")
    page.set_viewport_size(PHONE)  # type: ignore[attr-defined]
    _log_in(page, base, a)
    page.goto(f"{base}/scan/")  # type: ignore[attr-defined]
    box = page.locator("#scan-code")  # type: ignore[attr-defined]
    svg = box.locator("svg")
    assert svg.is_visible()
    size = svg.bounding_box()
    assert size["width"] >= 300  # big enough for a camera across a table
    _fits_the_phone(page)
    screenshot(page, "scan-code-phone")
    link = box.get_attribute("data-scan-url")
    assert link.startswith(f"{base}/scan/c/")

    # B's phone: another browser context, logged in as B.
    other = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    problems: list[str] = []
    b_page = other.new_page()
    b_page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    b_page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        _log_in(b_page, base, b)
        b_page.goto(link)
        b_page.get_by_role("heading", name="Connect with Ana Almeida").wait_for()
        b_page.get_by_role("button", name="Connect").click()
        b_page.get_by_text("Ana Almeida is in your contacts, and you are in theirs.").wait_for()
        _fits_the_phone(b_page)
        screenshot(b_page, "scan-connected-phone")
    finally:
        other.close()
    assert problems == []
    assert Contact.objects.filter(owner=b, member=a).exists()
    assert Contact.objects.filter(owner=a, member=b).exists()
    assert Scan.objects.get().status == Scan.Status.WAITING

    # A's one tap.
    page.goto(f"{base}/scan/")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Yes, I met Bruno Brito").click()  # type: ignore[attr-defined]
    page.get_by_text("Your meeting with Bruno Brito is confirmed.").wait_for()  # type: ignore[attr-defined]
    assert Meeting.objects.count() == 1
    assert Scan.objects.get().status == Scan.Status.CONFIRMED
    assert page.problems == []  # type: ignore[attr-defined]


def test_organizer_downloads_badges_for_300_attendees(
    live_server: object, page: object, tmp_path: Path
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    organizer = make_organizer()
    event = happening_event(organizer, capacity=400)
    bulk_attendees(event, 300)
    _log_in(page, base, organizer)
    page.goto(f"{base}/events/{event.pk}/manage/")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Print badges (PDF)").click()  # type: ignore[attr-defined]
    page.get_by_label("US Letter").check()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Make badges").click()  # type: ignore[attr-defined]
    page.locator("#badge-progress").wait_for()  # type: ignore[attr-defined]
    # The worker runs in this thread on the live server's shared in-memory SQLite
    # connection: a poll served while it writes the sheet's progress would meet "database
    # table is locked" (a test-only clash; a real server has its own connections). While
    # the worker runs, the page's requests are intercepted and wait in the browser (this
    # thread answers them only when it next talks to Playwright); then they go on.
    held: list[object] = []

    def hold(route: object) -> None:
        held.append(route)

    page.route("**/*", hold)  # type: ignore[attr-defined]
    try:
        assert run_worker() == 1
    finally:
        page.unroute("**/*", hold)  # type: ignore[attr-defined]
        for route in held:
            route.continue_()  # type: ignore[attr-defined]
    # The page polls, then reloads itself with the download.
    download_link = page.get_by_role("link", name="Download badges (PDF)")  # type: ignore[attr-defined]
    download_link.wait_for()
    assert page.get_by_text("300 badges on 38 sheets, US Letter").is_visible()  # type: ignore[attr-defined]
    with page.expect_download() as caught:  # type: ignore[attr-defined]
        download_link.click()
    path = tmp_path / "badges.pdf"
    caught.value.save_as(path)
    reader = PdfReader(BytesIO(path.read_bytes()))
    assert len(reader.pages) == math.ceil(300 / 8)
    assert "Guest299" in reader.pages[-1].extract_text()
    screenshot(page, "scan-badges")
    assert page.problems == []  # type: ignore[attr-defined]
