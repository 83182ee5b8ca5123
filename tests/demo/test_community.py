"""The demo reads like a real community: events in the organizer's city, attended mostly
by members who live there, on days and at hours people really meet, with a chat said
during the event that agrees with the event."""

from __future__ import annotations

import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from mensch.accounts.models import User
from mensch.chat.demo import load_demo as chat_demo
from mensch.chat.models import ChatMessage
from mensch.demo.load import demo_load, demo_members
from mensch.events import demo as events_demo
from mensch.events.models import Event, Rsvp
from mensch.profiles.models import Profile

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HOLIDAYS = {(12, 24), (12, 25), (12, 26), (12, 31), (1, 1)}


def _community(monkeypatch: pytest.MonkeyPatch, today: date | None = None) -> list[Event]:
    if today is not None:
        monkeypatch.setattr(events_demo, "today", lambda: today)
    summary = demo_load(members=300, password="demo-password-1")
    members = demo_members(summary)
    organizer = User.objects.get(email=summary.organizer_email)
    events_demo.load_demo(members=members, organizer=organizer, seed=7)
    chat_demo(members=members, organizer=organizer, seed=7)
    return list(Event.objects.filter(organizer=organizer).order_by("starts_at"))


def test_demo_events_are_attended_mostly_by_people_from_their_city(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events = _community(monkeypatch)
    assert len(events) == 3
    for event in events:
        city = event.address.rsplit(", ", 1)[-1]
        assert city == "Manchester", event.address
        places = list(
            Profile.objects.filter(user__rsvps__event=event).values_list("location", flat=True)
        )
        local = [place for place in places if place.startswith(city)]
        travellers = len(places) - len(local)
        # Mostly people from the city; the bigger events have a traveller or two.
        assert len(local) >= 0.75 * len(places), (event.title, places)
        if len(places) >= 10:
            assert 1 <= travellers <= 0.25 * len(places), (event.title, places)


@pytest.mark.parametrize(
    "today",
    # Days whose plan once put a mixer on 28 December, a workshop on Christmas Day or on
    # New Year's Day, a breakfast on a Saturday.
    [date(2026, 12, 4), date(2025, 12, 15), date(2025, 12, 22), date(2026, 1, 2)],
)
def test_demo_events_fall_on_plausible_days_and_hours(
    monkeypatch: pytest.MonkeyPatch, today: date
) -> None:
    events = _community(monkeypatch, today)
    for event in events:
        zone = ZoneInfo(event.time_zone)
        starts = event.starts_at.astimezone(zone)
        ends = event.ends_at.astimezone(zone)
        assert (starts.month, starts.day) not in HOLIDAYS, (event.title, starts)
        assert starts.weekday() < 5, (event.title, starts)  # never on a weekend
        assert starts.date() == ends.date()
        if "breakfast" in event.title.lower():
            assert 7 <= starts.hour < 9, (event.title, starts)
            assert ends.hour < 11, (event.title, ends)
        else:  # workshops and mixers are after work
            assert 17 <= starts.hour <= 19, (event.title, starts)
            assert ends.hour <= 22, (event.title, ends)
    past = [e for e in events if e.starts_at.date() < today]
    assert [e.title for e in past] == ["Referral breakfast: pricing your services"]


def test_plausible_day_is_a_working_day_near_the_planned_one() -> None:
    day = date(2026, 1, 1)
    for offset in range(800):
        planned = day + timedelta(days=offset)
        for backwards in (False, True):
            chosen = events_demo.plausible_day(planned, backwards=backwards)
            assert chosen.weekday() in (1, 2, 3)
            assert (chosen.month, chosen.day) not in HOLIDAYS
            assert abs((chosen - planned).days) <= 14  # within two weeks
            assert (chosen >= planned) != backwards or chosen == planned


def test_demo_chat_is_said_during_the_event_and_agrees_with_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _community(monkeypatch)
    messages = list(ChatMessage.objects.select_related("event").order_by("pk"))
    assert len(messages) == 6
    event = messages[0].event
    zone = ZoneInfo(event.time_zone)
    # Stamped within the event, in the order they were said; not at the load time.
    stamps = [m.created_at for m in messages]
    assert all(event.starts_at <= stamp <= event.ends_at for stamp in stamps), stamps
    assert stamps == sorted(stamps)
    # Every time the chat mentions is one on the event's agenda, in its time zone.
    agenda = {item.starts_at.astimezone(zone).strftime("%H:%M") for item in event.agenda.all()}
    said = {clock for m in messages for clock in re.findall(r"\b\d\d:\d\d\b", m.body)}
    assert said, "the welcome says when the talk starts"
    assert said <= agenda, (said, agenda)
    text = " ".join(m.body for m in messages).lower()
    if event.starts_at.astimezone(zone).hour < 12:
        assert "tonight" not in text
        assert "evening" not in text
        assert "this morning" in text


def test_demo_chat_waits_for_an_event_that_took_place(monkeypatch: pytest.MonkeyPatch) -> None:
    summary = demo_load(members=40, password="demo-password-1")
    organizer = User.objects.get(email=summary.organizer_email)
    members = demo_members(summary)
    events_demo.load_demo(members=members, organizer=organizer, seed=7)
    Event.objects.filter(starts_at__lt=events_demo.timezone.now()).delete()
    assert chat_demo(members=members, organizer=organizer, seed=7).startswith("chat: no past")
    assert not ChatMessage.objects.exists()
    assert Rsvp.objects.exists()
