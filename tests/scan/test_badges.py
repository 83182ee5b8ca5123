"""Event badges: a PDF made by the worker, eight to a sheet, the organizer's only."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from io import BytesIO

import pytest
from django.test import Client
from django_tasks_db.management.commands import db_worker
from pypdf import PdfReader

from mensch.accounts.models import User
from mensch.events.services import rsvp_create
from mensch.scan import codes
from mensch.scan.models import BadgeSheet, ScanCode
from tests.scan.conftest import bulk_attendees, happening_event, make_organizer
from tests.sentences import page_text, problems_in
from tests.workers import run_tasks_now

Login = Callable[[User], Client]

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _content(reader: PdfReader) -> str:
    contents = reader.pages[0].get_contents()
    assert contents is not None
    return contents.get_data().decode()


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return run_tasks_now


def test_badges_for_300_attendees_one_sheet_of_eight_per_page(
    login_as: Login, worker: Callable[[], int]
) -> None:
    organizer = make_organizer()
    event = happening_event(organizer, capacity=400)
    people = bulk_attendees(event, 300)
    client = login_as(organizer)
    page = client.post(f"/events/{event.pk}/badges/", {"paper": "letter"}, follow=True)
    assert "Making the badges" in page.content.decode()
    sheet = BadgeSheet.objects.get(event=event)
    assert sheet.status == BadgeSheet.Status.QUEUED
    assert worker() == 1
    sheet.refresh_from_db()
    assert (sheet.status, sheet.progress, sheet.badges) == ("done", 100, 300)
    assert sheet.pages == math.ceil(300 / 8) == 38
    done = client.get(f"/events/{event.pk}/badges/").content.decode()
    assert "300 badges on 38 sheets, US Letter" in done
    assert problems_in(page_text(done)) == []
    response = client.get(f"/events/{event.pk}/badges/download/")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    assert len(reader.pages) == 38
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (612, 792)
    # Words as a reader sees them (a long name or headline wraps onto two lines).
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for number, person in enumerate(people):
        assert (
            f"{person.first_name} Badgeholder Bookkeeper for studios, number {number} "
            f"Looking for clients for service {number}"
        ) in text
    # Everyone got a code, and the badge's code leads to them.
    assert ScanCode.objects.filter(member__in=people).count() == 300


def test_badges_on_a4_carry_a_working_code(
    login_as: Login, worker: Callable[[], int], owner: User
) -> None:
    organizer = make_organizer()
    event = happening_event(organizer)
    rsvp_create(event=event, member=owner)
    client = login_as(organizer)
    client.post(f"/events/{event.pk}/badges/", {"paper": "a4"})
    worker()
    reader = PdfReader(BytesIO(client.get(f"/events/{event.pk}/badges/download/").content))
    assert len(reader.pages) == 1
    assert round(reader.pages[0].mediabox.height) == 842
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Dana Okafor" in text
    assert "someone to keep my studio's books" in text
    # The squares drawn are the QR code of the link on the badge, module for module, and
    # that link is the member's current code.
    (annotation,) = reader.pages[0]["/Annots"]
    url = annotation.get_object()["/A"]["/URI"]
    assert codes.member_for_token(url.rstrip("/").rsplit("/", 1)[1]) == owner
    drawn = re.findall(r"(?<![\d.])(\d+) (\d+) (\d+) 1 re", _content(reader))
    expected = codes.qr_drawing(url)
    grid = [[False] * expected.size for _ in range(expected.size)]
    for col, row, run in ((int(a), int(b), int(c)) for a, b, c in drawn):
        for offset in range(run):
            grid[row][col + offset] = True
    assert grid == expected.rows


def test_bad_paper_is_refused_with_a_message(login_as: Login) -> None:
    organizer = make_organizer()
    event = happening_event(organizer)
    html = (
        login_as(organizer)
        .post(f"/events/{event.pk}/badges/", {"paper": "tabloid"}, follow=True)
        .content.decode()
    )
    assert "Choose A4 or US Letter." in html
    assert BadgeSheet.objects.get(event=event).status == BadgeSheet.Status.IDLE


def test_another_member_cannot_make_or_download_badges(
    login_as: Login, worker: Callable[[], int], stranger: User
) -> None:
    organizer = make_organizer()
    event = happening_event(organizer)
    client = login_as(organizer)
    client.post(f"/events/{event.pk}/badges/", {"paper": "a4"})
    worker()
    other_organizer = make_organizer("Otto")
    for intruder, status in ((stranger, 403), (other_organizer, 404)):
        outsider = login_as(intruder)
        assert outsider.get(f"/events/{event.pk}/badges/").status_code == status
        assert outsider.get(f"/events/{event.pk}/badges/status/").status_code == status
        assert outsider.get(f"/events/{event.pk}/badges/download/").status_code == status
        assert (
            outsider.post(f"/events/{event.pk}/badges/", {"paper": "letter"}).status_code == status
        )
    sheet = BadgeSheet.objects.get(event=event)
    assert (sheet.job, sheet.paper, sheet.status) == (1, "a4", "done")
    assert Client().get(f"/events/{event.pk}/badges/download/").status_code == 302


def test_download_before_any_badges_is_404(login_as: Login) -> None:
    organizer = make_organizer()
    event = happening_event(organizer)
    assert login_as(organizer).get(f"/events/{event.pk}/badges/download/").status_code == 404


def test_status_is_polled_while_running_and_refreshes_when_done(
    login_as: Login, worker: Callable[[], int]
) -> None:
    organizer = make_organizer()
    event = happening_event(organizer)
    client = login_as(organizer)
    client.post(f"/events/{event.pk}/badges/", {"paper": "a4"})
    polling = client.get(f"/events/{event.pk}/badges/status/?polling=1", HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in polling.content.decode()
    assert "HX-Refresh" not in polling
    worker()
    finished = client.get(f"/events/{event.pk}/badges/status/?polling=1", HTTP_HX_REQUEST="true")
    assert finished["HX-Refresh"] == "true"


def test_the_console_links_to_badges(login_as: Login) -> None:
    organizer = make_organizer()
    event = happening_event(organizer)
    html = login_as(organizer).get(f"/events/{event.pk}/manage/").content.decode()
    assert f'href="/events/{event.pk}/badges/"' in html
