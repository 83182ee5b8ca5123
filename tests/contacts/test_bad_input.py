"""Hostile input around contacts (issue 12, findings 2, 5, 7 and 9): bounded keep-in-touch
intervals, no login email copied into anyone's contacts, uploads checked before they are
read, and no parameter or null that turns into a 500."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import resolve

from mensch.accounts.models import User
from mensch.accounts.services import api_token_create
from mensch.contacts.importing import MAX_BYTES, ImportFileError
from mensch.contacts.models import Contact, Tag
from mensch.contacts.services import contact_create, contact_update, tag_cadence_set
from mensch.introductions.services import introduction_accept, introduction_request
from tests.contacts.conftest import confirm_meeting
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Login = Callable[[User], Client]
API = Callable[[User], Client]
SIX_MB = 6 * 1024 * 1024


# -- finding 2: keep-in-touch intervals are bounded ---------------------------------------


def test_a_keep_in_touch_interval_is_at_most_ten_years_with_a_message_naming_it(
    owner: User, rui: Contact
) -> None:
    with pytest.raises(ValidationError) as caught:
        contact_update(contact=rui, ideal_days=3651)
    assert caught.value.message_dict == {
        "ideal_days": ["The ideal interval can be at most 3650 days (ten years)."]
    }
    with pytest.raises(ValidationError) as caught:
        tag_cadence_set(owner=owner, name="clients", ideal_days=30, max_days=3_000_000)
    assert caught.value.message_dict == {
        "max_days": ["The maximum interval can be at most 3650 days (ten years)."]
    }
    contact_update(contact=rui, ideal_days=3650, max_days=3650)
    rui.refresh_from_db()
    assert (rui.ideal_days, rui.max_days) == (3650, 3650)
    assert Tag.objects.get(owner=owner, name="clients").max_days is None


@pytest.mark.parametrize("days", [3651, 3_000_000, 2**40])
def test_the_api_refuses_a_huge_interval_naming_the_field(
    owner: User, rui: Contact, api_for: API, days: int
) -> None:
    api = api_for(owner)
    created = api.post(
        "/api/v1/contacts",
        {"name": "Ana", "ideal_days": days},
        content_type="application/json",
    )
    assert created.status_code == 422
    assert list(created.json()["errors"]) == ["ideal_days"]
    patched = api.patch(
        f"/api/v1/contacts/{rui.pk}", {"max_days": days}, content_type="application/json"
    )
    assert patched.status_code == 422
    assert list(patched.json()["errors"]) == ["max_days"]
    tag = api.put(
        "/api/v1/contacts/tags/clients", {"ideal_days": days}, content_type="application/json"
    )
    assert tag.status_code == 422
    assert list(tag.json()["errors"]) == ["ideal_days"]
    assert list(Contact.objects.filter(owner=owner).values_list("name", "ideal_days")) == [
        ("Rui Almeida", None)
    ]


# -- finding 5: no login email copied into contacts --------------------------------------


def test_a_confirmed_meeting_copies_only_the_details_a_member_shows_connections(
    owner: User,
) -> None:
    ana = make_member(
        "Ana",
        last_name="Lima",
        email="ana.login@example.org",
        contact_email="hello@ana.example",
        phone="+351 22 000 0000",
        website="https://ana.example",
    )
    bo = make_member("Bo", last_name="Quiet", email="bo.login@example.org")
    confirm_meeting(owner, ana)
    confirm_meeting(owner, bo)

    shown = Contact.objects.get(owner=owner, member=ana)
    assert (shown.email, shown.phone, shown.url) == (
        "hello@ana.example",
        "+351 22 000 0000",
        "https://ana.example",
    )
    quiet = Contact.objects.get(owner=owner, member=bo)
    assert (quiet.name, quiet.email, quiet.phone, quiet.url) == ("Bo Quiet", "", "", "")
    # And the other way round: Dana's private address, never her login.
    mine = Contact.objects.get(owner=ana, member=owner)
    assert mine.email == "dana.private@example.org"
    logins = {"ana.login@example.org", "bo.login@example.org", "dana@example.org"}
    stored = Contact.objects.values_list("email", "search_document")
    assert not [row for row in stored if any(login in " ".join(row) for login in logins)]


def test_an_accepted_introduction_copies_only_the_details_a_member_shows(owner: User) -> None:
    ana = make_member("Ana", last_name="Lima", email="ana.login@example.org")
    introduction = introduction_request(
        requester=ana,
        recipient=owner,
        reason="Ana would like Dana's advice on the brand of her new bakery in Porto.",
    )
    introduction_accept(introduction_id=introduction.pk, member=owner)

    theirs = Contact.objects.get(owner=owner, member=ana)
    assert (theirs.name, theirs.email) == ("Ana Lima", "")
    mine = Contact.objects.get(owner=ana, member=owner)
    assert (mine.email, mine.phone, mine.url) == (
        "dana.private@example.org",
        "+351 21 000 0000",
        "https://dana.example",
    )
    assert not Contact.objects.filter(email__in=["ana.login@example.org", "dana@example.org"])


def test_a_contact_kept_under_a_login_email_is_not_linked_to_the_member(owner: User) -> None:
    """Linking it would tell Dana that the address she guessed is Ana's login."""
    ana = make_member("Ana", email="ana.login@example.org")
    guessed = contact_create(owner=owner, name="Maybe Ana", email="ana.login@example.org")
    confirm_meeting(owner, ana)
    guessed.refresh_from_db()
    assert guessed.member_id is None
    assert Contact.objects.get(owner=owner, member=ana).email == ""


# -- finding 7: uploads are checked before they are read ---------------------------------


def _six_mb_csv() -> SimpleUploadedFile:
    line = b"Ana Lima,Bakery,ana@example.org\n"
    body = b"name,company,email\n" + line * (SIX_MB // len(line) + 1)
    return SimpleUploadedFile("huge.csv", body, content_type="text/csv")


def test_a_6_mb_upload_to_the_api_is_refused_without_being_read_into_memory(
    owner: User,
) -> None:
    _, secret = api_token_create(user=owner, name="import")
    request = RequestFactory().post(
        "/api/v1/contacts/import",
        {"file": _six_mb_csv()},
        headers={"Authorization": f"Bearer {secret}"},
    )
    view = resolve(request.path)
    # The upload is parsed into a temporary file, and the size refused before any read.
    tracemalloc.start()
    try:
        response = view.func(request, *view.args, **view.kwargs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    message = json.loads(response.content)["errors"]["file"][0]
    assert "the limit is 5 MB" in message
    assert message.startswith("Nothing was imported. The file is 6.0 MB")
    assert peak < 2 * 1024 * 1024, f"the request took {peak / 1_048_576:.1f} MB"
    assert not Contact.objects.exists()


def test_a_6_mb_upload_to_the_preview_api_and_the_page_is_refused(
    owner: User, api_for: API, login_as: Login
) -> None:
    preview = api_for(owner).post("/api/v1/contacts/import/preview", {"file": _six_mb_csv()})
    assert preview.status_code == 400
    assert "the limit is 5 MB" in preview.json()["errors"]["file"][0]
    page = login_as(owner)
    response = page.post("/contacts/import/", {"file": _six_mb_csv()})
    assert response.status_code == 422
    assert "the limit is 5 MB" in response.content.decode()
    assert "contacts_import" not in page.session
    assert not Contact.objects.exists()


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_not() -> None:
    from mensch.contacts.importing import read_upload

    exact = SimpleUploadedFile("edge.csv", b"x" * MAX_BYTES)
    assert len(read_upload(exact)) == MAX_BYTES
    with pytest.raises(ImportFileError, match="the limit is 5 MB"):
        read_upload(SimpleUploadedFile("over.csv", b"x" * (MAX_BYTES + 1)))


# -- finding 9: null, NUL and huge numbers answer 4xx ------------------------------------

TEXT_FIELDS = ["company", "role", "email", "phone", "url", "met_how", "facts", "meeting_goal"]


@pytest.mark.parametrize("field", ["name", *TEXT_FIELDS])
def test_null_for_a_contact_text_field_is_refused_and_changes_nothing(
    owner: User, rui: Contact, api_for: API, field: str
) -> None:
    response = api_for(owner).patch(
        f"/api/v1/contacts/{rui.pk}", json.dumps({field: None}), content_type="application/json"
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]
    rui.refresh_from_db()
    assert (rui.name, rui.company) == ("Rui Almeida", "Almeida & Filhos")


def test_a_service_caller_passing_none_for_a_text_field_clears_it(rui: Contact) -> None:
    contact_update(contact=rui, **dict.fromkeys(TEXT_FIELDS))
    rui.refresh_from_db()
    assert [getattr(rui, field) for field in TEXT_FIELDS] == [""] * len(TEXT_FIELDS)


@pytest.mark.parametrize("param", ["q", "tag"])
def test_a_nul_in_the_contacts_search_or_tag_is_refused_by_the_api(
    owner: User, rui: Contact, api_for: API, param: str
) -> None:
    response = api_for(owner).get("/api/v1/contacts", {param: "Rui\x00"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [param]


def test_a_nul_in_a_tag_name_in_the_path_is_refused(
    owner: User, rui: Contact, api_for: API
) -> None:
    response = api_for(owner).put(
        "/api/v1/contacts/tags/clients%00", {"ideal_days": 30}, content_type="application/json"
    )
    assert response.status_code == 422
    assert Tag.objects.get(owner=owner, name="clients").ideal_days is None


def test_a_nul_in_the_contacts_page_search_is_dropped(
    owner: User, rui: Contact, login_as: Login
) -> None:
    response = login_as(owner).get("/contacts/", {"q": "Rui\x00", "tag": "clients\x00"})
    assert response.status_code == 200
    assert "Rui Almeida" in response.content.decode()


@pytest.mark.parametrize("offset", ["99999999999999999999", "9223372036854775808", "1000001"])
def test_an_offset_beyond_what_a_database_holds_is_refused(
    owner: User, rui: Contact, api_for: API, offset: str
) -> None:
    response = api_for(owner).get("/api/v1/contacts", {"offset": offset})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["offset"]
    assert api_for(owner).get("/api/v1/contacts", {"offset": "1000000"}).json() == []
