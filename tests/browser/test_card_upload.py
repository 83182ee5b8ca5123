"""A business card into a contact, in the browser (issue 17): on a phone, a member picks
the photo of a card, the worker reads it (real Tesseract), the page fills in the contact
by itself, the member corrects a field by typing and saves; the contact keeps the photo."""

from __future__ import annotations

from pathlib import Path

import pytest

from mensch.contacts.models import CardScan, Contact
from tests.browser.conftest import run_worker, screenshot
from tests.browser.test_events import _log_in
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
CARD = Path(__file__).resolve().parents[2] / "eval" / "cards" / "images" / "card-00.jpg"


@pytest.fixture(autouse=True)
def card_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Card photos go to this test's own folder, not the data folder."""
    from django.core.files.storage import FileSystemStorage

    storage = FileSystemStorage(location=tmp_path / "cards")
    for model, name in ((Contact, "card_image"), (CardScan, "image")):
        monkeypatch.setattr(model._meta.get_field(name), "storage", storage)


def test_a_photographed_card_becomes_a_contact_after_a_check(
    live_server: object, page: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    member = make_member("Rita", last_name="Reis", location="Berlin")
    page.set_viewport_size(PHONE)  # type: ignore[attr-defined]
    _log_in(page, base, member)
    page.goto(f"{base}/contacts/cards/")  # type: ignore[attr-defined]
    picker = page.get_by_label("Photo of the card")  # type: ignore[attr-defined]
    assert picker.get_attribute("capture") == "environment"  # the phone's camera opens
    picker.set_input_files(str(CARD))
    page.get_by_role("button", name="Read the card").click()  # type: ignore[attr-defined]
    page.get_by_text("Reading the card").wait_for()  # type: ignore[attr-defined]

    # The page keeps polling while the worker reads. The test's SQLite database is one
    # in-memory file shared by the server's thread and this one, which refuses a second
    # writer at once ("table is locked"), so the polls wait until the worker is done:
    # a route handler of the synchronous API runs only when the test calls Playwright.
    page.route("**/contacts/cards/**", lambda route: route.continue_())  # type: ignore[attr-defined]
    assert run_worker() >= 1  # Tesseract reads it in the worker, not in the request
    # The page polls and fills itself in: no reload by the member.
    name = page.get_by_label("Name")  # type: ignore[attr-defined]
    name.wait_for(timeout=15_000)
    page.get_by_text("Check every field").wait_for()  # type: ignore[attr-defined]
    assert name.input_value() == "José Müller"
    assert page.get_by_label("Email").input_value() == "jmuller@lumen-analytics.de"  # type: ignore[attr-defined]
    assert page.get_by_label("Phone").input_value() == "+49306245971"  # type: ignore[attr-defined]
    screenshot(page, "card-read-phone")
    width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= PHONE["width"], f"page is {width}px wide on a 390px phone"

    # The member corrects the role as a person types, then saves.
    role = page.get_by_label("Role")  # type: ignore[attr-defined]
    role.fill("")
    role.press_sequentially("Head of Product, Berlin office", delay=60)
    page.wait_for_timeout(400)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Save contact").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="José Müller").wait_for()  # type: ignore[attr-defined]
    card = page.get_by_role("link", name="The photographed card")  # type: ignore[attr-defined]
    photo = page.request.get(f"{base}{card.get_attribute('href')}")  # type: ignore[attr-defined]
    assert photo.ok
    assert photo.body()[:3] == b"\xff\xd8\xff"  # the JPEG the member picked

    contact = Contact.objects.get(owner=member)
    assert (contact.name, contact.role, contact.email, contact.phone) == (
        "José Müller",
        "Head of Product, Berlin office",
        "jmuller@lumen-analytics.de",
        "+49306245971",
    )
    assert contact.card_image.name
    assert not CardScan.objects.exists()
    assert page.problems == []  # type: ignore[attr-defined]
