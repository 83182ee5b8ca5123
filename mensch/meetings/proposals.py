"""Propose times, agree on one, move, cancel, remind and ask "did it happen?".

Every write for meetings booked between connections lives here; pages, API and the
periodic jobs call these functions. Times arrive as the member reads their clock (naive
``datetime``s in their own zone, see :mod:`mensch.meetings.times`) and are stored in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.selectors import are_connected
from mensch.core.locks import lock_rows
from mensch.core.text import normalise_line, validate_plain_text
from mensch.meetings.invitations import Method, send_meeting_invitations
from mensch.meetings.models import MeetingProposal, ProposedTime, ScheduledMeeting
from mensch.meetings.services import meeting_tick
from mensch.meetings.signals import meeting_booked
from mensch.meetings.times import aware_in_zone, describe, zone_of
from mensch.notifications.services import notify

MAX_TIMES = 3
MAX_WINDOWS = 7
DURATIONS = range(15, 241)  # minutes
WINDOW_DAYS = 7  # availability is shared for the coming week
# A year and a bit: a time on the same date next year (a DST day, an anniversary) fits.
MAX_AHEAD = timedelta(days=400)
DAY_BEFORE = timedelta(hours=24)
HOUR_BEFORE = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Window:
    """An availability window as the member's clock reads it (naive start and end)."""

    start: datetime
    end: datetime


def _plan(
    *,
    member: User,
    times: list[datetime],
    windows: list[Window],
    duration_minutes: int,
    place: str,
    purpose: str,
) -> tuple[list[tuple[datetime, datetime | None]], str, str]:
    """Check a proposal's content; the times in UTC, place and purpose cleaned.
    Raises one ValidationError listing every problem (field and reason)."""
    errors: dict[str, list[str]] = {}
    zone = zone_of(member)
    now = timezone.now()
    slots: list[tuple[datetime, datetime | None]] = []
    if times and windows:
        errors["times"] = ["Propose times or share availability windows, not both."]
    elif not times and not windows:
        errors["times"] = ["Propose at least one time, or share your availability."]
    if len(times) > MAX_TIMES:
        errors["times"] = [f"Propose at most {MAX_TIMES} times."]
    if len(windows) > MAX_WINDOWS:
        errors["windows"] = [f"Share at most {MAX_WINDOWS} windows."]
    if duration_minutes not in DURATIONS:
        errors["duration_minutes"] = ["A meeting lasts 15 minutes to 4 hours."]
    for index, local in enumerate(times[:MAX_TIMES], start=1):
        field = f"time_{index}"
        try:
            start = aware_in_zone(local, zone, field=field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
            continue
        if start <= now:
            errors[field] = [f"Time {index} has passed; propose a time still to come."]
        elif start > now + MAX_AHEAD:
            errors[field] = [f"Time {index} is too far ahead; propose one within about a year."]
        elif any(start == other for other, _ in slots):
            errors[field] = [f"Time {index} is proposed twice."]
        else:
            slots.append((start, None))
    horizon = now + timedelta(days=WINDOW_DAYS)
    for index, window in enumerate(windows[:MAX_WINDOWS], start=1):
        field = f"window_{index}"
        try:
            start = aware_in_zone(window.start, zone, field=field)
            end = aware_in_zone(window.end, zone, field=field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
            continue
        if end - start < timedelta(minutes=max(duration_minutes, 15)):
            errors[field] = [f"Window {index} is shorter than the meeting."]
        elif end <= now:
            errors[field] = [f"Window {index} has passed."]
        elif start > horizon:
            errors[field] = [f"Window {index} is not this week; share the coming seven days."]
        else:
            slots.append((max(start, now), end))
    place = normalise_line(place)
    purpose = normalise_line(purpose)
    if not purpose:
        errors["purpose"] = ["Say in one line what the meeting is for."]
    elif len(purpose) > 140:
        errors["purpose"] = ["Keep the purpose to one line of 140 characters at most."]
    if len(place) > 200:
        errors["place"] = ["Keep the place or video link to 200 characters at most."]
    if errors:
        raise ValidationError(errors)
    return slots, place, purpose


def _pending_between(low: int, high: int) -> MeetingProposal | None:
    return (
        MeetingProposal.objects.filter(
            member_low_id=low, member_high_id=high, status=MeetingProposal.Status.PENDING
        )
        .order_by("pk")
        .first()
    )


@transaction.atomic
def proposal_create(
    *,
    proposer: User,
    recipient: User,
    times: list[datetime] | None = None,
    windows: list[Window] | None = None,
    duration_minutes: int,
    place: str = "",
    purpose: str,
    reschedules: ScheduledMeeting | None = None,
    notify_recipient: bool = True,
) -> MeetingProposal:
    """Propose up to three times (or availability windows this week) to a connection."""
    if proposer.pk == recipient.pk:
        raise ValidationError({"recipient": ["You cannot propose a meeting to yourself."]})
    if not are_connected(proposer, recipient):
        raise ValidationError({"recipient": ["You can propose meetings to your connections only."]})
    slots, place, purpose = _plan(
        member=proposer,
        times=times or [],
        windows=windows or [],
        duration_minutes=duration_minutes,
        place=place,
        purpose=purpose,
    )
    low, high = sorted((proposer.pk, recipient.pk))
    lock_rows(User, (low, high))
    proposals_expire(pair=(low, high))
    if _pending_between(low, high) is not None:
        raise ValidationError(
            {"__all__": ["There is already a proposal waiting between you two; answer it first."]}
        )
    last = max((end or start) for start, end in slots)
    expires_at = min(timezone.now() + timedelta(days=settings.MEETING_PROPOSAL_EXPIRY_DAYS), last)
    proposal = MeetingProposal(
        proposer=proposer,
        recipient=recipient,
        member_low_id=low,
        member_high_id=high,
        duration_minutes=duration_minutes,
        place=place,
        purpose=purpose,
        reschedules=reschedules,
        expires_at=expires_at,
    )
    proposal.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError as exc:  # a proposal from the other side in the same instant
        raise ValidationError(
            {"__all__": ["There is already a proposal waiting between you two; answer it first."]}
        ) from exc
    ProposedTime.objects.bulk_create(
        ProposedTime(proposal=proposal, starts_at=start, window_ends_at=end) for start, end in slots
    )
    if notify_recipient:
        what = "to move your meeting" if reschedules else "a meeting"
        notify(
            recipient=recipient,
            kind="meeting_proposed",
            title=f"{proposer.name} proposes {what}",
            body=purpose,
            url=reverse("meeting_proposal", args=[proposal.pk]),
        )
    return proposal


def _locked_proposal(member: User, proposal_id: int) -> MeetingProposal:
    """The member's pending proposal to answer, locked; DoesNotExist for anyone else's."""
    found = (
        MeetingProposal.objects.filter(Q(proposer=member) | Q(recipient=member), pk=proposal_id)
        .values_list("member_low_id", "member_high_id")
        .first()
    )
    if found is None:
        raise MeetingProposal.DoesNotExist
    lock_rows(User, found)
    proposal = (
        MeetingProposal.objects.select_for_update(no_key=True, of=("self",))
        .select_related("proposer", "recipient", "reschedules")
        .get(pk=proposal_id)
    )
    if proposal.recipient_id != member.pk:
        raise ValidationError({"__all__": ["Only the person it was proposed to can answer it."]})
    if proposal.status == MeetingProposal.Status.PENDING and proposal.expires_at <= timezone.now():
        proposal.status = MeetingProposal.Status.EXPIRED
        proposal.save(update_fields=["status"])
    if proposal.status != MeetingProposal.Status.PENDING:
        raise ValidationError(
            {"__all__": [f"This proposal is {proposal.get_status_display()} already."]}
        )
    return proposal


def _answered(proposal: MeetingProposal, status: str, note: str = "") -> None:
    proposal.status = status
    proposal.note = note
    proposal.answered_at = timezone.now()
    proposal.save(update_fields=["status", "note", "answered_at"])


def _book_invitations(meeting: ScheduledMeeting, method: Method) -> None:
    # Queued in the same transaction (the task queue is a table): a booking that rolls back
    # sends no invitation.
    send_meeting_invitations.enqueue(meeting.pk, method, meeting.sequence)


@transaction.atomic
def proposal_pick(
    *, member: User, proposal_id: int, time_id: int, start: datetime | None = None
) -> ScheduledMeeting:
    """Pick one proposed time (or a start within a shared window): the meeting is booked,
    or moved when the proposal reschedules one; both get the invitation."""
    proposal = _locked_proposal(member, proposal_id)
    slot = proposal.times.filter(pk=time_id).first()
    if slot is None:
        raise ValidationError({"time": ["Choose one of the proposed times."]})
    starts_at = slot.starts_at
    if slot.window_ends_at is not None:
        if start is None:
            raise ValidationError({"start": ["Choose when in this window to meet."]})
        starts_at = aware_in_zone(start, zone_of(member), field="start")
        latest = slot.window_ends_at - timedelta(minutes=proposal.duration_minutes)
        if not slot.starts_at <= starts_at <= latest:
            raise ValidationError({"start": ["Choose a start inside the window."]})
    if starts_at <= timezone.now():
        raise ValidationError({"time": ["That time has passed; propose others instead."]})
    _answered(proposal, MeetingProposal.Status.BOOKED)
    meeting = proposal.reschedules
    if meeting is not None:
        meeting = ScheduledMeeting.objects.select_for_update(no_key=True).get(pk=meeting.pk)
        if meeting.status == ScheduledMeeting.Status.CANCELLED:
            raise ValidationError({"__all__": ["This meeting was cancelled in the meantime."]})
        meeting.starts_at = starts_at
        meeting.duration_minutes = proposal.duration_minutes
        meeting.place = proposal.place
        meeting.purpose = proposal.purpose
        meeting.sequence += 1
        meeting.day_reminder_at = meeting.hour_reminder_at = None
        meeting.full_clean(validate_constraints=False)
        meeting.save()
    else:
        meeting = ScheduledMeeting(
            organizer=proposal.proposer,
            attendee=proposal.recipient,
            starts_at=starts_at,
            duration_minutes=proposal.duration_minutes,
            place=proposal.place,
            purpose=proposal.purpose,
        )
        meeting.full_clean(validate_constraints=False)
        meeting.save()
        meeting_booked.send(sender=ScheduledMeeting, meeting=meeting)
    meeting = ScheduledMeeting.objects.select_related("organizer", "attendee").get(pk=meeting.pk)
    _book_invitations(meeting, "REQUEST")
    moved = meeting.sequence > 0
    notify(
        recipient=proposal.proposer,
        kind="meeting_booked",
        title=(
            f"{member.name} agreed to move your meeting"
            if moved
            else f"{member.name} booked a meeting with you"
        ),
        body=describe(meeting.starts_at, proposal.proposer),
        url=reverse("scheduled_meeting", args=[meeting.pk]),
        email=False,  # the invitation email says it
    )
    return meeting


@transaction.atomic
def proposal_counter(
    *,
    member: User,
    proposal_id: int,
    times: list[datetime] | None = None,
    windows: list[Window] | None = None,
    duration_minutes: int | None = None,
    place: str | None = None,
    purpose: str | None = None,
) -> MeetingProposal:
    """Answer a proposal with other times: it is closed and a new one goes the other way."""
    proposal = _locked_proposal(member, proposal_id)
    _answered(proposal, MeetingProposal.Status.COUNTERED)
    return proposal_create(
        proposer=member,
        recipient=proposal.proposer,
        times=times,
        windows=windows,
        duration_minutes=duration_minutes or proposal.duration_minutes,
        place=proposal.place if place is None else place,
        purpose=purpose or proposal.purpose,
        reschedules=proposal.reschedules,
    )


@transaction.atomic
def proposal_decline(*, member: User, proposal_id: int, note: str = "") -> MeetingProposal:
    """Decline with a note; a declined move keeps the meeting at its old time."""
    note = _checked_note(note)
    proposal = _locked_proposal(member, proposal_id)
    _answered(proposal, MeetingProposal.Status.DECLINED, note)
    body = f"Their note: {note}" if note else ""
    notify(
        recipient=proposal.proposer,
        kind="meeting_declined",
        title=f"{member.name} declined your proposal",
        body=body,
        url=reverse("meeting_proposal", args=[proposal.pk]),
    )
    return proposal


def _checked_note(note: str) -> str:
    note = normalise_line(note)
    if len(note) > 300:
        raise ValidationError({"note": ["Keep the note to 300 characters at most."]})
    try:
        validate_plain_text(note)
    except ValidationError as exc:
        raise ValidationError({"note": exc.messages}) from exc
    return note


def proposals_expire(*, pair: tuple[int, int] | None = None) -> int:
    """Close pending proposals past their time (a periodic job; also before each proposal
    between a pair); how many expired."""
    stale = MeetingProposal.objects.filter(
        status=MeetingProposal.Status.PENDING, expires_at__lte=timezone.now()
    )
    if pair is not None:
        stale = stale.filter(member_low_id=pair[0], member_high_id=pair[1])
    return stale.update(status=MeetingProposal.Status.EXPIRED)


def _own_meeting_locked(member: User, meeting_id: int) -> ScheduledMeeting:
    meeting = (
        ScheduledMeeting.objects.select_for_update(no_key=True)
        .filter(Q(organizer=member) | Q(attendee=member), pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise ScheduledMeeting.DoesNotExist
    return meeting


@transaction.atomic
def scheduled_meeting_reschedule(
    *,
    member: User,
    meeting_id: int,
    times: list[datetime] | None = None,
    windows: list[Window] | None = None,
    duration_minutes: int | None = None,
    place: str | None = None,
    purpose: str | None = None,
) -> MeetingProposal:
    """Propose new times for a booked meeting; the old time holds until the other agrees."""
    meeting = _own_meeting_locked(member, meeting_id)
    if meeting.status == ScheduledMeeting.Status.CANCELLED:
        raise ValidationError({"__all__": ["This meeting is cancelled."]})
    other = User.objects.get(pk=meeting.other_id(member.pk))
    return proposal_create(
        proposer=member,
        recipient=other,
        times=times,
        windows=windows,
        duration_minutes=duration_minutes or meeting.duration_minutes,
        place=meeting.place if place is None else place,
        purpose=purpose or meeting.purpose,
        reschedules=meeting,
    )


@transaction.atomic
def scheduled_meeting_cancel(*, member: User, meeting_id: int, note: str = "") -> ScheduledMeeting:
    """Cancel with a note: both get the iTIP CANCEL, a pending move is closed."""
    note = _checked_note(note)
    meeting = _own_meeting_locked(member, meeting_id)
    if meeting.status == ScheduledMeeting.Status.CANCELLED:
        raise ValidationError({"__all__": ["This meeting is cancelled already."]})
    if meeting.ends_at <= timezone.now():
        raise ValidationError({"__all__": ["This meeting is over; say whether it happened."]})
    meeting.status = ScheduledMeeting.Status.CANCELLED
    meeting.cancel_note = note
    meeting.cancelled_by = member
    meeting.sequence += 1
    meeting.save()
    meeting.reschedule_proposals.filter(status=MeetingProposal.Status.PENDING).update(
        status=MeetingProposal.Status.DECLINED, answered_at=timezone.now()
    )
    meeting = ScheduledMeeting.objects.select_related("organizer", "attendee").get(pk=meeting.pk)
    _book_invitations(meeting, "CANCEL")
    other = meeting.attendee if member.pk == meeting.organizer_id else meeting.organizer
    notify(
        recipient=other,
        kind="meeting_cancelled",
        title=f"{member.name} cancelled your meeting",
        body=f"Their note: {note}" if note else "",
        url=reverse("scheduled_meeting", args=[meeting.pk]),
        email=False,  # the cancellation email says it
    )
    return meeting


def _remind(meeting: ScheduledMeeting, *, when: str) -> None:
    for person, other in (
        (meeting.organizer, meeting.attendee),
        (meeting.attendee, meeting.organizer),
    ):
        notify(
            recipient=person,
            kind="meeting_reminder",
            title=f"Reminder: you meet {other.name} {when}",
            body=describe(meeting.starts_at, person),
            url=reverse("scheduled_meeting", args=[meeting.pk]),
        )


def _claim(meeting_id: int, field: str, now: datetime) -> bool:
    """Claim one reminder with a conditional UPDATE: only one worker (and one run) wins."""
    claimed = ScheduledMeeting.objects.filter(pk=meeting_id, **{f"{field}__isnull": True}).update(
        **{field: now}
    )
    return claimed == 1


def meeting_reminders_send(*, now: datetime | None = None) -> int:
    """Remind both people the day before and an hour before (never twice); ask both
    "did it happen?" after the end. A periodic job; how many notices it sent."""
    now = now or timezone.now()
    upcoming = ScheduledMeeting.objects.filter(
        status=ScheduledMeeting.Status.SCHEDULED, starts_at__gt=now
    ).select_related("organizer", "attendee")
    sent = 0
    for field, ahead, when in (
        ("day_reminder_at", DAY_BEFORE, "tomorrow"),
        ("hour_reminder_at", HOUR_BEFORE, "in an hour"),
    ):
        due = upcoming.filter(**{f"{field}__isnull": True, "starts_at__lte": now + ahead})
        for meeting in due.order_by("pk")[:500]:
            if field == "day_reminder_at" and meeting.starts_at <= now + HOUR_BEFORE:
                continue  # booked late: the hour's reminder is the one that helps
            with transaction.atomic():
                if _claim(meeting.pk, field, now):
                    _remind(meeting, when=when)
                    sent += 2
    ended = ScheduledMeeting.objects.filter(
        status=ScheduledMeeting.Status.SCHEDULED,
        asked_at__isnull=True,
        starts_at__lte=now,
    ).select_related("organizer", "attendee")
    for meeting in ended.order_by("pk")[:500]:
        if meeting.ends_at > now:
            continue
        with transaction.atomic():
            if _claim(meeting.pk, "asked_at", now):
                for person, other in (
                    (meeting.organizer, meeting.attendee),
                    (meeting.attendee, meeting.organizer),
                ):
                    notify(
                        recipient=person,
                        kind="meeting_happened",
                        title=f"Did your meeting with {other.name} happen?",
                        url=reverse("scheduled_meeting", args=[meeting.pk]),
                    )
                    sent += 1
    return sent


@transaction.atomic
def scheduled_meeting_answer(*, member: User, meeting_id: int, happened: bool) -> ScheduledMeeting:
    """Say whether the meeting happened. Two yeses confirm it (the meeting trust,
    follow-ups and contacts build on); a no is kept private, a no-show of the other."""
    meeting = _own_meeting_locked(member, meeting_id)
    if meeting.status == ScheduledMeeting.Status.CANCELLED:
        raise ValidationError({"__all__": ["This meeting was cancelled."]})
    if meeting.ends_at > timezone.now():
        raise ValidationError({"__all__": ["Say whether it happened once the meeting is over."]})
    mine = (
        meeting.organizer_says_happened
        if member.pk == meeting.organizer_id
        else meeting.attendee_says_happened
    )
    if mine is not None:
        raise ValidationError({"__all__": ["You have answered already."]})
    if member.pk == meeting.organizer_id:
        meeting.organizer_says_happened = happened
    else:
        meeting.attendee_says_happened = happened
    meeting.save(update_fields=["organizer_says_happened", "attendee_says_happened", "updated_at"])
    if happened:
        other = User.objects.get(pk=meeting.other_id(member.pk))
        confirmed = meeting_tick(
            member=member,
            other=other,
            met_on=timezone.localdate(meeting.starts_at, zone_of(member)),
        )
        if confirmed is not None and meeting.meeting_id is None:
            meeting.meeting = confirmed
            meeting.save(update_fields=["meeting", "updated_at"])
    return meeting


@transaction.atomic
def member_time_zone_set(*, member: User, time_zone: str) -> User:
    """The member's own IANA time zone: every meeting time is shown to them in it."""
    member.time_zone = time_zone.strip()
    member.full_clean(
        exclude=[f.name for f in User._meta.fields if f.name != "time_zone"],
        validate_unique=False,
        validate_constraints=False,
    )
    member.save(update_fields=["time_zone"])
    return member
