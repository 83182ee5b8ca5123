"""Done when: import a vCard, open a contact, add a note, see the one follow-up a
confirmed meeting created (thank-you note and next meeting), write it now, mark it done
and open the brief."""

from __future__ import annotations

import pytest

from mensch.contacts.models import Contact
from mensch.followups.models import FollowUp
from tests.browser.conftest import screenshot
from tests.contacts.conftest import FILES, confirm_meeting
from tests.factories import PASSWORD, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_import_note_thank_you_task_and_brief(live_server: object, page: object) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    dana = make_member("Dana", last_name="Okafor", email="dana@example.org",
                       goals="Find two bookkeepers to refer clients to.")  # fmt: skip
    ana = make_member(
        "Ana", last_name="Lima", headline="Runs a bakery in Porto",
        asks=[("talent", "a pastry chef for weekends")],
        offers=[("resource", "a test kitchen on Mondays")],
    )  # fmt: skip
    confirm_meeting(dana, ana)

    page.goto(f"{base}/login/")  # type: ignore[attr-defined]
    page.get_by_label("Email address").fill("dana@example.org")  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log in").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{base}/dashboard/")  # type: ignore[attr-defined]

    # Import an iPhone vCard: preview first, then confirm.
    page.goto(f"{base}/contacts/import/")  # type: ignore[attr-defined]
    page.get_by_label("File").set_input_files(str(FILES / "iphone-3.0.vcf"))  # type: ignore[attr-defined]
    page.get_by_role("button", name="Preview").click()  # type: ignore[attr-defined]
    page.get_by_text("2 new").wait_for()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Import 2 people").click()  # type: ignore[attr-defined]
    page.get_by_text("2 created, 0 merged, 0 rejected").wait_for()  # type: ignore[attr-defined]

    # Open an imported contact and add a note (htmx, in place).
    page.get_by_role("link", name="Rui Almeida").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Rui Almeida").wait_for()  # type: ignore[attr-defined]
    page.get_by_label("Note", exact=True).fill("Keeps the books for **three** design studios.")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Add note").click()  # type: ignore[attr-defined]
    page.locator(".note strong", has_text="three").wait_for()  # type: ignore[attr-defined]

    # The confirmed meeting with Ana created ONE task listing what is due; write it now.
    page.goto(f"{base}/followups/")  # type: ignore[attr-defined]
    task = page.locator(".task", has_text="Follow up with Ana Lima")  # type: ignore[attr-defined]
    assert task.get_by_text("Thank-you note").is_visible()
    assert task.get_by_text("Propose a meeting").is_visible()
    assert page.locator(".task").count() == 1  # type: ignore[attr-defined]
    task.get_by_role("link", name="Write it now").click()
    page.get_by_role("heading", name="Messages with Ana Lima").wait_for()  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    task = page.locator(".task", has_text="Follow up with Ana Lima")  # type: ignore[attr-defined]
    task.get_by_role("button", name="Done").click()
    page.locator(".task-closed", has_text="Follow up with Ana Lima").wait_for()  # type: ignore[attr-defined]
    assert FollowUp.objects.get(kind="after_meeting", owner=dana).status == "done"

    # Open the brief for the next meeting with Ana and set its goal.
    page.locator(".task", has_text="Follow up with Ana Lima").get_by_role(  # type: ignore[attr-defined]
        "link", name="Ana Lima"
    ).click()
    page.get_by_role("link", name="Brief for our next meeting").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Brief: Ana Lima").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_text(  # type: ignore[attr-defined]
        "You are looking for a pastry chef for weekends: what would the right one look like?"
    ).is_visible()
    page.get_by_role("textbox", name="Goal of this meeting").fill(
        "Agree on a referral for her bakery brand"
    )  # type: ignore[attr-defined]
    page.get_by_role("button", name="Save goal").click()  # type: ignore[attr-defined]
    page.get_by_text("Goal saved.").wait_for()  # type: ignore[attr-defined]
    assert Contact.objects.get(owner=dana, member=ana).meeting_goal == (
        "Agree on a referral for her bakery brand"
    )
    shot = screenshot(page, "followthrough-brief")
    assert shot.stat().st_size > 10_000
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    assert not page.get_by_role("button", name="Save goal").is_visible()  # type: ignore[attr-defined]
    screenshot(page, "followthrough-brief-print")
    assert page.problems == []  # type: ignore[attr-defined]
