"""The one calendar feed: what it carries, who can read and renew it, how fast it is."""

from __future__ import annotations

from collections.abc import Callable

import icalendar
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from mensch.accounts.calendar_feed import feed_renew, feed_revoke
from mensch.accounts.models import User
from mensch.events import rounds
from mensch.events.models import Event
from mensch.events.services import rsvp_create
from mensch.followups.services import followup_create
from mensch.meetings.models import Meeting
from tests.contacts.conftest import confirm_meeting
from tests.events.conftest import make_event, make_organizer
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Login = Callable[[User], Client]
API = "/api/v1/calendar"


def _feed(token: str) -> icalendar.Calendar:
    response = Client().get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _summaries(calendar: icalendar.Calendar) -> set[str]:
    return {str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT")}


def _seated_event(title: str, members: list[User]) -> Event:
    event = make_event(make_organizer(), title=title)
    for member in members:
        rsvp_create(event=event, member=member, goal="")
    rounds.rounds_generate(event=event, rounds=1, table_size=len(members))
    return event


@pytest.fixture
def dora(db: None) -> User:
    return make_member("Dora", last_name="Designer")


@pytest.fixture
def ben(db: None) -> User:
    return make_member("Ben", last_name="Books")


def test_feed_holds_the_members_events_rounds_meetings_and_followups_only(
    dora: User, ben: User, stranger: User
) -> None:
    event = _seated_event("Referral breakfast", [dora, ben, make_member("Dev")])
    meeting = confirm_meeting(dora, ben)  # also gives each of them follow-ups
    followup_create(owner=dora, title="Send Ben the deck", due_on=timezone.localdate())
    # The stranger's own event, meeting and follow-up must stay out of Dora's feed.
    _seated_event("Stranger's supper", [stranger, make_member("Sid"), make_member("Sue")])
    confirm_meeting(stranger, make_member("Stella"))
    followup_create(owner=stranger, title="Stranger's secret task", due_on=timezone.localdate())

    calendar = _feed(feed_renew(member=dora).token)

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//Mensch//")
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-CALNAME"]) == "Mensch · Dora Designer"
    summaries = _summaries(calendar)
    assert {
        "Referral breakfast",
        "Round 1, table 1 · Referral breakfast",
        "Met Ben Books",
        "Send Ben the deck",
    } <= summaries
    assert any("(Ben Books)" in s for s in summaries)  # the meeting's own follow-ups
    assert not any("Stranger" in s or "Sid" in s or "Stella" in s for s in summaries)
    entries = list(calendar.walk("VEVENT"))
    uids = [str(e["UID"]) for e in entries]
    assert len(uids) == len(set(uids))
    assert f"{event.uid}@mensch" in uids
    assert f"meeting-{meeting.pk}@mensch" in uids
    assert all("DTSTAMP" in e and "SEQUENCE" in e for e in entries)
    met = next(e for e in entries if str(e["SUMMARY"]) == "Met Ben Books")
    assert met.decoded("DTSTART") == meeting.met_on


def test_feed_is_the_same_for_both_sides_of_a_meeting_but_each_sees_the_other(
    dora: User, ben: User
) -> None:
    confirm_meeting(dora, ben)
    assert "Met Ben Books" in _summaries(_feed(feed_renew(member=dora).token))
    assert "Met Dora Designer" in _summaries(_feed(feed_renew(member=ben).token))


def test_renewed_or_revoked_address_answers_404(dora: User) -> None:
    first = feed_renew(member=dora).token
    second = feed_renew(member=dora).token
    assert first != second
    assert len(second) >= 40
    assert Client().get(f"/calendar/{first}.ics").status_code == 404
    assert Client().get(f"/calendar/{second}.ics").status_code == 200
    feed_revoke(member=dora)
    assert Client().get(f"/calendar/{second}.ics").status_code == 404
    assert User.objects.get(pk=dora.pk).calendar_feed.revoked_at is not None


def test_inactive_members_feed_answers_404(dora: User) -> None:
    token = feed_renew(member=dora).token
    dora.is_active = False
    dora.save(update_fields=["is_active"])
    assert Client().get(f"/calendar/{token}.ics").status_code == 404


def test_settings_page_creates_shows_replaces_and_revokes(login_as: Login, dora: User) -> None:
    client = login_as(dora)
    assert "Create my private address" in client.get("/settings/calendar/").content.decode()
    client.post("/settings/calendar/renew/")
    token = User.objects.get(pk=dora.pk).calendar_feed.token
    html = client.get("/settings/calendar/").content.decode()
    assert f"http://testserver/calendar/{token}.ics" in html
    assert 'data-copy="feed-url"' in html
    client.post("/settings/calendar/renew/")
    assert token not in client.get("/settings/calendar/").content.decode()
    client.post("/settings/calendar/revoke/")
    assert "Create my private address" in client.get("/settings/calendar/").content.decode()


def test_settings_page_needs_a_login_and_a_post_to_change(login_as: Login, dora: User) -> None:
    assert Client().get("/settings/calendar/")["Location"].startswith("/login/")
    assert Client().post("/settings/calendar/renew/")["Location"].startswith("/login/")
    assert login_as(dora).get("/settings/calendar/renew/").status_code == 405


def test_api_calendar_address_lifecycle(login_as: Login, dora: User) -> None:
    client = login_as(dora)
    assert client.get(API).status_code == 404
    first = client.post(f"{API}/renew").json()["url"]
    second = client.post(f"{API}/renew").json()["url"]
    assert first != second
    assert client.get(API).json()["url"] == second
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    assert client.delete(API).status_code == 204
    assert Client().get(second).status_code == 404
    assert client.get(API).status_code == 404


def test_a_stranger_cannot_read_or_renew_anothers_feed(
    login_as: Login, dora: User, stranger: User
) -> None:
    followup_create(owner=dora, title="Dora's private task", due_on=timezone.localdate())
    token = feed_renew(member=dora).token
    assert Client().get(API).status_code == 401
    assert Client().post(f"{API}/renew").status_code == 401
    as_stranger = login_as(stranger)
    assert as_stranger.get(API).status_code == 404  # the stranger's own: none yet
    theirs = as_stranger.post(f"{API}/renew").json()["url"]
    as_stranger.post("/settings/calendar/renew/")
    as_stranger.post("/settings/calendar/revoke/")
    assert token not in theirs
    assert "Dora's private task" in _summaries(_feed(token))  # Dora's address still works
    assert token not in as_stranger.get("/settings/calendar/").content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_feed_query_count_does_not_grow_with_items(
    dora: User, count: int, django_assert_num_queries: Callable[..., object]
) -> None:
    tablemates = [make_member("Ben"), make_member("Dev")]
    for number in range(count):
        _seated_event(f"Breakfast {number}", [dora, *tablemates])
        confirm_meeting(dora, make_member(f"Met{number}"))
        followup_create(owner=dora, title=f"Task {number}", due_on=timezone.localdate())
    token = feed_renew(member=dora).token
    # feed; events, agendas, seats, tablemates; meetings, booked meetings; follow-ups,
    # contacts, their tags
    with django_assert_num_queries(10):
        body = Client().get(f"/calendar/{token}.ics").content
    calendar = icalendar.Calendar.from_ical(body)
    summaries = _summaries(calendar)
    assert sum(s.startswith("Round 1") for s in summaries) == count
    assert sum(s.startswith("Met Met") for s in summaries) == count
    assert Meeting.objects.count() == count
    assert sum(s.startswith("Task ") for s in summaries) == count


def test_migration_moves_both_old_feeds_keeping_their_addresses(
    transactional_db: None,
) -> None:
    before = [
        ("accounts", "0001_initial"),
        ("events", "0003_event_currency_iso4217"),
        ("followups", "0001_initial"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    member_model = old_apps.get_model("accounts", "User")
    both = member_model.objects.create(email="both@example.org", first_name="Both")
    events_only = member_model.objects.create(email="ev@example.org", first_name="Ev")
    followups_only = member_model.objects.create(email="fu@example.org", first_name="Fu")
    events_feed = old_apps.get_model("events", "CalendarFeed")
    followups_feed = old_apps.get_model("followups", "CalendarFeed")
    events_feed.objects.create(member=both, token="events-token-of-both")
    followups_feed.objects.create(member=both, token="followups-token-of-both")
    events_feed.objects.create(member=events_only, token="events-token")
    followups_feed.objects.create(member=followups_only, token="followups-token")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    for token in (
        "events-token-of-both",
        "followups-token-of-both",
        "events-token",
        "followups-token",
    ):
        assert Client().get(f"/calendar/{token}.ics").status_code == 200, token
        assert Client().get(f"/events/calendar/{token}.ics", follow=True).status_code == 200
    member = User.objects.get(email="both@example.org")
    assert member.calendar_feed.token == "events-token-of-both"
    feed_renew(member=member)
    assert Client().get("/calendar/followups-token-of-both.ics").status_code == 404
