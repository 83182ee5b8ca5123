from __future__ import annotations

import json

import pytest

from mensch.accounts.models import User
from mensch.events import services
from mensch.events.data import member_data
from tests.events.conftest import make_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_member_data_has_own_rsvps_with_goals_and_organized_events_not_strangers(
    organizer: User, other_organizer: User, designer: User, stranger: User
) -> None:
    event = make_event(organizer, title="Referral breakfast")
    services.rsvp_create(event=event, member=designer, goal="meet two distributors")
    services.topic_post(event=event, member=designer, title="Pricing design work", side="share")
    services.rsvp_create(event=event, member=stranger, goal="a stranger's secret goal")
    make_event(other_organizer, title="Someone else's mixer")

    mine = member_data(designer)["events"]
    assert isinstance(mine, list)
    assert [(e["title"], e["organizer"]) for e in mine] == [("Referral breakfast", False)]
    rsvp = mine[0]["rsvp"]
    assert (rsvp["status"], rsvp["goal"], rsvp["topic"], rsvp["topics_posted"]) == (
        "going",
        "meet two distributors",
        "Pricing design work",
        ["Pricing design work"],
    )
    dumped = json.dumps(member_data(designer))
    assert "a stranger's secret goal" not in dumped
    assert "Someone else's mixer" not in dumped

    organized = member_data(organizer)["events"]
    assert isinstance(organized, list)
    assert [(e["title"], e["organizer"], e["rsvp"]) for e in organized] == [
        ("Referral breakfast", True, None)
    ]
    assert (organized[0]["price"], organized[0]["currency"]) == ("12.50", "EUR")
    # The organizer's export holds their event, never their attendees' goals.
    assert "meet two distributors" not in json.dumps(member_data(organizer))


def test_member_data_of_a_createsuperuser_account_is_empty_lists(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    assert member_data(admin) == {"events": []}
