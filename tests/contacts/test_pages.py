from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from mensch.accounts.models import User
from mensch.contacts.models import Contact, Interaction
from mensch.contacts.services import contact_create
from mensch.followups.models import FollowUp
from tests.contacts.conftest import FILES, make_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Login = Callable[[User], Client]


def test_list_shows_own_contacts_strongest_first_with_the_formula(
    login_as: Login, owner: User, rui: Contact
) -> None:
    html = login_as(owner).get("/contacts/").content.decode()
    assert "Rui Almeida" in html
    assert "Almeida &amp; Filhos · Bookkeeper" in html
    assert "Recency counts for 35%" in html


def test_search_page_answers_htmx_with_the_results_only(
    login_as: Login, owner: User, rui: Contact
) -> None:
    contact_create(owner=owner, name="Marta Silva")
    response = login_as(owner).get("/contacts/?q=spring", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Rui Almeida" in html
    assert "Marta Silva" not in html
    assert "<h1>" not in html


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow_with_contacts(
    login_as: Login, owner: User, count: int, django_assert_num_queries: Callable[..., object]
) -> None:
    for number in range(count):
        contact_create(owner=owner, name=f"Person {number}", tags="clients, Lisbon")
    client = login_as(owner)
    # session, user, count, contacts, their tags, tag filter list, unread badge
    with django_assert_num_queries(7):
        html = client.get("/contacts/").content.decode()
    assert html.count('href="/contacts/') >= count


def test_stranger_cannot_list_search_or_open_my_contacts(
    login_as: Login, owner: User, stranger: User, rui: Contact
) -> None:
    client = login_as(stranger)
    assert "Rui Almeida" not in client.get("/contacts/").content.decode()
    assert "Rui Almeida" not in client.get("/contacts/?q=rui").content.decode()
    for url in (
        f"/contacts/{rui.pk}/",
        f"/contacts/{rui.pk}/edit/",
        f"/contacts/{rui.pk}/brief/",
    ):
        assert client.get(url).status_code == 404, url


def test_stranger_cannot_change_or_delete_my_contact(
    login_as: Login, owner: User, stranger: User, rui: Contact
) -> None:
    client = login_as(stranger)
    note = rui.interactions.get()
    posts = {
        f"/contacts/{rui.pk}/edit/": {"name": "Hacked"},
        f"/contacts/{rui.pk}/notes/": {"body": "mine now"},
        f"/contacts/{rui.pk}/interactions/": {"kind": "call", "happened_on": "2024-01-01",
                                              "initiated_by": "me"},
        f"/contacts/{rui.pk}/promises/": {"owed_by": "me", "title": "x", "due_on": "2030-01-01"},
        f"/contacts/{rui.pk}/cadence/": {"ideal_days": "1"},
        f"/contacts/{rui.pk}/brief/": {"meeting_goal": "steal"},
        f"/contacts/interactions/{note.pk}/delete/": {},
        f"/contacts/{rui.pk}/delete/": {},
    }  # fmt: skip
    for url, data in posts.items():
        assert client.post(url, data).status_code == 404, url
    rui.refresh_from_db()
    assert (rui.name, rui.ideal_days, rui.meeting_goal) == ("Rui Almeida", None, "")
    assert list(rui.interactions.values_list("kind", flat=True)) == ["note"]
    assert not FollowUp.objects.exists()


def test_create_contact_with_bad_fields_shows_each_error_and_saves_nothing(
    login_as: Login, owner: User
) -> None:
    response = login_as(owner).post(
        "/contacts/new/", {"name": "Ana", "email": "nope", "phone": "call me maybe"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Enter a valid email address." in html
    assert "Enter a phone number with digits" in html
    assert not Contact.objects.exists()


def test_create_contact_then_open_it(login_as: Login, owner: User) -> None:
    client = login_as(owner)
    response = client.post(
        "/contacts/new/",
        {"name": "Ana Lima", "company": "Padaria Lima", "tags": "bakers, Porto",
         "facts": "two kids\ncycles to work", "met_how": "Queue at the post office"},
    )  # fmt: skip
    contact = Contact.objects.get(owner=owner)
    assert response["Location"] == f"/contacts/{contact.pk}/"
    html = client.get(response["Location"]).content.decode()
    assert "Padaria Lima" in html
    assert "cycles to work" in html
    assert "Queue at the post office" in html


def test_note_is_markdown_rendered_and_sanitised(
    login_as: Login, owner: User, rui: Contact
) -> None:
    client = login_as(owner)
    response = client.post(
        f"/contacts/{rui.pk}/notes/",
        {"body": "Loves **espresso**\n\n- [site](https://rui.example)"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "<strong>espresso</strong>" in html
    assert '<a href="https://rui.example" rel="noopener noreferrer nofollow">site</a>' in html
    assert 'id="timeline-area"' in html
    refused = client.post(
        f"/contacts/{rui.pk}/notes/", {"body": "<script>alert(1)</script>"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert refused.status_code == 422
    assert "HTML tags such as" in refused.content.decode()
    assert rui.interactions.filter(kind="note").count() == 2


def test_logging_a_call_updates_last_interaction(
    login_as: Login, owner: User, rui: Contact
) -> None:
    login_as(owner).post(
        f"/contacts/{rui.pk}/interactions/",
        {
            "kind": "call",
            "happened_on": "2025-03-02",
            "initiated_by": "them",
            "body": "Tax question",
        },
    )
    rui.refresh_from_db()
    assert str(rui.last_interaction_on) == "2025-03-02"
    assert rui.interactions.filter(kind="call", initiated_by="them").exists()


def test_promise_both_ways_shows_in_the_brief(login_as: Login, owner: User, rui: Contact) -> None:
    client = login_as(owner)
    client.post(
        f"/contacts/{rui.pk}/promises/",
        {"owed_by": "me", "title": "Send the brand deck", "due_on": "2030-01-10"},
    )
    client.post(
        f"/contacts/{rui.pk}/promises/",
        {"owed_by": "them", "title": "Intro to his accountant", "due_on": "2030-01-12"},
    )
    html = client.get(f"/contacts/{rui.pk}/brief/").content.decode()
    mine = html.index("I promised")
    theirs = html.index("They promised")
    assert mine < html.index("Send the brand deck") < theirs < html.index("Intro to his accountant")
    assert "How is it going with “Intro to his accountant”? Can I help?" in html


def test_brief_goal_is_saved(login_as: Login, owner: User, rui: Contact) -> None:
    response = login_as(owner).post(
        f"/contacts/{rui.pk}/brief/", {"meeting_goal": "Agree on quarterly bookkeeping"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert "Goal saved." in response.content.decode()
    rui.refresh_from_db()
    assert rui.meeting_goal == "Agree on quarterly bookkeeping"


def test_brief_of_a_member_shows_asks_offers_and_questions(login_as: Login, owner: User) -> None:
    from tests.contacts.conftest import confirm_meeting
    from tests.factories import make_member

    ana = make_member(
        "Ana", last_name="Lima", headline="Baker in Porto",
        asks=[("talent", "a pastry chef for weekends")],
        offers=[("resource", "a test kitchen on Mondays")],
    )  # fmt: skip
    confirm_meeting(owner, ana)
    contact = Contact.objects.get(owner=owner, member=ana)
    html = login_as(owner).get(f"/contacts/{contact.pk}/brief/").content.decode()
    assert "Baker in Porto" in html
    assert (
        "You are looking for a pastry chef for weekends: what would the right one look like?"
        in html
    )
    assert "You offer a test kitchen on Mondays: who gets the most out of it?" in html
    assert (
        "I am looking for someone to keep my studio&#x27;s books: does anyone come to mind?" in html
    )
    assert html.count('<ol class="questions">') == 1
    assert "@media print" in (
        (FILES.parents[2] / "mensch/contacts/static/contacts/contacts.css").read_text()
    )


def test_people_met_at_an_event_in_one_go(login_as: Login, owner: User) -> None:
    event = make_event(owner)
    client = login_as(owner)
    response = client.post(
        "/contacts/met-at-event/",
        {"event": event.pk, "people": "Ana Lima, Padaria Lima, ana@padaria.pt\nBo Berg\n",
         "tags": "breakfast"},
    )  # fmt: skip
    assert response.status_code == 302
    assert list(Contact.objects.filter(owner=owner).values_list("name", "met_event_id")) == [
        ("Ana Lima", event.pk),
        ("Bo Berg", event.pk),
    ]
    assert Interaction.objects.filter(contact__owner=owner, kind="met").count() == 2


def test_import_preview_then_confirm(login_as: Login, owner: User) -> None:
    client = login_as(owner)
    upload = SimpleUploadedFile("contacts.vcf", (FILES / "android-2.1.vcf").read_bytes())
    response = client.post("/contacts/import/", {"file": upload})
    assert response["Location"] == "/contacts/import/preview/"
    html = client.get("/contacts/import/preview/").content.decode()
    assert "Jürgen Müller" in html
    assert "<strong>2 new</strong>" in html
    assert not Contact.objects.exists()
    response = client.post("/contacts/import/confirm/", {"merge": "on"})
    assert response["Location"] == "/contacts/"
    assert sorted(Contact.objects.filter(owner=owner).values_list("name", flat=True)) == [
        "Ana Santos",
        "Jürgen Müller",
    ]


def test_import_of_a_bad_file_names_the_line_and_saves_nothing(
    login_as: Login, owner: User
) -> None:
    upload = SimpleUploadedFile("broken.vcf", (FILES / "broken.vcf").read_bytes())
    response = login_as(owner).post("/contacts/import/", {"file": upload})
    assert response.status_code == 422
    assert "Nothing was imported. Line 8: This line is not a vCard property" in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert not Contact.objects.exists()


def test_column_mapping_can_be_changed_in_the_preview(login_as: Login, owner: User) -> None:
    client = login_as(owner)
    data = b"Who,Firm,Mail\nAna Lima,Padaria,ana@padaria.pt\n"
    client.post("/contacts/import/", {"file": SimpleUploadedFile("x.csv", data)})
    html = client.get("/contacts/import/preview/").content.decode()
    # Neither "Who" nor "Mail" is a known column name: the preview asks for the mapping.
    assert "No column holds a name or an email address" in html
    assert '<option value="Who">Who</option>' in html
    client.post("/contacts/import/preview/", {"name": "Who", "company": "Firm", "email": "Mail"})
    client.post("/contacts/import/confirm/", {"merge": "on"})
    assert list(Contact.objects.values_list("name", "company", "email")) == [
        ("Ana Lima", "Padaria", "ana@padaria.pt")
    ]


def test_exports_contain_only_my_contacts(
    login_as: Login, owner: User, stranger: User, rui: Contact
) -> None:
    contact_create(owner=stranger, name="Secret Person")
    client = login_as(owner)
    vcf = client.get("/contacts/export/contacts.vcf").content.decode()
    assert "FN:Rui Almeida" in vcf
    assert "Secret Person" not in vcf
    assert "VERSION:4.0" in client.get("/contacts/export/contacts.vcf?version=4.0").content.decode()
    csv_text = client.get("/contacts/export/contacts.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[1].startswith("Rui Almeida,Almeida & Filhos,Bookkeeper")
    # All my data moved to /settings/export/ (tests/contacts/test_data.py has the contacts).
    assert client.get("/contacts/export/my-data.json").status_code == 404
    assert 'href="/settings/export/">All my data as JSON' in client.get("/contacts/export/").text


def test_keep_in_touch_page_lists_people_losing_touch(
    login_as: Login, owner: User, rui: Contact
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from mensch.contacts.services import interaction_log

    interaction_log(
        contact=rui, kind="call", happened_on=timezone.localdate() - timedelta(days=100)
    )
    client = login_as(owner)
    client.post(
        "/contacts/keep-in-touch/", {"tag": "clients", "ideal_days": "30", "max_days": "60"}
    )
    html = client.get("/contacts/keep-in-touch/").content.decode()
    losing = html[html.index("Losing touch") : html.index("Due now")]
    assert "Rui Almeida" in losing
    assert "40 days past the 60-day limit" in losing


def test_anonymous_visitors_are_sent_to_log_in(client: Client, rui: Contact) -> None:
    for url in ("/contacts/", f"/contacts/{rui.pk}/", "/contacts/export/"):
        assert client.get(url)["Location"].startswith("/login/"), url
