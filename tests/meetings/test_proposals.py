"""Proposing times between connections, booking one, moving, cancelling, reminding and
"did it happen?" — through the services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.services import contact_for_member
from mensch.followups.models import FollowUp
from mensch.followups.services import followup_create
from mensch.meetings.models import Meeting, MeetingProposal, ScheduledMeeting
from mensch.meetings.proposals import (
    Window,
    meeting_reminders_send,
    member_time_zone_set,
    proposal_counter,
    proposal_create,
    proposal_decline,
    proposal_pick,
    proposals_expire,
    scheduled_meeting_answer,
    scheduled_meeting_cancel,
    scheduled_meeting_reschedule,
)
from mensch.meetings.selectors import meetings_kept
from mensch.notifications.models import Notification
from mensch.notifications.services import email_preference_update
from tests.meetings.conftest import local_in, next_dst_day

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def propose(proposer: User, recipient: User, *times: datetime, **extra: object) -> MeetingProposal:
    fields: dict[str, object] = {"duration_minutes": 45, "purpose": "Talk about bookkeeping"}
    fields.update(extra)
    return proposal_create(
        proposer=proposer,
        recipient=recipient,
        times=list(times) or [local_in(2, 14, proposer)],
        **fields,  # type: ignore[arg-type]
    )


def test_proposal_of_three_times_is_stored_in_utc(owner: User, connection: User) -> None:
    member_time_zone_set(member=owner, time_zone="Europe/Lisbon")
    times = [local_in(2, 9, owner), local_in(3, 14, owner), local_in(4, 17, owner, 30)]
    proposal = propose(owner, connection, *times, place="Café A Brasileira")
    lisbon = ZoneInfo("Europe/Lisbon")
    stored = [t.starts_at.astimezone(lisbon).replace(tzinfo=None) for t in proposal.times.all()]
    assert stored == times
    assert proposal.status == MeetingProposal.Status.PENDING
    assert Notification.objects.get(recipient=connection).title == "Dana Okafor proposes a meeting"


def test_more_than_three_times_are_refused(owner: User, connection: User) -> None:
    times = [local_in(d, 10, owner) for d in (2, 3, 4, 5)]
    with pytest.raises(ValidationError) as caught:
        propose(owner, connection, *times)
    assert caught.value.message_dict == {"times": ["Propose at most 3 times."]}
    assert not MeetingProposal.objects.exists()


def test_bad_input_names_each_field_and_changes_nothing(owner: User, connection: User) -> None:
    past = local_in(-1, 10, owner)
    with pytest.raises(ValidationError) as caught:
        proposal_create(
            proposer=owner,
            recipient=connection,
            times=[past, local_in(2, 10, owner), local_in(2, 10, owner)],
            duration_minutes=5,
            purpose="   ",
        )
    assert caught.value.message_dict == {
        "time_1": ["Time 1 has passed; propose a time still to come."],
        "time_3": ["Time 3 is proposed twice."],
        "duration_minutes": ["A meeting lasts 15 minutes to 4 hours."],
        "purpose": ["Say in one line what the meeting is for."],
    }
    assert not MeetingProposal.objects.exists()


def test_strangers_cannot_be_proposed_to(owner: User, stranger: User) -> None:
    with pytest.raises(ValidationError, match="connections only"):
        propose(owner, stranger)
    assert not MeetingProposal.objects.exists()


def test_one_pending_proposal_per_pair_either_way(owner: User, connection: User) -> None:
    propose(owner, connection)
    for proposer, recipient in ((owner, connection), (connection, owner)):
        with pytest.raises(ValidationError, match="already a proposal waiting"):
            propose(proposer, recipient)
    assert MeetingProposal.objects.count() == 1


def test_expired_proposal_frees_the_pair_and_cannot_be_picked(
    owner: User, connection: User
) -> None:
    proposal = propose(owner, connection)
    MeetingProposal.objects.filter(pk=proposal.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert proposals_expire() == 1
    proposal.refresh_from_db()
    assert proposal.status == MeetingProposal.Status.EXPIRED
    with pytest.raises(ValidationError, match="expired already"):
        proposal_pick(
            member=connection, proposal_id=proposal.pk, time_id=proposal.times.all()[0].pk
        )
    assert not ScheduledMeeting.objects.exists()
    assert propose(connection, owner).status == MeetingProposal.Status.PENDING


def test_proposal_expires_after_the_setting(
    owner: User, connection: User, settings: object
) -> None:
    settings.MEETING_PROPOSAL_EXPIRY_DAYS = 1  # type: ignore[attr-defined]
    before = timezone.now()
    proposal = propose(owner, connection, local_in(5, 10, owner))
    assert before + timedelta(days=1) <= proposal.expires_at <= timezone.now() + timedelta(days=1)


# --- daylight saving -----------------------------------------------------------------------


def test_time_skipped_by_spring_forward_is_refused(owner: User, connection: User) -> None:
    member_time_zone_set(member=owner, time_zone="Europe/Berlin")
    day = next_dst_day(3)
    gap = datetime(day.year, day.month, day.day, 2, 30)
    with pytest.raises(ValidationError) as caught:
        propose(owner, connection, gap)
    message = caught.value.message_dict["time_1"][0]
    assert message.startswith("02:30 on Sunday")
    assert "does not exist in Europe/Berlin: the clocks go forward that night" in message
    assert not MeetingProposal.objects.exists()
    # An hour later exists, and is stored as 01:30 UTC (CEST is UTC+2).
    later = propose(owner, connection, gap.replace(hour=3))
    assert later.times.get().starts_at.astimezone(ZoneInfo("UTC")).hour == 1


def test_time_shown_twice_on_fall_back_means_the_first(owner: User, connection: User) -> None:
    member_time_zone_set(member=owner, time_zone="Europe/Berlin")
    member_time_zone_set(member=connection, time_zone="America/New_York")
    day = next_dst_day(10)
    twice = datetime(day.year, day.month, day.day, 2, 30)
    proposal = propose(owner, connection, twice)
    start = proposal.times.get().starts_at
    # The first 02:30 is still summer time (UTC+2): 00:30 UTC.
    assert start.astimezone(ZoneInfo("UTC")).strftime("%H:%M") == "00:30"
    meeting = proposal_pick(
        member=connection, proposal_id=proposal.pk, time_id=proposal.times.get().pk
    )
    # New York is still on summer time that night (it turns back a week later): UTC-4.
    assert meeting.starts_at.astimezone(ZoneInfo("America/New_York")).hour == 20


def test_time_zone_must_be_an_iana_name(owner: User) -> None:
    with pytest.raises(ValidationError) as caught:
        member_time_zone_set(member=owner, time_zone="Mars/Olympus")
    assert caught.value.message_dict == {
        "time_zone": ["'Mars/Olympus' is not a time zone name; write one such as Europe/Lisbon."]
    }
    owner.refresh_from_db()
    assert owner.time_zone == "UTC"


# --- booking, moving, cancelling ---------------------------------------------------------


def test_pick_books_a_meeting_and_closes_the_propose_follow_up(
    owner: User, connection: User, run_worker: Callable[[], int]
) -> None:
    task = followup_create(
        owner=connection,
        contact=contact_for_member(owner=connection, member=owner),
        kind=FollowUp.Kind.PROPOSE_MEETING,
        title="Propose a meeting to Dana",
        due_on=timezone.localdate() + timedelta(days=3),
    )
    assert task is not None
    proposal = propose(owner, connection, local_in(2, 9, owner), local_in(3, 9, owner))
    second = proposal.times.all()[1]
    meeting = proposal_pick(member=connection, proposal_id=proposal.pk, time_id=second.pk)
    assert (meeting.organizer, meeting.attendee) == (owner, connection)
    assert meeting.starts_at == second.starts_at
    assert meeting.sequence == 0
    proposal.refresh_from_db()
    assert proposal.status == MeetingProposal.Status.BOOKED
    task.refresh_from_db()
    assert task.status == FollowUp.Status.DONE
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox if m.attachments) == [
        "dana@example.org",
        "rui@example.org",
    ]


def test_only_the_recipient_picks(owner: User, connection: User) -> None:
    proposal = propose(owner, connection)
    with pytest.raises(ValidationError, match="Only the person it was proposed to"):
        proposal_pick(member=owner, proposal_id=proposal.pk, time_id=proposal.times.get().pk)
    assert not ScheduledMeeting.objects.exists()


def test_window_pick_must_fall_inside(owner: User, connection: User) -> None:
    window = Window(local_in(2, 9, owner), local_in(2, 12, owner))
    proposal = proposal_create(
        proposer=owner,
        recipient=connection,
        windows=[window],
        duration_minutes=60,
        purpose="Coffee",
    )
    slot = proposal.times.get()
    with pytest.raises(ValidationError) as caught:
        proposal_pick(
            member=connection,
            proposal_id=proposal.pk,
            time_id=slot.pk,
            start=local_in(2, 11, owner, 30),
        )
    assert caught.value.message_dict == {"start": ["Choose a start inside the window."]}
    meeting = proposal_pick(
        member=connection, proposal_id=proposal.pk, time_id=slot.pk, start=local_in(2, 10, owner)
    )
    assert meeting.duration_minutes == 60


def test_counter_and_decline(owner: User, connection: User) -> None:
    proposal = propose(owner, connection)
    counter = proposal_counter(
        member=connection, proposal_id=proposal.pk, times=[local_in(4, 16, connection)]
    )
    proposal.refresh_from_db()
    assert proposal.status == MeetingProposal.Status.COUNTERED
    assert (counter.proposer, counter.recipient, counter.purpose) == (
        connection,
        owner,
        "Talk about bookkeeping",
    )
    declined = proposal_decline(member=owner, proposal_id=counter.pk, note="Away that week")
    assert (declined.status, declined.note) == (MeetingProposal.Status.DECLINED, "Away that week")
    assert not ScheduledMeeting.objects.exists()


def book(owner: User, connection: User) -> ScheduledMeeting:
    proposal = propose(owner, connection)
    return proposal_pick(
        member=connection, proposal_id=proposal.pk, time_id=proposal.times.get().pk
    )


def test_move_keeps_the_old_time_until_agreed_then_sequence_rises(
    owner: User, connection: User
) -> None:
    meeting = book(owner, connection)
    old = meeting.starts_at
    move = scheduled_meeting_reschedule(
        member=owner, meeting_id=meeting.pk, times=[local_in(5, 11, owner)]
    )
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.sequence) == (old, 0)
    moved = proposal_pick(member=connection, proposal_id=move.pk, time_id=move.times.get().pk)
    assert moved.pk == meeting.pk
    assert moved.sequence == 1
    assert moved.starts_at == move.times.get().starts_at
    assert ScheduledMeeting.objects.count() == 1


def test_cancel_with_a_note(owner: User, connection: User) -> None:
    meeting = book(owner, connection)
    cancelled = scheduled_meeting_cancel(member=connection, meeting_id=meeting.pk, note="Ill")
    assert (cancelled.status, cancelled.sequence, cancelled.cancel_note) == (
        ScheduledMeeting.Status.CANCELLED,
        1,
        "Ill",
    )
    with pytest.raises(ValidationError, match="cancelled already"):
        scheduled_meeting_cancel(member=owner, meeting_id=meeting.pk)


def test_strangers_cannot_touch_a_booked_meeting(
    owner: User, connection: User, stranger: User
) -> None:
    meeting = book(owner, connection)
    with pytest.raises(ScheduledMeeting.DoesNotExist):
        scheduled_meeting_cancel(member=stranger, meeting_id=meeting.pk)
    with pytest.raises(ScheduledMeeting.DoesNotExist):
        scheduled_meeting_reschedule(
            member=stranger, meeting_id=meeting.pk, times=[local_in(5, 11, stranger)]
        )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (ScheduledMeeting.Status.SCHEDULED, 0)


# --- reminders and "did it happen?" -------------------------------------------------------


def test_reminders_day_and_hour_before_never_twice(
    owner: User, connection: User, run_worker: Callable[[], int]
) -> None:
    email_preference_update(member=connection, notifications=False)
    meeting = book(owner, connection)
    run_worker()
    mail.outbox.clear()
    Notification.objects.all().delete()
    start = meeting.starts_at
    assert meeting_reminders_send(now=start - timedelta(hours=30)) == 0
    assert meeting_reminders_send(now=start - timedelta(hours=23)) == 2
    assert meeting_reminders_send(now=start - timedelta(hours=22)) == 0
    assert meeting_reminders_send(now=start - timedelta(minutes=50)) == 2
    assert meeting_reminders_send(now=start - timedelta(minutes=40)) == 0
    titles = sorted(Notification.objects.values_list("recipient__first_name", "title"))
    assert titles == [
        ("Dana", "Reminder: you meet Rui Costa in an hour"),
        ("Dana", "Reminder: you meet Rui Costa tomorrow"),
        ("Rui", "Reminder: you meet Dana Okafor in an hour"),
        ("Rui", "Reminder: you meet Dana Okafor tomorrow"),
    ]
    run_worker()
    # Rui turned notification emails off: only Dana's two reminders were emailed.
    assert sorted(m.to[0] for m in mail.outbox) == ["dana@example.org", "dana@example.org"]


def test_did_it_happen_two_yeses_confirm_the_meeting(owner: User, connection: User) -> None:
    meeting = book(owner, connection)
    ended = meeting.starts_at + timedelta(hours=1)
    assert meeting_reminders_send(now=ended) == 2
    assert meeting_reminders_send(now=ended) == 0
    with pytest.raises(ValidationError, match="once the meeting is over"):
        scheduled_meeting_answer(member=owner, meeting_id=meeting.pk, happened=True)
    ScheduledMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=2)
    )
    scheduled_meeting_answer(member=owner, meeting_id=meeting.pk, happened=True)
    assert not Meeting.objects.exists()
    answered = scheduled_meeting_answer(member=connection, meeting_id=meeting.pk, happened=True)
    confirmed = Meeting.objects.get()
    assert answered.meeting == confirmed
    assert {confirmed.member_low, confirmed.member_high} == {owner, connection}
    assert meetings_kept(owner).kept == meetings_kept(owner).total == 1


def test_a_no_is_private_and_counts_for_the_other_only(owner: User, connection: User) -> None:
    meeting = book(owner, connection)
    ScheduledMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=2)
    )
    scheduled_meeting_answer(member=owner, meeting_id=meeting.pk, happened=False)
    with pytest.raises(ValidationError, match="answered already"):
        scheduled_meeting_answer(member=owner, meeting_id=meeting.pk, happened=True)
    assert (meetings_kept(connection).kept, meetings_kept(connection).total) == (0, 1)
    assert (meetings_kept(owner).kept, meetings_kept(owner).total) == (0, 0)
    assert not Meeting.objects.exists()
