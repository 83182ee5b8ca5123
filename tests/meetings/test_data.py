from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.services import connection_create
from mensch.events.models import Event
from mensch.meetings.data import member_data
from mensch.meetings.services import meeting_follow_up, meeting_tick
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_member_data_has_own_meetings_and_open_ticks_not_strangers(
    owner: User, stranger: User
) -> None:
    rui, lena, olga = make_member("Rui"), make_member("Lena"), make_member("Olga")
    event = Event.objects.create(
        organizer=owner,
        title="Lisbon Founders",
        capacity=20,
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=2),
    )
    meeting_tick(member=owner, other=rui, event=event)
    meeting = meeting_tick(member=rui, other=owner, event=event)
    assert meeting is not None
    meeting_follow_up(member=owner, meeting_id=meeting.pk, yes=True)
    meeting_follow_up(member=rui, meeting_id=meeting.pk, yes=False)
    connection_create(member=owner, other=lena, source="introduction")
    meeting_tick(member=owner, other=lena)  # Lena has not confirmed yet
    meeting_tick(member=stranger, other=olga, event=event)
    meeting_tick(member=olga, other=stranger, event=event)

    rows = member_data(owner)["meetings"]

    assert rows == [
        {
            "with": {"name": "Rui Example", "profile_id": rui.profile.pk},
            "event": {"id": event.pk, "title": "Lisbon Founders"},
            "met_on": meeting.met_on.isoformat(),
            "confirmed": True,
            "confirmed_at": meeting.confirmed_at.isoformat(),
            "your_follow_up": True,
        },
        {
            "with": {"name": "Lena Example", "profile_id": lena.profile.pk},
            "event": None,
            "confirmed": False,
            "ticked_at": rows[1]["ticked_at"],
        },
    ]
    assert "Olga" not in json.dumps(member_data(owner))


def test_member_data_of_a_createsuperuser_account_is_an_empty_list(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    assert member_data(admin) == {"meetings": []}
