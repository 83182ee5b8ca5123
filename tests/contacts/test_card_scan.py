"""Business cards into contacts: upload, read in the worker, review, save or discard.

The OCR (a Tesseract subprocess) is the process boundary these tests replace with the
lines it would read; tests/contacts/test_card_ocr.py runs the real one."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_tasks_db.management.commands import db_worker
from PIL import Image

from mensch.accounts.models import User
from mensch.contacts import cardscan
from mensch.contacts.models import CardScan, Contact
from mensch.engine.cards import OcrLine
from tests.sentences import page_text as html_text
from tests.sentences import problems_in
from tests.workers import run_tasks_now

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CARD_LINES = [
    OcrLine("Oceano Digital Lda", height=30),
    OcrLine("Inês Carvalho", height=46),
    OcrLine("Head of Product", height=26),
    OcrLine("Tel. 21 342 1234", height=22),
    OcrLine("ines@oceanodigital.pt", height=22),
    OcrLine("www.oceanodigital.pt", height=22),
    OcrLine("Rua Augusta 27", height=22),
    OcrLine("1100-048 Lisboa", height=22),
]


@pytest.fixture(autouse=True)
def card_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Card photos go to this test's own folder, not the data folder."""
    storage = FileSystemStorage(location=tmp_path / "cards")
    for model, name in ((Contact, "card_image"), (CardScan, "image")):
        monkeypatch.setattr(model._meta.get_field(name), "storage", storage)
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return tmp_path / "cards"


@pytest.fixture
def ocr_reads(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[OcrLine]], None]:
    def _reads(lines: list[OcrLine]) -> None:
        monkeypatch.setattr(cardscan, "ocr_lines", lambda image, **_: lines)

    return _reads


def page_text(response: Any) -> str:
    return html_text(response.content.decode())


def photo(name: str = "card.png", size: tuple[int, int] = (320, 200)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (250, 250, 250)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def upload(client: Client, file: Any, capture: Callable[..., Any]) -> Any:
    with capture(execute=True):
        return client.post(reverse("card_upload"), {"card": file})


def test_card_upload_page_opens_the_phone_camera(owner: User, login_as: Any) -> None:
    page = login_as(owner).get(reverse("card_upload"))
    html = page.content.decode()
    assert 'accept="image/*"' in html
    assert 'capture="environment"' in html
    assert problems_in(page_text(page)) == []


def test_card_upload_reads_the_card_and_prefills_a_contact(
    owner: User,
    login_as: Any,
    ocr_reads: Callable[[list[OcrLine]], None],
    django_capture_on_commit_callbacks: Any,
) -> None:
    ocr_reads(CARD_LINES)
    client = login_as(owner)
    response = upload(client, photo(), django_capture_on_commit_callbacks)
    scan = CardScan.objects.get(owner=owner)
    assert response.url == reverse("card_scan", args=[scan.pk])
    waiting = client.get(response.url)
    assert "Reading the card" in page_text(waiting)
    assert run_tasks_now() == 1

    form = client.get(response.url).context["form"]
    assert {name: form.initial[name] for name in ("name", "company", "role", "email")} == {
        "name": "Inês Carvalho",
        "company": "Oceano Digital Lda",
        "role": "Head of Product",
        "email": "ines@oceanodigital.pt",
    }
    assert form.initial["phone"] == "+351213421234"  # the owner lives in Lisbon
    assert form.initial["url"] == "https://oceanodigital.pt"
    assert form.initial["facts"] == "Rua Augusta 27, 1100-048 Lisboa"
    assert not Contact.objects.exists()


def test_card_review_saves_the_edited_fields_and_keeps_the_photo(
    owner: User,
    stranger: User,
    login_as: Any,
    ocr_reads: Callable[[list[OcrLine]], None],
    django_capture_on_commit_callbacks: Any,
) -> None:
    ocr_reads(CARD_LINES)
    client = login_as(owner)
    upload(client, photo(), django_capture_on_commit_callbacks)
    run_tasks_now()
    scan = CardScan.objects.get(owner=owner)
    fields = dict(client.get(reverse("card_scan", args=[scan.pk])).context["form"].initial)
    fields |= {"name": "Inês Carvalho Silva", "met_event": "", "introducer": ""}
    response = client.post(reverse("card_scan", args=[scan.pk]), fields)

    contact = Contact.objects.get(owner=owner)
    assert response.url == reverse("contact_detail", args=[contact.pk])
    assert (contact.name, contact.phone, contact.email) == (
        "Inês Carvalho Silva",
        "+351213421234",
        "ines@oceanodigital.pt",
    )
    assert not CardScan.objects.exists()
    detail = client.get(response.url)
    assert "The photographed card" in page_text(detail)
    image = client.get(reverse("contact_card_image", args=[contact.pk]))
    assert b"".join(image.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    assert image["Cache-Control"] == "private, no-store"

    other = login_as(stranger).get(reverse("contact_card_image", args=[contact.pk]))
    assert other.status_code == 404


def test_card_scan_pages_are_the_owners_alone(
    owner: User,
    stranger: User,
    login_as: Any,
    ocr_reads: Callable[[list[OcrLine]], None],
    django_capture_on_commit_callbacks: Any,
) -> None:
    ocr_reads(CARD_LINES)
    upload(login_as(owner), photo(), django_capture_on_commit_callbacks)
    run_tasks_now()
    scan = CardScan.objects.get(owner=owner)
    other = login_as(stranger)
    for name in ("card_scan", "card_scan_image"):
        assert other.get(reverse(name, args=[scan.pk])).status_code == 404
    assert other.post(reverse("card_scan", args=[scan.pk]), {"name": "Taken"}).status_code == 404
    assert other.post(reverse("card_scan_discard", args=[scan.pk])).status_code == 404
    assert "Inês" not in page_text(other.get(reverse("card_scans")))
    assert CardScan.objects.filter(pk=scan.pk, status="read").exists()
    assert not Contact.objects.exists()


def test_card_discard_removes_the_card_and_its_photo(
    owner: User,
    login_as: Any,
    ocr_reads: Callable[[list[OcrLine]], None],
    card_files: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    ocr_reads(CARD_LINES)
    client = login_as(owner)
    upload(client, photo(), django_capture_on_commit_callbacks)
    scan = CardScan.objects.get(owner=owner)
    stored = card_files / str(scan.image.name)
    assert stored.exists()
    response = client.post(reverse("card_scan_discard", args=[scan.pk]), follow=True)
    assert "Card discarded; no contact was made." in page_text(response)
    assert not CardScan.objects.exists()
    assert not stored.exists()
    assert not Contact.objects.exists()


def test_card_upload_refuses_a_file_that_is_not_a_photo(owner: User, login_as: Any) -> None:
    file = SimpleUploadedFile("card.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = login_as(owner).post(reverse("card_upload"), {"card": file})
    assert response.status_code == 422
    assert (
        "No contact was made. This is not a photo we can read; upload a JPEG, PNG or HEIC "
        "picture of the card." in page_text(response)
    )
    assert not CardScan.objects.exists()
    assert not Contact.objects.exists()


def test_card_upload_refuses_a_50_mb_file(owner: User, login_as: Any) -> None:
    big = SimpleUploadedFile("card.jpg", b"\xff\xd8\xff" + bytes(50_000_000 - 3))
    response = login_as(owner).post(reverse("card_upload"), {"card": big})
    assert response.status_code == 422
    assert (
        "No contact was made. The file is 50.0 MB; a card's photo can be at most 15 MB."
        in page_text(response)
    )
    assert not CardScan.objects.exists()


def test_card_with_no_text_says_so_and_makes_no_contact(
    owner: User,
    login_as: Any,
    ocr_reads: Callable[[list[OcrLine]], None],
    django_capture_on_commit_callbacks: Any,
) -> None:
    ocr_reads([OcrLine("~", height=12)])
    client = login_as(owner)
    upload(client, photo("cat.png"), django_capture_on_commit_callbacks)
    run_tasks_now()
    scan = CardScan.objects.get(owner=owner)
    page = client.get(reverse("card_scan", args=[scan.pk]))
    assert cardscan.NO_TEXT in page_text(page)
    assert "Save contact" not in page_text(page)
    refused = client.post(reverse("card_scan", args=[scan.pk]), {"name": "Cat"})
    assert refused.status_code == 200
    assert not Contact.objects.exists()


def test_card_review_lists_waiting_cards(
    owner: User, login_as: Any, django_assert_num_queries: Any, card_files: Path
) -> None:
    def add(count: int) -> None:
        for index in range(count):
            scan = CardScan(owner=owner, status="read", fields={"name": f"Person {index}"})
            scan.image.name = f"{owner.pk}/card-{index}.png"
            scan.save()

    client = login_as(owner)
    add(1)
    with django_assert_num_queries(5):  # session, member, the page frame, count, cards
        one = client.get(reverse("card_scans"))
    CardScan.objects.all().delete()
    add(3)
    with django_assert_num_queries(5):
        three = client.get(reverse("card_scans"))
    assert "1 card to check." in page_text(one)
    text = page_text(three)
    assert "3 cards to check." in text
    assert [f"Person {i}" in text for i in range(3)] == [True, True, True]
    assert problems_in(text) == []


def test_card_reading_page_polls_until_the_card_is_read(
    owner: User,
    login_as: Any,
    ocr_reads: Callable[[list[OcrLine]], None],
    django_capture_on_commit_callbacks: Any,
) -> None:
    ocr_reads(CARD_LINES)
    client = login_as(owner)
    url = upload(client, photo(), django_capture_on_commit_callbacks).url
    waiting = client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in waiting.content.decode()
    assert "<html" not in waiting.content.decode()
    run_tasks_now()
    done = client.get(url, headers={"HX-Request": "true"})
    assert (done.status_code, done["HX-Refresh"]) == (204, "true")


def test_deleting_a_contact_deletes_its_card_photo_and_no_other(
    owner: User,
    login_as: Any,
    ocr_reads: Callable[[list[OcrLine]], None],
    card_files: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    ocr_reads(CARD_LINES)
    client = login_as(owner)
    upload(client, photo(), django_capture_on_commit_callbacks)
    run_tasks_now()
    scan = CardScan.objects.get(owner=owner)
    fields = dict(client.get(reverse("card_scan", args=[scan.pk])).context["form"].initial)
    fields |= {"met_event": "", "introducer": ""}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("card_scan", args=[scan.pk]), fields)
    contact = Contact.objects.get(owner=owner)
    stored = card_files / str(contact.card_image.name)
    assert stored.exists()  # the draft's delete left the photo the contact now holds

    upload(client, photo(), django_capture_on_commit_callbacks)
    other_photo = card_files / str(CardScan.objects.get(owner=owner).image.name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("contact_delete", args=[contact.pk]))

    assert not Contact.objects.exists()
    assert not stored.exists()
    assert other_photo.exists()  # another card still waiting for review keeps its photo
