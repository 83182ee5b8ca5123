"""The real OCR (Tesseract) on a few cards of the evaluation set, and on a photo with no
card in it; slower than the other tests (a few seconds a photo)."""

from __future__ import annotations

import io
import json
import random
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageFilter

from mensch.accounts.models import User
from mensch.contacts import cardscan
from mensch.contacts.models import CardScan, Contact
from tests.contacts.test_card_scan import card_files as card_files
from tests.contacts.test_cli import run

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

EVAL = Path(__file__).resolve().parents[2] / "eval" / "cards"
TRUTH = {card["image"]: card for card in json.loads((EVAL / "truth.json").read_text())}


def cat_photo() -> bytes:
    """Fur-like noise: a photo with no text on it."""
    rng = random.Random(7)
    image = Image.effect_noise((640, 480), 80).convert("RGB").filter(ImageFilter.GaussianBlur(3))
    image = Image.eval(image, lambda v: min(255, v + rng.randint(0, 3)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


@pytest.mark.parametrize("image", ["images/card-00.jpg", "images/card-13.jpg"])
def test_card_read_finds_name_email_and_phone_on_a_photographed_card(image: str) -> None:
    truth = TRUTH[image]
    photo = cardscan.card_image_check((EVAL / image).read_bytes())
    fields = cardscan.card_read(photo, region=truth["region"])
    assert fields.name.casefold() == truth["name"].casefold()
    assert list(fields.emails) == truth["emails"]
    assert sorted(fields.phones) == sorted(truth["phones"])


def test_card_read_of_a_photo_without_text_says_so() -> None:
    with pytest.raises(cardscan.CardImageError, match="No text could be read on this photo"):
        cardscan.card_read(cardscan.card_image_check(cat_photo()), region=None)


def test_contacts_scan_reads_a_zip_and_a_folder_into_cards_to_review(
    owner: User, tmp_path: Path, capsys: pytest.CaptureFixture[str], card_files: Any
) -> None:
    folder = tmp_path / "evening"
    folder.mkdir()
    shutil.copy(EVAL / "images/card-00.jpg", folder / "first.jpg")
    (folder / "notes.txt").write_text("not a card")  # not a photo's name: passed over
    archive = tmp_path / "more.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("cat.jpg", cat_photo())
        zipped.writestr("broken.png", b"\x89PNG but not really")

    assert run("scan", str(folder), str(archive), "--user", owner.email) == 0
    out, err = capsys.readouterr()
    assert out.strip() == ("Done: 1 card read, 2 not read; review them at /contacts/cards/review/.")
    assert "more.zip/cat.jpg: No text could be read on this photo." in err
    assert "more.zip/broken.png: This is not a photo we can read" in err
    read = CardScan.objects.get(owner=owner, status="read")
    assert read.fields["name"] == "José Müller"
    assert CardScan.objects.filter(owner=owner, status="failed").count() == 1
    assert not Contact.objects.exists()


def test_contacts_scan_missing_file_exits_non_zero(
    owner: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("scan", "/no/such/cards", "--user", owner.email) == 2
    assert capsys.readouterr().err.strip() == "/no/such/cards: no such file or folder."
    assert not CardScan.objects.exists()
