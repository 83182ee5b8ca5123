from __future__ import annotations

import pytest

from mensch.contacts.demo import load_demo as load_contacts
from mensch.contacts.models import Contact
from mensch.followups.demo import load_demo as load_followups
from mensch.followups.models import FollowUp
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_data_is_added_once() -> None:
    members = [make_member(f"Demo{n}") for n in range(10)]
    organizer = make_member("Olga")
    first = load_contacts(members=members, organizer=organizer, seed=7)
    assert first.endswith("timeline entries")
    contacts = Contact.objects.count()
    assert contacts >= 5 * 8
    assert load_contacts(members=members, organizer=organizer, seed=7) == "contacts already loaded"
    assert Contact.objects.count() == contacts
    assert load_followups(members=members, organizer=organizer, seed=7) == "50 follow-up tasks"
    assert (
        load_followups(members=members, organizer=organizer, seed=7) == "follow-ups already loaded"
    )
    assert FollowUp.objects.count() == 50
    # Members see the demo contacts as their own only.
    assert not Contact.objects.filter(owner=members[9]).exists()
