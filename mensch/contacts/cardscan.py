"""Paper business cards into contacts (issue 17).

A member uploads one photo or a batch; each becomes a :class:`CardScan` that the worker
reads (Tesseract OCR, then the card parser in ``mensch.engine.cards``) and the member
reviews: every field is editable, and saving makes a contact that keeps the card's photo.

Tesseract was chosen over RapidOCR after measuring both on ``eval/cards`` (see that
folder's README): it keeps the spaces and accents in names that RapidOCR drops, and it is
an ordinary Debian package.
"""

from __future__ import annotations

import functools
import io
import re
import subprocess
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from PIL import Image, ImageOps, UnidentifiedImageError

from mensch.accounts.models import User
from mensch.contacts.models import CardScan, Contact
from mensch.contacts.services import contact_create
from mensch.engine.cards import CardFields, OcrLine, parse_card, region_for_location

try:  # HEIC photos from iPhones, where the wheel installs
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIC = True
except ImportError:  # pragma: no cover - depends on the platform's wheels
    HEIC = False

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp")
# Tesseract's languages for the names and streets on European cards, the first one leading
# (French first keeps more accents than English first on eval/cards); those not installed
# are skipped.
LANGUAGES = ("fra", "deu", "spa", "por", "eng")
# Tesseract's model for every language written in Latin letters (tesseract-ocr-script-latn).
LATIN_SCRIPT = "Latin"
MAX_PIXELS = 40_000_000
NO_TEXT = (
    "No text could be read on this photo. Photograph the card flat, in good light, "
    "filling most of the picture."
)


class CardImageError(ValueError):
    """A file that can't be a card's photo, with the reason a member can act on."""


def card_max_bytes() -> int:
    return int(settings.CARD_MAX_BYTES)


def card_image_check(data: bytes, *, name: str = "") -> Image.Image:
    """The photo in ``data``, upright and in RGB, or :class:`CardImageError`."""

    def problem(reason: str) -> CardImageError:
        return CardImageError(f"{name}: {reason}" if name else reason[0].upper() + reason[1:])

    limit = card_max_bytes()
    if len(data) > limit:
        raise problem(
            f"the file is {len(data) / 1_000_000:.1f} MB; a card's photo can be at "
            f"most {limit / 1_000_000:g} MB."
        )
    if not data:
        raise problem("the file is empty.")
    formats = "JPEG, PNG or HEIC" if HEIC else "JPEG or PNG"
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise problem("the photo has too many pixels to be a card's photo.")
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, CardImageError):
            raise
        raise problem(
            f"this is not a photo we can read; upload a {formats} picture of the card."
        ) from exc
    except Image.DecompressionBombError as exc:  # pragma: no cover - caught by MAX_PIXELS
        raise problem("the photo has too many pixels.") from exc
    return ImageOps.exif_transpose(image).convert("RGB")


@functools.cache
def _installed_languages() -> frozenset[str]:
    """Tesseract's models here, script models included (pytesseract's own list leaves out
    names that are not lower case, such as "Latin")."""
    import pytesseract  # noqa: PLC0415 -- slow import, only when a card is read

    try:
        listed = subprocess.run(  # noqa: S603 -- the configured tesseract, fixed arguments
            [pytesseract.pytesseract.tesseract_cmd, "--list-langs"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset({"eng"})
    return frozenset(line.strip() for line in listed.splitlines()[1:] if line.strip())


def _languages() -> str:
    chosen = [lang for lang in LANGUAGES if lang in _installed_languages()]
    return "+".join(chosen or ["eng"])


def _tesseract_words(
    gray: Image.Image, languages: str, config: str
) -> tuple[dict[tuple[int, int, int], list[int]], dict[str, list[Any]]]:
    """Tesseract's words grouped by line: (block, paragraph, line) → word indexes."""
    import pytesseract  # noqa: PLC0415 -- slow import, only when a card is read

    data: dict[str, list[Any]] = pytesseract.image_to_data(
        gray, lang=languages, config=config, output_type=pytesseract.Output.DICT
    )
    grouped: dict[tuple[int, int, int], list[int]] = {}
    for index, word in enumerate(data["text"]):
        if str(word).strip() and float(data["conf"][index]) > 0:
            key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
            grouped.setdefault(key, []).append(index)
    return grouped, data


def ocr_lines(image: Image.Image, *, languages: str = "") -> list[OcrLine]:
    """Tesseract's lines for the photo, in reading order, with their boxes."""

    gray = ImageOps.autocontrast(image.convert("L"))
    if gray.width < 1200:  # Tesseract reads small print better a little enlarged
        factor = 1200 / gray.width
        gray = gray.resize((1200, int(gray.height * factor)), Image.Resampling.LANCZOS)
    languages = languages or _languages()
    grouped, data = _tesseract_words(gray, languages, "")
    if len(grouped) < 3:  # the automatic layout found (almost) nothing: try sparse text
        grouped, data = _tesseract_words(gray, languages, "--psm 11")
    lines = []
    for indexes in grouped.values():
        left = min(int(data["left"][i]) for i in indexes)
        top = min(int(data["top"][i]) for i in indexes)
        right = max(int(data["left"][i]) + int(data["width"][i]) for i in indexes)
        heights = sorted(int(data["height"][i]) for i in indexes)
        lines.append(
            OcrLine(
                text=" ".join(str(data["text"][i]) for i in indexes),
                left=left,
                top=top,
                width=right - left,
                height=heights[len(heights) // 2],
                confidence=sum(float(data["conf"][i]) for i in indexes) / len(indexes) / 100,
            )
        )
    return lines


def card_region(member: User) -> str | None:
    """Where the member lives, as a phone region: "Lisbon" → "PT"."""
    profile = getattr(member, "profile", None)
    return region_for_location(profile.location) if profile is not None else None


def card_fields(image: Image.Image, *, region: str | None) -> CardFields:
    """The fields on the card in ``image``, read in two passes where Tesseract has its
    Latin-script model (Debian's tesseract-ocr-script-latn): that model keeps the accents of
    names and streets ("María", "Åberg"), the English one reads addresses on the wire
    (emails, web) better; each field is taken from the pass that reads it best on
    eval/cards, the other pass filling in what it missed."""
    if LATIN_SCRIPT not in _installed_languages():
        return parse_card(ocr_lines(image), region=region)
    words = parse_card(ocr_lines(image, languages=LATIN_SCRIPT), region=region)
    wire = parse_card(ocr_lines(image, languages="eng"), region=region)
    return replace(
        words,
        name=words.name or wire.name,
        company=words.company or wire.company,
        role=words.role or wire.role,
        address=words.address or wire.address,
        emails=wire.emails or words.emails,
        phones=wire.phones or words.phones,
        website=wire.website or words.website,
    )


def card_read(image: Image.Image, *, region: str | None) -> CardFields:
    """The fields on the card in ``image``; :class:`CardImageError` when there are none."""
    fields = card_fields(image, region=region)
    if fields.is_empty:
        raise CardImageError(NO_TEXT)
    return fields


def card_fields_initial(fields: CardFields) -> dict[str, str]:
    """The contact form's first values: the first email and phone in their fields, the
    others and the address kept as facts so that nothing read is lost."""
    facts = [*fields.emails[1:], *fields.phones[1:]]
    if fields.address:
        facts.append(fields.address)
    return {
        "name": fields.name,
        "company": fields.company,
        "role": fields.role,
        "email": fields.emails[0] if fields.emails else "",
        "phone": fields.phones[0] if fields.phones else "",
        "url": f"https://{fields.website}" if fields.website else "",
        "facts": "\n".join(facts),
    }


def _stored_name(name: str) -> str:
    suffix = re.sub(r"[^a-z0-9.]", "", name.lower().rsplit(".", 1)[-1])[:5] if "." in name else ""
    return f"{uuid.uuid4().hex}.{suffix or 'jpg'}"


def card_scan_create(*, owner: User, data: bytes, name: str = "", queue: bool = True) -> CardScan:
    """Keep an uploaded card photo for reading (by the worker, when ``queue``);
    :class:`CardImageError` (and nothing kept) when it is not a photo we can read."""
    card_image_check(data)
    scan = CardScan(owner=owner, original_name=name[:200])
    scan.image.save(_stored_name(name), ContentFile(data), save=False)
    scan.save()
    if queue:
        transaction.on_commit(lambda: read_card_scan.enqueue(scan.pk))
    return scan


def card_photos(paths: Iterable[Path]) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every card photo in the given files, folders and zip files;
    :class:`CardImageError` for a path that does not exist. Photos over the size limit
    come through, for :func:`card_scan_create` to refuse with its reason."""
    for path in paths:
        if not path.exists():
            raise CardImageError(f"{path}: no such file or folder.")
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in IMAGE_SUFFIXES:
                    yield str(child), child.read_bytes()
        elif path.suffix.lower() == ".zip":
            yield from _zip_photos(path)
        else:
            yield str(path), path.read_bytes()


def _zip_photos(path: Path) -> Iterator[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise CardImageError(f"{path}: not a zip file we can open.") from exc
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            suffix = Path(info.filename).suffix.lower()
            if info.is_dir() or suffix not in IMAGE_SUFFIXES or "__MACOSX" in info.filename:
                continue
            if info.file_size > card_max_bytes():
                raise CardImageError(
                    f"{path}: {info.filename} is {info.file_size / 1_000_000:.1f} MB; a "
                    f"card's photo can be at most {card_max_bytes() / 1_000_000:g} MB."
                )
            yield f"{path.name}/{info.filename}", archive.read(info)


def card_scan_read(*, scan: CardScan) -> CardScan:
    """Read the card: the fields it shows, or the reason it could not be read."""
    try:
        with scan.image.open("rb") as handle:
            image = card_image_check(handle.read())
        fields = card_read(image, region=card_region(scan.owner))
    except CardImageError as exc:
        scan.status, scan.problem, scan.fields = CardScan.Status.FAILED, str(exc)[:300], {}
    else:
        scan.status, scan.problem = CardScan.Status.READ, ""
        scan.fields = card_fields_initial(fields)
    scan.save(update_fields=["status", "problem", "fields"])
    return scan


@task()
def read_card_scan(scan_id: int) -> str:
    scan = CardScan.objects.select_related("owner__profile").filter(pk=scan_id).first()
    if scan is None or scan.status != CardScan.Status.READING:
        return "gone"
    return card_scan_read(scan=scan).status


@transaction.atomic
def card_scan_save(*, scan: CardScan, **fields: Any) -> Contact:
    """The reviewed card becomes a contact that keeps the photo; the scan is done."""
    contact = contact_create(owner=scan.owner, **fields)
    contact.card_image.name = scan.image.name  # the same file, now the contact's
    contact.save(update_fields=["card_image"])
    CardScan.objects.filter(pk=scan.pk).delete()
    return contact


def card_scan_discard(*, scan: CardScan) -> None:
    name = scan.image.name
    scan.delete()
    if name and not Contact.objects.filter(card_image=name).exists():
        scan.image.storage.delete(name)


def card_scan_error_text(exc: ValidationError | CardImageError) -> str:
    if isinstance(exc, CardImageError):
        return str(exc)
    return " ".join(exc.messages)
