from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.contacts.services import contact_create
from tests.contacts.conftest import FILES, make_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Api = Callable[[User], Client]


def test_create_search_and_read_a_contact(api_for: Api, owner: User) -> None:
    api = api_for(owner)
    response = api.post(
        "/api/v1/contacts",
        {"name": "Ana Lima", "company": "Padaria Lima", "tags": ["bakers"], "facts": "two kids"},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["tags"], body["facts"]) == ("Ana Lima", ["bakers"], ["two kids"])
    found = api.get("/api/v1/contacts?q=padaria").json()
    assert [c["id"] for c in found] == [body["id"]]
    assert api.get(f"/api/v1/contacts/{body['id']}").json()["company"] == "Padaria Lima"


def test_bad_contact_fields_are_reported_per_field(api_for: Api, owner: User) -> None:
    response = api_for(owner).post(
        "/api/v1/contacts",
        {"name": "", "email": "nope", "ideal_days": 30, "max_days": 5},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"max_days"}
    response = api_for(owner).post(
        "/api/v1/contacts", {"name": "", "email": "nope"}, content_type="application/json"
    )
    assert set(response.json()["errors"]) == {"name", "email"}
    assert not Contact.objects.exists()


def test_notes_interactions_timeline_and_brief(api_for: Api, owner: User, rui: Contact) -> None:
    api = api_for(owner)
    note = api.post(f"/api/v1/contacts/{rui.pk}/notes", {"body": "Likes *jazz*"},
                    content_type="application/json")  # fmt: skip
    assert note.status_code == 201
    assert note.json()["body_html"] == "<p>Likes <em>jazz</em></p>\n"
    call = api.post(
        f"/api/v1/contacts/{rui.pk}/interactions",
        {"kind": "call", "happened_on": "2025-02-01", "initiated_by": "them"},
        content_type="application/json",
    )
    assert call.status_code == 201
    kinds = [i["kind"] for i in api.get(f"/api/v1/contacts/{rui.pk}/timeline").json()]
    assert sorted(kinds) == ["call", "note", "note"]
    brief = api.get(f"/api/v1/contacts/{rui.pk}/brief").json()
    assert 3 <= len(brief["questions"]) <= 5
    assert brief["last_interactions"][0]["kind"] == "call"
    patched = api.patch(f"/api/v1/contacts/{rui.pk}", {"meeting_goal": "Quarterly books"},
                        content_type="application/json")  # fmt: skip
    assert patched.json()["meeting_goal"] == "Quarterly books"


@pytest.mark.parametrize("count", [1, 3])
def test_list_endpoint_query_count(
    api_for: Api, owner: User, count: int, django_assert_num_queries: Callable[..., object]
) -> None:
    for number in range(count):
        contact_create(owner=owner, name=f"Person {number}", tags="a, b")
    api = api_for(owner)
    # token lookup, token last-used update, contacts, their tags
    with django_assert_num_queries(4):
        assert len(api.get("/api/v1/contacts").json()) == count


def test_stranger_gets_404_for_every_contact_endpoint(
    api_for: Api, owner: User, stranger: User, rui: Contact
) -> None:
    api = api_for(stranger)
    note = rui.interactions.get()
    assert api.get("/api/v1/contacts").json() == []
    assert api.get("/api/v1/contacts?q=rui").json() == []
    calls = [
        ("get", f"/api/v1/contacts/{rui.pk}", None),
        ("patch", f"/api/v1/contacts/{rui.pk}", {"name": "Hacked"}),
        ("delete", f"/api/v1/contacts/{rui.pk}", None),
        ("get", f"/api/v1/contacts/{rui.pk}/timeline", None),
        ("get", f"/api/v1/contacts/{rui.pk}/brief", None),
        ("post", f"/api/v1/contacts/{rui.pk}/notes", {"body": "x"}),
        ("post", f"/api/v1/contacts/{rui.pk}/interactions", {"kind": "call"}),
        ("delete", f"/api/v1/contacts/interactions/{note.pk}", None),
    ]
    for method, url, data in calls:
        kwargs = {"content_type": "application/json"} if data is not None else {}
        response = getattr(api, method)(url, data, **kwargs) if data else getattr(api, method)(url)
        assert response.status_code == 404, (method, url)
    mine = contact_create(owner=stranger, name="Mine")
    merged = api.post(f"/api/v1/contacts/{mine.pk}/merge", {"other_id": rui.pk},
                      content_type="application/json")  # fmt: skip
    assert merged.status_code == 404
    rui.refresh_from_db()
    assert rui.name == "Rui Almeida"
    assert rui.interactions.count() == 1
    assert "Rui" not in api.get("/api/v1/contacts/export?format=csv").content.decode()
    # All my data moved to GET /api/v1/export (tests/contacts/test_data.py has the contacts).
    assert api.get("/api/v1/contacts/export/all").status_code == 404


def test_import_endpoint_dry_run_then_real(api_for: Api, owner: User) -> None:
    api = api_for(owner)
    with (FILES / "Connections.csv").open("rb") as handle:
        dry = api.post("/api/v1/contacts/import", {"file": handle, "dry_run": "true"}).json()
    assert (dry["dry_run"], dry["created"]) == (True, 3)
    assert not Contact.objects.exists()
    with (FILES / "Connections.csv").open("rb") as handle:
        real = api.post("/api/v1/contacts/import", {"file": handle}).json()
    assert (real["created"], real["merged"], real["rejected"]) == (3, 0, 0)
    with (FILES / "Connections.csv").open("rb") as handle:
        again = api.post("/api/v1/contacts/import", {"file": handle}).json()
    assert (again["created"], again["merged"]) == (0, 3)
    assert Contact.objects.filter(owner=owner).count() == 3


def test_import_endpoint_refuses_a_bad_file_with_the_line(api_for: Api, owner: User) -> None:
    with (FILES / "broken.vcf").open("rb") as handle:
        response = api_for(owner).post("/api/v1/contacts/import", {"file": handle})
    assert response.status_code == 400
    assert response.json()["errors"]["file"][0].startswith("Nothing was imported. Line 8:")
    assert not Contact.objects.exists()


def test_import_preview_endpoint_with_column_mapping(api_for: Api, owner: User) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.csv", b"Who,Mail\nAna,ana@x.org\n")
    body = (
        api_for(owner)
        .post(
            "/api/v1/contacts/import/preview",
            {"file": upload, "mapping": '{"name": "Who", "email": "Mail"}'},
        )
        .json()
    )
    assert body["rows"] == [
        {
            "line": 2,
            "name": "Ana",
            "company": "",
            "email": "ana@x.org",
            "status": "new",
            "reason": "",
        }
    ]


def test_export_round_trips_through_vcard_4(api_for: Api, owner: User, rui: Contact) -> None:
    from mensch.contacts.importing import parse_contacts_file

    text = api_for(owner).get("/api/v1/contacts/export?format=vcard&version=4.0").content
    row = parse_contacts_file(text).rows[0]
    assert (row.name, row.company, row.email, sorted(row.tags)) == (
        "Rui Almeida",
        "Almeida & Filhos",
        "rui@almeida.pt",
        ["Lisbon", "clients"],
    )


def test_met_at_event_and_keep_in_touch_endpoints(api_for: Api, owner: User) -> None:
    event = make_event(owner)
    api = api_for(owner)
    made = api.post(
        "/api/v1/contacts/met-at-event",
        {"event_id": event.pk, "people": [{"name": "Ana"}, {"name": "Bo"}], "tags": "breakfast"},
        content_type="application/json",
    )
    assert made.status_code == 201
    assert [c["met_event_id"] for c in made.json()] == [event.pk, event.pk]
    tag = api.put("/api/v1/contacts/tags/breakfast", {"ideal_days": 14, "max_days": 28},
                  content_type="application/json")  # fmt: skip
    assert tag.json() == {"name": "breakfast", "ideal_days": 14, "max_days": 28}
    rows = api.get("/api/v1/contacts/keep-in-touch").json()
    assert sorted(r["name"] for r in rows) == ["Ana", "Bo"]
    assert api.get("/api/v1/contacts/keep-in-touch?losing_only=true").json() == []


def test_met_at_event_refuses_another_organizers_draft(
    api_for: Api, owner: User, stranger: User
) -> None:
    from mensch.contacts.models import Contact
    from mensch.events.models import Event

    draft = make_event(stranger, title="Secret planning")
    Event.objects.filter(pk=draft.pk).update(status=Event.Status.DRAFT)
    api = api_for(owner)
    refused = api.post(
        "/api/v1/contacts/met-at-event",
        {"event_id": draft.pk, "people": [{"name": "Ana"}]},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"event_id": ["No such event."]}
    changed = api.post(
        "/api/v1/contacts",
        {"name": "Bo", "met_event_id": draft.pk},
        content_type="application/json",
    )
    assert changed.status_code == 400
    assert "met_event" in changed.json()["errors"]
    assert not Contact.objects.filter(owner=owner).exists()
