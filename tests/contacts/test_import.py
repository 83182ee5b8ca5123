"""Imports of files written by other software (phones, mail programs, LinkedIn, Excel)."""

from __future__ import annotations

import pytest

from mensch.accounts.models import User
from mensch.contacts.importing import ImportFileError, parse_contacts_file
from mensch.contacts.imports import contacts_import, import_preview
from mensch.contacts.models import Contact
from mensch.contacts.services import contact_create
from tests.contacts.conftest import FILES


def _read(name: str) -> bytes:
    return (FILES / name).read_bytes()


def _people(name: str) -> list[tuple[str, str, str, str, str]]:
    parsed = parse_contacts_file(_read(name))
    return [(r.name, r.company, r.role, r.email, r.phone) for r in parsed.rows]


@pytest.mark.unit
def test_iphone_vcard_3_with_photo_and_item_labels() -> None:
    parsed = parse_contacts_file(_read("iphone-3.0.vcf"))
    assert parsed.kind == "vcard"
    assert _people("iphone-3.0.vcf") == [
        ("Dana Okafor", "Studio Okafor", "Founder", "dana@studio-okafor.pt", "+351 912 345 678"),
        ("Rui Almeida", "Almeida & Filhos Lda", "Bookkeeper", "rui@almeida-filhos.pt",
         "+351 21 000 1111"),
    ]  # fmt: skip
    assert parsed.rows[0].notes == "Met at Lisbon Design Week.\nLikes espresso, hates small talk."
    assert parsed.rows[0].url == "https://studio-okafor.pt"
    assert parsed.rows[1].tags == ["Clients", "Lisbon"]


@pytest.mark.unit
def test_android_vcard_2_1_with_quoted_printable_soft_line_breaks() -> None:
    parsed = parse_contacts_file(_read("android-2.1.vcf"))
    first = parsed.rows[0]
    assert (first.name, first.company, first.role) == (
        "Jürgen Müller",
        "Bäckerei Müller GmbH",
        "Geschäftsführer",
    )
    assert first.phone == "+49 170 1234567"  # the preferred mobile number
    assert (
        first.notes
        == "Kennengelernt auf der Messe in Köln. Möchte eine neue Website für die Bäckerei."
    )
    assert (parsed.rows[1].name, parsed.rows[1].line) == ("Ana Santos", 14)


@pytest.mark.unit
def test_vcard_4_0_with_tel_uri() -> None:
    assert _people("nextcloud-4.0.vcf") == [
        (
            "Li Wei",
            "Harbour Logistics",
            "Operations lead",
            "wei.li@example.cn",
            "+86-138-0013-8000",
        ),
        ("Priya Nair", "", "", "priya@example.in", ""),
    ]


@pytest.mark.unit
def test_google_contacts_csv_maps_its_columns_and_labels() -> None:
    parsed = parse_contacts_file(_read("google-contacts.csv"))
    assert parsed.mapping["email"] == "E-mail 1 - Value"
    assert parsed.mapping["company"] == "Organization Name"
    first, second = parsed.rows
    assert (first.name, first.role, first.tags) == ("Marta Silva", "Architect", ["Architects"])
    assert first.notes == "Wants a bookkeeper.\nAsked about our studio rates."
    # Google puts several numbers in one cell, separated by " ::: ".
    assert (second.name, second.phone, second.line) == ("Tomás Ferreira", "+351 96 555 4444", 4)


@pytest.mark.unit
def test_outlook_csv_in_windows_1252() -> None:
    parsed = parse_contacts_file(_read("outlook-windows-1252.csv"))
    assert parsed.encoding == "cp1252"
    francois = parsed.rows[0]
    # Outlook's "Title" is Mr./Mrs.: the role is "Job Title".
    assert (francois.name, francois.company, francois.role) == (
        "François Lefèvre",
        "Café Crème SARL",
        "Gérant",
    )
    assert francois.notes == "Prix: 1 200 € par mois – à confirmer"
    assert francois.tags == ["Fournisseurs", "Paris"]


@pytest.mark.unit
def test_linkedin_connections_finds_the_header_after_the_notes() -> None:
    parsed = parse_contacts_file(_read("Connections.csv"))
    assert parsed.kind == "linkedin"
    ana, jonas, chioma = parsed.rows
    assert (ana.name, ana.company, ana.role, ana.met_on.isoformat(), ana.line) == (
        "Ana Pereira",
        "Pereira Consulting",
        "Managing Partner",
        "2024-03-15",
        5,
    )
    assert (jonas.company, jonas.role, jonas.email) == (
        "Becker, Weiss & Partner",
        "Head of Sales, DACH",
        "jonas@becker.de",
    )
    assert chioma.url == "https://www.linkedin.com/in/chiomaeze"
    assert ana.met_how == "Connected on LinkedIn"


@pytest.mark.unit
def test_linkedin_header_is_found_whatever_the_number_of_notes_lines() -> None:
    data = _read("Connections.csv").replace(b"Notes:\n", b"Notes:\nOne more line\n\n")
    assert [r.name for r in parse_contacts_file(data).rows][0] == "Ana Pereira"


@pytest.mark.unit
def test_excel_unicode_text_is_utf16_and_tab_separated() -> None:
    parsed = parse_contacts_file(_read("excel-unicode-text-utf16.csv"))
    assert parsed.encoding == "utf-16"
    assert [(r.name, r.company) for r in parsed.rows] == [
        ("Zoë Ångström", "Nordljus AB"),
        ("Çağan Yıldız", "İstanbul Tasarım"),
    ]


@pytest.mark.unit
def test_utf8_with_bom_keeps_the_first_column_name() -> None:
    parsed = parse_contacts_file(_read("utf8-bom.csv"))
    assert parsed.mapping["name"] == "Name"
    assert parsed.rows[0].name == "José Núñez"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\n", "Line 1: This vCard has no END:VCARD line."),
        (b"Name,Email\nAna,ana@example.org,extra,values\n",
         "Line 2: The row has 4 values but the header has 2 columns."),
        (b"Colour,Size\nred,4\n", "Line 1: No column holds a name or an email address"),
        (b"just one line of text\n", "Line 1: No column holds a name or an email address"),
        (b"\xef\xbb\xbfName\nJos\xe9\n", "The file says it is UTF-8 but is not valid UTF-8."),
        (b"\xff\xfeN\x00\x00\xd8", "The file says it is UTF-16 but is not valid UTF-16."),
    ],
)  # fmt: skip
def test_bad_files_are_refused_naming_the_line_and_reason(data: bytes, message: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        parse_contacts_file(data)
    assert str(caught.value).startswith(message)


@pytest.mark.unit
def test_broken_vcard_names_the_line() -> None:
    with pytest.raises(ImportFileError) as caught:
        parse_contacts_file(_read("broken.vcf"))
    assert str(caught.value) == (
        "Line 8: This line is not a vCard property (NAME:value): 'this line has no colon'."
    )


@pytest.mark.unit
def test_size_and_row_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    from mensch.contacts import importing

    with pytest.raises(ImportFileError, match="the limit is 5 MB"):
        parse_contacts_file(b"x" * (5 * 1024 * 1024 + 1))
    monkeypatch.setattr(importing, "MAX_ROWS", 2)
    with pytest.raises(ImportFileError, match="more than 2 contacts"):
        parse_contacts_file(b"Name\nA\nB\nC\n")


@pytest.mark.integration
@pytest.mark.django_db
def test_import_creates_merges_and_rejects_in_one_go(owner: User) -> None:
    existing = contact_create(owner=owner, name="Rui Almeida", company="Almeida e Filhos Lda")
    rows = parse_contacts_file(
        _read("iphone-3.0.vcf")
        + b"BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:not an email\r\nFN:Bad Email\r\nEND:VCARD\r\n"
    ).rows
    preview = import_preview(owner=owner, rows=rows)
    assert [(p.status, p.duplicate_of) for p in preview] == [
        ("new", None),
        ("duplicate", existing.pk),
        ("rejected", None),
    ]
    assert preview[2].reason == "email: Enter a valid email address."
    result = contacts_import(owner=owner, rows=rows, merge=True)
    assert (result.created, result.merged, result.rejected) == (1, 1, 1)
    assert result.rejections == ["Line 33: email: Enter a valid email address."]
    existing.refresh_from_db()
    assert (existing.email, existing.phone) == ("rui@almeida-filhos.pt", "+351 21 000 1111")
    assert sorted(existing.tags.values_list("name", flat=True)) == ["Clients", "Lisbon"]
    dana = Contact.objects.get(owner=owner, name="Dana Okafor")
    assert list(dana.interactions.values_list("kind", "body")) == [
        ("note", "Met at Lisbon Design Week.\nLikes espresso, hates small talk.")
    ]


@pytest.mark.integration
@pytest.mark.django_db
def test_duplicates_within_one_file_are_merged_together(owner: User) -> None:
    rows = parse_contacts_file(
        b"Name,Email,Phone\nAna Lima,ana@x.org,\nAna Lima,,+351 91 234 5678\n"
    ).rows
    result = contacts_import(owner=owner, rows=rows)
    assert (result.created, result.merged) == (1, 1)
    assert list(Contact.objects.filter(owner=owner).values_list("email", "phone")) == [
        ("ana@x.org", "+351 91 234 5678")
    ]


@pytest.mark.integration
@pytest.mark.django_db
def test_keeping_duplicates_creates_them_separately(owner: User) -> None:
    contact_create(owner=owner, name="Ana Lima", email="ana@x.org")
    rows = parse_contacts_file(b"Name,Email\nAna L.,ana@x.org\n").rows
    result = contacts_import(owner=owner, rows=rows, merge=False)
    assert (result.created, result.merged, result.duplicates_kept) == (1, 0, 1)
    assert Contact.objects.filter(owner=owner).count() == 2


@pytest.mark.integration
@pytest.mark.django_db
def test_dry_run_counts_but_saves_nothing(owner: User) -> None:
    rows = parse_contacts_file(_read("Connections.csv")).rows
    result = contacts_import(owner=owner, rows=rows, dry_run=True)
    assert (result.created, result.merged, result.rejected) == (3, 0, 0)
    assert not Contact.objects.filter(owner=owner).exists()


@pytest.mark.integration
@pytest.mark.django_db
def test_every_fixture_file_imports(owner: User) -> None:
    totals = {}
    for path in sorted(FILES.iterdir()):
        if path.name == "broken.vcf":
            continue
        result = contacts_import(owner=owner, rows=parse_contacts_file(path.read_bytes()).rows)
        totals[path.name] = (result.created + result.merged, result.rejected)
    assert totals == {
        "Connections.csv": (3, 0),
        "android-2.1.vcf": (2, 0),
        "excel-unicode-text-utf16.csv": (2, 0),
        "google-contacts.csv": (2, 0),
        "iphone-3.0.vcf": (2, 0),
        "nextcloud-4.0.vcf": (2, 0),
        "outlook-windows-1252.csv": (2, 0),
        "utf8-bom.csv": (1, 0),
    }


@pytest.mark.integration
@pytest.mark.django_db
def test_similar_names_are_duplicates_only_at_the_same_company(owner: User) -> None:
    existing = contact_create(owner=owner, name="John Smith", company="Acme Ltd")
    rows = parse_contacts_file(
        b"Name,Company\n"
        b"Jon Smith,Acme\n"  # a typo at the same company: the same person
        b"John Smith,Globex\n"  # the same name elsewhere: someone else
        b"Person 1,Company 1\n"
        b"Person 2,Company 2\n"  # numbered look-alikes are different people
    ).rows
    statuses = [(p.status, p.duplicate_of) for p in import_preview(owner=owner, rows=rows)]
    assert statuses == [("duplicate", existing.pk), ("new", None), ("new", None), ("new", None)]
