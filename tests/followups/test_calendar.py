from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from mensch.accounts.calendar_feed import feed_renew
from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.contacts.services import contact_update
from mensch.followups.calendar import calendar_entries
from mensch.followups.models import FollowUp
from mensch.followups.services import followup_complete, followup_create, followup_snooze

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Login = Callable[[User], Client]


@pytest.fixture
def tasks(owner: User, rui: Contact) -> list[FollowUp]:
    today = timezone.localdate()
    return [
        followup_create(
            owner=owner, contact=rui, title="Send the deck", due_on=today - timedelta(days=2)
        ),
        followup_create(owner=owner, contact=rui, title="Call about taxes", due_on=today),
        followup_create(owner=owner, title="Book the venue", due_on=today + timedelta(days=5)),
    ]


def test_calendar_feed_lists_tasks_and_keep_in_touch_dates_by_secret_address(
    client: Client, login_as: Login, owner: User, rui: Contact, tasks: list[FollowUp]
) -> None:
    contact_update(contact=rui, ideal_days=30, max_days=60)
    token = feed_renew(member=owner).token
    response = client.get(f"/calendar/{token}.ics")
    body = response.content.decode()
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "SUMMARY:Send the deck (Rui Almeida)" in body
    assert "SUMMARY:Get in touch with Rui Almeida" in body
    assert body.count("BEGIN:VEVENT") == 4
    assert client.get("/calendar/not-the-token.ics").status_code == 404
    login_as(owner).post("/settings/calendar/renew/")  # a new address; the old one stops working
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_open_followups_are_all_day_entries_that_do_not_block_time(
    owner: User, tasks: list[FollowUp]
) -> None:
    token = feed_renew(member=owner).token
    calendar = icalendar.Calendar.from_ical(Client().get(f"/calendar/{token}.ics").content)
    entries = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    deck = entries["Send the deck (Rui Almeida)"]
    assert deck.decoded("DTSTART") == tasks[0].due_on
    assert deck.decoded("DTEND") == tasks[0].due_on + timedelta(days=1)
    assert str(deck["TRANSP"]) == "TRANSPARENT"
    assert str(deck["UID"]) == f"followup-{tasks[0].pk}@mensch"


def test_done_tasks_leave_and_snoozed_ones_move_with_a_higher_sequence(
    owner: User, tasks: list[FollowUp]
) -> None:
    followup_complete(followup=tasks[0])
    followup_snooze(followup=tasks[2], days=3)
    entries = {e.uid: e for e in calendar_entries(owner)}
    assert f"followup-{tasks[0].pk}" not in entries
    moved = entries[f"followup-{tasks[2].pk}"]
    assert moved.start == tasks[2].original_due_on + timedelta(days=3)
    assert moved.sequence == 3
    assert entries[f"followup-{tasks[1].pk}"].sequence == 0


def test_old_followups_feed_address_moves_to_the_one_feed(owner: User) -> None:
    token = feed_renew(member=owner).token
    response = Client().get(f"/followups/calendar/{token}.ics")
    assert (response.status_code, response["Location"]) == (301, f"/calendar/{token}.ics")
    old_page = Client().get("/followups/calendar/")
    assert (old_page.status_code, old_page["Location"]) == (301, "/settings/calendar/")
