from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact, Interaction
from mensch.contacts.search import contact_search
from mensch.contacts.selectors import cadence, losing_touch
from mensch.contacts.services import (
    contact_create,
    contact_merge,
    contact_update,
    interaction_log,
    note_add,
    tag_cadence_set,
)
from mensch.followups.models import FollowUp
from tests.contacts.conftest import confirm_meeting, make_event
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _names(queryset: object) -> list[str]:
    return [c.name for c in queryset]  # type: ignore[attr-defined]


def test_search_finds_names_companies_and_notes_by_prefix(owner: User, rui: Contact) -> None:
    contact_create(owner=owner, name="Marta Silva", company="Silva Arquitetura")
    assert _names(contact_search(owner=owner, query="rui")) == ["Rui Almeida"]
    assert _names(contact_search(owner=owner, query="arquit")) == ["Marta Silva"]
    # A word from a note, and two words that must both match.
    assert _names(contact_search(owner=owner, query="designer spring")) == ["Rui Almeida"]
    assert _names(contact_search(owner=owner, query="designer marta")) == []


def test_search_follows_changes_and_deletions(owner: User, rui: Contact) -> None:
    contact_update(contact=rui, company="Contas Claras")
    assert _names(contact_search(owner=owner, query="claras")) == ["Rui Almeida"]
    assert _names(contact_search(owner=owner, query="filhos")) == []
    rui.delete()
    assert _names(contact_search(owner=owner, query="claras")) == []


def test_search_never_returns_another_members_contacts(
    owner: User, stranger: User, rui: Contact
) -> None:
    contact_create(owner=stranger, name="Rui Other", company="Almeida & Filhos")
    assert _names(contact_search(owner=stranger, query="almeida")) == ["Rui Other"]
    assert _names(contact_search(owner=owner, query="almeida")) == ["Rui Almeida"]


def test_search_ignores_query_syntax_characters(owner: User, rui: Contact) -> None:
    assert _names(contact_search(owner=owner, query='rui" * (:')) == ["Rui Almeida"]
    assert _names(contact_search(owner=owner, query="***")) == []


def test_contact_with_bad_fields_reports_each_and_saves_nothing(owner: User) -> None:
    with pytest.raises(ValidationError) as caught:
        contact_create(
            owner=owner, name="", email="not-an-email", phone="call me", facts="<b>x</b>"
        )
    assert set(caught.value.message_dict) == {"name", "email", "phone", "facts"}
    assert not Contact.objects.filter(owner=owner).exists()


def test_introducer_must_be_one_of_my_contacts(owner: User, stranger: User) -> None:
    theirs = contact_create(owner=stranger, name="Someone Else")
    with pytest.raises(ValidationError) as caught:
        contact_create(owner=owner, name="Ana", introducer_id=theirs.pk)
    assert caught.value.message_dict == {"introducer": ["Choose one of your other contacts."]}


def test_interaction_resets_keep_in_touch_but_a_note_does_not(owner: User, rui: Contact) -> None:
    today = timezone.localdate()
    tag_cadence_set(owner=owner, name="clients", ideal_days=30, max_days=60)
    interaction_log(contact=rui, kind="call", happened_on=today - timedelta(days=90))
    rui.refresh_from_db()
    assert [r.contact.name for r in losing_touch(owner)] == ["Rui Almeida"]
    note_add(contact=rui, body="Still owes me a coffee")
    assert [r.contact.name for r in losing_touch(owner)] == ["Rui Almeida"]
    interaction_log(contact=rui, kind="message", happened_on=today)
    assert losing_touch(owner) == []
    rui.refresh_from_db()
    row = cadence(Contact.objects.prefetch_related("tags").get(pk=rui.pk))
    assert (row.ideal_days, row.max_days, row.ideal_due) == (30, 60, today + timedelta(days=30))


def test_contact_cadence_overrides_its_tags(owner: User, rui: Contact) -> None:
    tag_cadence_set(owner=owner, name="clients", ideal_days=30, max_days=60)
    contact_update(contact=rui, ideal_days=7, max_days=14)
    row = cadence(Contact.objects.prefetch_related("tags").get(pk=rui.pk))
    assert (row.ideal_days, row.max_days) == (7, 14)


def test_max_interval_below_ideal_is_refused(owner: User, rui: Contact) -> None:
    with pytest.raises(ValidationError) as caught:
        tag_cadence_set(owner=owner, name="clients", ideal_days=30, max_days=10)
    assert "max_days" in caught.value.message_dict


def test_future_interaction_is_refused(rui: Contact) -> None:
    with pytest.raises(ValidationError) as caught:
        interaction_log(contact=rui, kind="call", happened_on=date(2999, 1, 1))
    assert caught.value.message_dict == {"happened_on": ["An interaction cannot be in the future."]}


def test_strength_sorts_people_we_are_close_to_first(owner: User, rui: Contact) -> None:
    today = timezone.localdate()
    marta = contact_create(owner=owner, name="Marta Silva")
    old = contact_create(owner=owner, name="Old Friend")
    interaction_log(contact=old, kind="message", happened_on=today - timedelta(days=300))
    for days, by in ((2, "me"), (20, "them"), (40, "both")):
        interaction_log(
            contact=marta, kind="meeting", happened_on=today - timedelta(days=days), initiated_by=by
        )
    from mensch.contacts.selectors import contacts_of

    assert _names(contacts_of(owner)) == ["Marta Silva", "Old Friend", "Rui Almeida"]
    marta.refresh_from_db()
    assert 50 < marta.strength <= 100


def test_confirmed_meeting_creates_contacts_timeline_and_followups_on_both_sides(
    owner: User,
) -> None:
    ana = make_member("Ana", last_name="Lima", headline="Runs a bakery in Porto")
    meeting = confirm_meeting(owner, ana)
    mine = Contact.objects.get(owner=owner, member=ana)
    theirs = Contact.objects.get(owner=ana, member=owner)
    assert (mine.name, mine.role, mine.met_how) == (
        "Ana Lima",
        "Runs a bakery in Porto",
        "Met in person",
    )
    assert theirs.name == "Dana Okafor"
    assert list(mine.interactions.values_list("kind", "source_key")) == [
        ("meeting", f"meeting:{meeting.pk}")
    ]
    today = timezone.localdate()
    # One follow-up per person listing what is due (issue 11), not one per step.
    assert list(
        FollowUp.objects.filter(owner=owner).values_list("kind", "due_on", "title", "steps")
    ) == [
        (
            "after_meeting",
            today + timedelta(days=1),
            "Follow up with Ana Lima",
            ["thank-you note", "propose a meeting"],
        )
    ]
    assert FollowUp.objects.filter(owner=ana, contact=theirs).count() == 1


def test_confirmed_meeting_links_an_imported_contact_with_the_email_they_show(
    owner: User,
) -> None:
    # Linked by the address Ana shows her connections, not by her login address.
    ana = make_member("Ana", email="ana.login@example.org", contact_email="ana@example.org")
    existing = contact_create(owner=owner, name="Ana from the bakery", email="ANA@example.org")
    confirm_meeting(owner, ana)
    existing.refresh_from_db()
    assert existing.member_id == ana.pk
    assert Contact.objects.filter(owner=owner).count() == 1


def test_accepted_brokered_introduction_records_the_introducer(owner: User) -> None:
    from mensch.connections.models import Connection
    from mensch.connections.services import connection_create
    from mensch.introductions.services import introduction_accept, introduction_broker

    broker = make_member("Bea", last_name="Broker")
    ana = make_member("Ana", last_name="Lima")
    connection_create(member=broker, other=owner, source=Connection.Source.EVENT)
    connection_create(member=broker, other=ana, source=Connection.Source.EVENT)
    introduction = introduction_broker(
        introducer=broker,
        member_a=owner,
        member_b=ana,
        note="Dana designs brands, Ana needs one for her new bakery shop.",
    )
    introduction_accept(introduction_id=introduction.pk, member=owner)
    introduction_accept(introduction_id=introduction.pk, member=ana)
    contact = Contact.objects.select_related("introducer").get(owner=owner, member=ana)
    assert contact.introducer.name == "Bea Broker"
    assert contact.met_how == "Introduced by Bea Broker"
    assert list(contact.interactions.values_list("kind", flat=True)) == ["introduction"]
    titles = set(FollowUp.objects.filter(owner=owner).values_list("title", flat=True))
    assert titles == {
        "Say hello to Ana Lima and propose a time to meet",
        "Thank Bea Broker for introducing you to Ana Lima",
    }


def test_merge_folds_timeline_tags_and_blank_fields_into_one(owner: User, rui: Contact) -> None:
    other = contact_create(owner=owner, name="Rui A.", phone="+351 21 000 1111", tags="tax")
    interaction_log(contact=other, kind="call")
    contact_merge(keep=rui, other=other)
    rui.refresh_from_db()
    assert rui.phone == "+351 21 000 1111"
    assert sorted(rui.tags.values_list("name", flat=True)) == ["Lisbon", "clients", "tax"]
    assert sorted(rui.interactions.values_list("kind", flat=True)) == ["call", "note"]
    assert not Contact.objects.filter(pk=other.pk).exists()


def test_batch_met_at_event_adds_everyone_or_nobody(owner: User) -> None:
    from mensch.contacts.services import contacts_met_at_event

    event = make_event(owner)
    with pytest.raises(ValidationError) as caught:
        contacts_met_at_event(
            owner=owner,
            event=event,
            people=[{"name": "Ana"}, {"name": "Bo", "email": "not an email"}],
        )
    assert caught.value.message_dict["people"][0].startswith("Person 2: email:")
    assert not Contact.objects.filter(owner=owner).exists()
    made = contacts_met_at_event(
        owner=owner,
        event=event,
        people=[{"name": "Ana", "company": "Bakery"}, {"name": "Bo"}],
        tags="meetup",
    )
    assert [(c.name, c.met_event_id) for c in made] == [("Ana", event.pk), ("Bo", event.pk)]
    assert list(made[0].interactions.values_list("kind", flat=True)) == [Interaction.Kind.MET]
