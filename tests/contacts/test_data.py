"""The contacts part of "all my data" (what the old contacts JSON export carried)."""

from __future__ import annotations

import json

import pytest

from mensch.accounts.models import User
from mensch.contacts.data import member_data
from mensch.contacts.models import Contact
from mensch.contacts.services import contact_create, contact_update, interaction_log
from tests.contacts.conftest import confirm_meeting, make_event
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_member_data_carries_tags_facts_notes_and_the_timeline(owner: User, rui: Contact) -> None:
    event = make_event(owner)
    introducer = contact_create(owner=owner, name="Bea Broker")
    contact_update(
        contact=rui, met_event_id=event.pk, introducer_id=introducer.pk, met_how="At breakfast"
    )
    contact_update(contact=rui, ideal_days=30, max_days=60, meeting_goal="Quarterly books")
    interaction_log(contact=rui, kind="call", happened_on=rui.created_at.date(), initiated_by="me")

    data = member_data(owner)

    assert set(data) == {"contacts"}
    contacts = data["contacts"]
    assert isinstance(contacts, list)
    assert [c["name"] for c in contacts] == ["Bea Broker", "Rui Almeida"]
    rui_data = contacts[1]
    assert rui_data["company"] == "Almeida & Filhos"
    assert rui_data["email"] == "rui@almeida.pt"
    assert rui_data["tags"] == ["Lisbon", "clients"]
    assert rui_data["facts"] == ["two kids", "cycles to work"]
    assert rui_data["met_event"] == "Lisbon Founders Breakfast"
    assert rui_data["introducer"] == "Bea Broker"
    assert rui_data["how_we_met"] == "At breakfast"
    assert rui_data["keep_in_touch"] == {"ideal_days": 30, "max_days": 60}
    assert rui_data["meeting_goal"] == "Quarterly books"
    assert rui_data["member_profile_id"] is None
    timeline = rui_data["interactions"]
    assert [(i["kind"], i["initiated_by"]) for i in timeline] == [("note", "both"), ("call", "me")]
    assert timeline[0]["body"].startswith("Wants to **hire** a designer")
    assert timeline[1]["happened_on"] == rui.created_at.date().isoformat()
    json.dumps(data)  # dates as ISO strings: serialisable as it is


def test_member_data_has_no_strangers_contacts(owner: User, stranger: User, rui: Contact) -> None:
    mine = contact_create(owner=stranger, name="Secret Person", facts="owes me money")
    interaction_log(contact=mine, kind="note", body="The stranger's private note")

    assert [c["name"] for c in member_data(owner)["contacts"]] == ["Rui Almeida"]
    dumped = json.dumps(member_data(owner))
    assert "Secret Person" not in dumped
    assert "private note" not in dumped
    stranger_data = member_data(stranger)
    assert [c["name"] for c in stranger_data["contacts"]] == ["Secret Person"]
    assert "secret budget" not in json.dumps(stranger_data)


def test_a_member_contact_appears_by_profile_id_not_by_account(owner: User) -> None:
    ana = make_member("Ana", last_name="Lima", email="ana.private@example.org")
    confirm_meeting(owner, ana)
    data = member_data(owner)
    [contact] = data["contacts"]
    assert contact["member_profile_id"] == ana.profile.pk
    assert "member_email" not in contact


def test_member_data_of_a_createsuperuser_account_is_empty_lists(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    assert member_data(admin) == {"contacts": []}
