"""The card parser on OCR lines as Tesseract gives them (no OCR here)."""

from __future__ import annotations

import pytest

from mensch.engine.cards import CardFields, OcrLine, parse_card

pytestmark = pytest.mark.unit


def lines(*rows: tuple[str, int]) -> list[OcrLine]:
    return [OcrLine(text, top=i * 40, height=height) for i, (text, height) in enumerate(rows)]


def test_parse_card_reads_every_field_of_a_plain_card() -> None:
    fields = parse_card(
        lines(
            ("Lumen Analytics GmbH", 25),
            ("José Müller", 37),
            ("Head of Product", 24),
            ("Phone: +49 30 624 5971", 21),
            ("E: jose.muller@lumen-analytics.de", 22),
            ("www.lumen-analytics.de", 22),
            ("Torstraße 115", 21),
            ("10119 Berlin", 21),
        ),
        region="PT",
    )
    assert fields == CardFields(
        name="José Müller",
        company="Lumen Analytics GmbH",
        role="Head of Product",
        emails=("jose.muller@lumen-analytics.de",),
        phones=("+49306245971",),
        website="lumen-analytics.de",
        address="Torstraße 115, 10119 Berlin",
    )


def test_parse_card_numbers_without_country_code_take_the_members_region() -> None:
    card = lines(("Ana Sousa", 40), ("Tel 21 342 1234", 20), ("M 912 345 678", 20))
    assert parse_card(card, region="PT").phones == ("+351213421234", "+351912345678")


def test_parse_card_without_region_keeps_a_national_number_as_printed() -> None:
    assert parse_card(lines(("Ana Sousa", 40), ("Tel 21 342 1234", 20))).phones == ("21 342 1234",)


def test_parse_card_name_is_the_largest_name_like_line_not_the_first() -> None:
    card = lines(("Marea Studio", 30), ("Senior Consultant", 24), ("Chloé Lefèvre", 48))
    fields = parse_card(card)
    assert (fields.name, fields.role, fields.company) == (
        "Chloé Lefèvre",
        "Senior Consultant",
        "Marea Studio",
    )


def test_parse_card_without_sizes_uses_reading_order() -> None:
    card = [OcrLine("Iñigo Núñez"), OcrLine("CTO"), OcrLine("Helix Biotech")]
    fields = parse_card(card)
    assert (fields.name, fields.role, fields.company) == ("Iñigo Núñez", "CTO", "Helix Biotech")


def test_parse_card_company_from_the_email_domain() -> None:
    card = lines(("Grace O'Neill", 40), ("Brightwater", 30), ("grace@brightwater.co.uk", 20))
    assert parse_card(card).company == "Brightwater"


@pytest.mark.parametrize(
    ("printed", "email"),
    [
        ("mail: ana. sousa@br ightwater.co.uk", "ana.sousa@brightwater.co.uk"),
        ("E: jmullerGlumen-analytics.de", "jmuller@lumen-analytics.de"),
        ("inigo (at) helixbio.com", "inigo@helixbio.com"),
        ("noah.fischer@papierco. fr", "noah.fischer@papierco.fr"),
    ],
)
def test_parse_card_mends_emails_the_ocr_split_or_misread(printed: str, email: str) -> None:
    assert parse_card(lines((printed, 20))).emails == (email,)


@pytest.mark.parametrize(
    ("printed", "website"),
    [
        ("https:/helixbio.com", "helixbio.com"),
        ("W: www.brightwater .co.uk", "brightwater.co.uk"),
        ("https://cobalthealth.com/", "cobalthealth.com"),
        ("web: .nordlicht.ch", "nordlicht.ch"),
        # "www." as OCR misreads it; a host that merely begins with w-letters stays whole.
        ("wwww-sierrarobotics.es", "sierrarobotics.es"),
        ("wew.brightwater.co.uk", "brightwater.co.uk"),
        ("www.wee.com", "wee.com"),
        ("weave.io", "weave.io"),
    ],
)
def test_parse_card_web_address_is_the_host(printed: str, website: str) -> None:
    assert parse_card(lines((printed, 20))).website == website


def test_parse_card_email_domain_is_not_taken_for_the_web_address() -> None:
    fields = parse_card(lines(("Emma Clarke", 40), ("emma@kestrelpartners.com", 20)))
    assert (fields.emails, fields.website) == (("emma@kestrelpartners.com",), "")


def test_parse_card_with_no_text_is_empty() -> None:
    assert parse_card([]).is_empty
    assert parse_card(lines(("~ ~", 10), ("|", 12))).is_empty


def test_parse_card_noise_is_not_a_name() -> None:
    fields = parse_card(lines(("x7 #4 ;;", 30), ("ii ll 11", 30)))
    assert fields.name == ""


def test_parse_card_leaves_out_lines_the_ocr_guessed() -> None:
    guessed = [OcrLine("FR Dorn", height=30, confidence=0.4), OcrLine("Coat", confidence=0.3)]
    assert parse_card(guessed).is_empty


def test_parse_card_keeps_an_unsure_line_that_reads_as_an_email() -> None:
    card = [
        OcrLine("Noah Fischer", height=40),
        OcrLine("noah. fischer@papierco. fr", height=20, confidence=0.47),
        OcrLine("x@y.fr fur", height=20, confidence=0.2),
    ]
    assert parse_card(card).emails == ("noah.fischer@papierco.fr",)


def test_parse_card_initials_alone_are_not_a_name() -> None:
    assert parse_card(lines(("FR D.", 40))).name == ""


@pytest.mark.parametrize(
    ("printed", "email"),
    [
        ("Email: ana. sousa@brightwater .co- uk", "ana.sousa@brightwater.co.uk"),
        ("bjorn.aberg@ fjorddesign dk", "bjorn.aberg@fjorddesign.dk"),
    ],
)
def test_parse_card_puts_back_the_dots_the_ocr_lost(printed: str, email: str) -> None:
    assert parse_card(lines((printed, 20))).emails == (email,)


def test_parse_card_https_without_its_slashes_is_still_the_web_address() -> None:
    assert parse_card(lines(("W: https cobalthealth.com", 20))).website == "cobalthealth.com"
