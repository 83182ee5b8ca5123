"""Journey: two connections agree on a time, get calendar invitations, move the meeting and
both confirm it happened (issue 16's "Done when", outside events)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from mensch.connections.models import Connection
from mensch.connections.services import connection_create
from mensch.meetings.models import Meeting, ScheduledMeeting
from mensch.meetings.proposals import meeting_reminders_send
from tests.browser.conftest import run_worker
from tests.browser.journeys.conftest import Journey, Person
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pair(db: None) -> tuple[Any, Any]:
    dana = make_member(
        "Dana", last_name="Okafor", email="dana@example.org", headline="Brand designer"
    )
    rui = make_member("Rui", last_name="Almeida", email="rui@example.org", headline="Bookkeeper")
    connection_create(member=dana, other=rui, source=Connection.Source.INTRODUCTION)
    return dana, rui


def _wall_clock(days: int, hour: int) -> str:
    day = timezone.now() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour).strftime("%Y-%m-%dT%H:%M")


def _invitations() -> dict[str, Any]:
    """Each recipient's invitation in the outbox, parsed with icalendar; the outbox emptied."""
    found = {}
    for message in mail.outbox:
        for _name, content, _mimetype in message.attachments:
            found[message.to[0]] = Calendar.from_ical(content)
    mail.outbox.clear()
    return found


def _book_from_meetings(person: Person, link: str) -> None:
    person.nav("Meetings")
    person.page.get_by_role("link", name=link).click()
    person.step("proposal")
    person.page.get_by_role("button", name=re.compile("^Book")).last.click()
    person.page.get_by_role("heading", name=re.compile("^Meeting with")).wait_for()
    person.step("booked")


def _expect_invitations(person: Person, *, uid: str, sequence: int) -> None:
    run_worker()
    sent = _invitations()
    person.expect(
        sorted(sent) == ["dana@example.org", "rui@example.org"],
        f"invitations went to {sorted(sent)}",
    )
    for calendar in sent.values():
        (event,) = calendar.walk("VEVENT")
        got = (str(calendar["METHOD"]), str(event["UID"]), int(event["SEQUENCE"]))
        person.expect(got == ("REQUEST", uid, sequence), f"invitation reads {got}")


def _say_it_happened(person: Person) -> None:
    person.nav("Meetings")
    person.page.get_by_role("link", name=re.compile(r"·")).first.click()
    person.page.get_by_role("button", name="Yes, we met").click()
    person.page.get_by_text("You said it happened").wait_for()
    person.step("it-happened")


def test_propose_book_move_and_confirm_a_meeting(journey: Journey, pair: tuple[Any, Any]) -> None:
    dana = journey.person("Dana")
    dana.log_in("dana@example.org")
    page = dana.page
    dana.nav("Connections")
    page.get_by_role("link", name="Rui Almeida").first.click()
    page.get_by_role("link", name="Propose a meeting").click()
    for index, (days, hour) in enumerate(((2, 9), (3, 14), (4, 17)), start=1):
        page.get_by_label(f"Time {index}", exact=True).fill(_wall_clock(days, hour))
    page.get_by_label("How long").select_option("45")
    dana.type_slowly(page.get_by_label("Place or video link"), "Café A Brasileira")
    dana.type_slowly(page.get_by_label("What for (one line)"), "Bookkeeping for my studio")
    dana.step("three-times")
    page.get_by_role("button", name="Send the proposal").click()
    page.get_by_role("heading", name="Your proposal to Rui Almeida").wait_for()
    dana.step("proposal-sent")

    rui = journey.person("Rui")
    rui.log_in("rui@example.org")
    _book_from_meetings(rui, "Dana Okafor proposes times")
    meeting = ScheduledMeeting.objects.get()
    uid = f"scheduled-meeting-{meeting.uid}@mensch"
    _expect_invitations(rui, uid=uid, sequence=0)

    dana.nav("Meetings")
    page.get_by_role("link", name=re.compile(r"^Rui Almeida ·")).click()
    page.get_by_role("link", name="Move it").click()
    page.get_by_label("Time 1", exact=True).fill(_wall_clock(5, 11))
    dana.step("move")
    page.get_by_role("button", name="Send the proposal").click()
    page.get_by_role("heading", name="Your proposal to Rui Almeida").wait_for()

    _book_from_meetings(rui, "Dana Okafor proposes times")
    _expect_invitations(rui, uid=uid, sequence=1)

    # The meeting's hour passes.
    ScheduledMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=2)
    )
    meeting_reminders_send()
    _say_it_happened(dana)
    _say_it_happened(rui)
    confirmed = Meeting.objects.get()
    assert {confirmed.member_low_id, confirmed.member_high_id} == {p.pk for p in pair}
    journey.finish()
