"""The iTIP emails parse with ``icalendar`` as invitations real calendar clients accept,
and booked meetings are in the private calendar feed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from icalendar import Calendar

from mensch.accounts.models import User
from mensch.connections.services import connection_create
from mensch.meetings.calendar import calendar_entries
from mensch.meetings.data import member_data
from mensch.meetings.models import ScheduledMeeting
from mensch.meetings.proposals import (
    proposal_create,
    proposal_pick,
    scheduled_meeting_cancel,
    scheduled_meeting_reschedule,
)
from tests.factories import make_member
from tests.meetings.conftest import local_in

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def invitations(outbox: list[EmailMessage]) -> dict[str, Any]:
    """Each recipient's calendar attachment, parsed (icalendar's values are loosely typed)."""
    found: dict[str, Any] = {}
    for message in outbox:
        for name, content, mimetype in message.attachments:
            assert name == "invite.ics"
            assert mimetype.startswith("text/calendar; method=")
            found[message.to[0]] = Calendar.from_ical(content)
    return found


def booked(owner: User, connection: User) -> ScheduledMeeting:
    proposal = proposal_create(
        proposer=owner,
        recipient=connection,
        times=[local_in(2, 10, owner)],
        duration_minutes=30,
        place="https://meet.example/dana-rui",
        purpose="Bookkeeping for a small studio",
    )
    return proposal_pick(
        member=connection, proposal_id=proposal.pk, time_id=proposal.times.get().pk
    )


def test_request_then_moved_then_cancel(
    owner: User, connection: User, run_worker: Callable[[], int]
) -> None:
    meeting = booked(owner, connection)
    run_worker()
    sent = invitations(mail.outbox)
    assert sorted(sent) == ["dana@example.org", "rui@example.org"]
    uid = f"scheduled-meeting-{meeting.uid}@mensch"
    for calendar in sent.values():
        assert calendar["METHOD"] == "REQUEST"
        (event,) = calendar.walk("VEVENT")
        assert str(event["UID"]) == uid
        assert event["SEQUENCE"] == 0
        assert event["DTSTART"].dt == meeting.starts_at
        assert (event["DTEND"].dt - event["DTSTART"].dt).total_seconds() == 30 * 60
        assert str(event["ORGANIZER"]) == "mailto:dana@example.org"
        assert sorted(str(a) for a in event["ATTENDEE"]) == [
            "mailto:dana@example.org",
            "mailto:rui@example.org",
        ]
        assert str(event["LOCATION"]) == "https://meet.example/dana-rui"
    mail.outbox.clear()

    move = scheduled_meeting_reschedule(
        member=owner, meeting_id=meeting.pk, times=[local_in(3, 15, owner)]
    )
    run_worker()
    # Rui is told of the new times; no invitation goes out before he agrees.
    assert [(m.to, m.attachments) for m in mail.outbox] == [(["rui@example.org"], [])]
    mail.outbox.clear()
    proposal_pick(member=connection, proposal_id=move.pk, time_id=move.times.get().pk)
    run_worker()
    moved = invitations(mail.outbox)
    for calendar in moved.values():
        (event,) = calendar.walk("VEVENT")
        assert (calendar["METHOD"], str(event["UID"]), event["SEQUENCE"]) == ("REQUEST", uid, 1)
        assert event["DTSTART"].dt == move.times.get().starts_at
    assert mail.outbox[0].subject.startswith("Moved: meeting")
    mail.outbox.clear()

    scheduled_meeting_cancel(member=connection, meeting_id=meeting.pk, note="Sorry, ill")
    run_worker()
    cancelled = invitations(mail.outbox)
    assert sorted(cancelled) == ["dana@example.org", "rui@example.org"]
    for calendar in cancelled.values():
        (event,) = calendar.walk("VEVENT")
        assert (calendar["METHOD"], str(event["UID"]), event["SEQUENCE"]) == ("CANCEL", uid, 2)
        assert event["STATUS"] == "CANCELLED"
    assert "Their note: Sorry, ill" in mail.outbox[0].body


def test_booked_meeting_is_in_both_calendar_feeds(owner: User, connection: User) -> None:
    meeting = booked(owner, connection)
    for member, other in ((owner, "Rui Costa"), (connection, "Dana Okafor")):
        (entry,) = [e for e in calendar_entries(member) if e.uid.startswith("scheduled-meeting")]
        assert entry.summary == f"Meeting {other}: Bookkeeping for a small studio"
        assert entry.start == meeting.starts_at
        assert entry.sequence == 0
        assert entry.status == "CONFIRMED"


def test_feed_entries_keep_their_query_count(
    owner: User, connection: User, django_assert_num_queries: Callable[..., Any]
) -> None:
    booked(owner, connection)
    for name in ("Ana", "Bo"):
        other = make_member(name, email=f"{name.lower()}@example.org")
        connection_create(member=owner, other=other, source="introduction")
        booked(owner, other)
    # confirmed meetings; booked meetings (the same two queries for one or three)
    with django_assert_num_queries(2):
        entries = calendar_entries(owner)
    assert len(entries) == 3


def test_all_my_data_has_my_booked_meeting_and_my_answer_only(
    owner: User, connection: User
) -> None:
    meeting = booked(owner, connection)
    ScheduledMeeting.objects.filter(pk=meeting.pk).update(attendee_says_happened=False)
    rows = member_data(owner)["meetings"]
    assert isinstance(rows, list)
    (booked_row,) = [r for r in rows if "booked" in r]
    assert booked_row["with"]["name"] == "Rui Costa"
    assert booked_row["booked"]["your_answer_did_it_happen"] is None  # Rui's no stays his
    (proposal_row,) = [r for r in rows if "proposal" in r]
    assert proposal_row["proposal"]["status"] == "booked"
