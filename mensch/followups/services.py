"""Every write to follow-up tasks: created by meetings, introductions, promises and by hand."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.core.dates import add_days
from mensch.core.text import normalise_line
from mensch.events.models import Event
from mensch.followups.models import FollowUp, FollowUpPreference

MAX_SNOOZE_DAYS = 365
MAX_REMINDERS_PER_DAY = 50
# A task is due within ten years: later is no plan, and every date stays a real date.
MAX_DAYS_AHEAD = 3650
# After a confirmed meeting: ONE task per person (per event) listing what is due, not a
# task per step. Keeping in touch later is the contact's cadence (``contacts``).
MEETING_STEPS = (FollowUp.Kind.THANK_YOU.label, FollowUp.Kind.PROPOSE_MEETING.label)
# At most this many follow-ups from meetings fall due on one day: after an event with
# eleven meetings, the first three are due the next day and the rest spread over the days
# after, three a day, so no day asks for eleven thank-you notes.
BUNDLES_PER_DAY = 3


def _check_owner(owner: User, contact: Contact | None) -> None:
    if contact is not None and contact.owner_id != owner.pk:
        raise Contact.DoesNotExist


@transaction.atomic
def followup_create(
    *,
    owner: User,
    title: str,
    due_on: date,
    contact: Contact | None = None,
    kind: str = FollowUp.Kind.MANUAL,
    owed_by: str = FollowUp.OwedBy.ME,
    source_key: str = "",
    event: Event | None = None,
    steps: list[str] | None = None,
) -> FollowUp | None:
    """Add a task. With a ``source_key`` the same task is created once only (None after)."""
    _check_owner(owner, contact)
    _check_due(due_on)
    if source_key and FollowUp.objects.filter(owner=owner, source_key=source_key).exists():
        return None
    followup = FollowUp(
        owner=owner,
        contact=contact,
        kind=kind,
        owed_by=owed_by,
        title=normalise_line(title),
        due_on=due_on,
        original_due_on=due_on,
        source_key=source_key,
        event=event,
        steps=list(steps or []),
    )
    followup.full_clean(exclude=["owner", "contact", "event"])
    try:
        with transaction.atomic():
            followup.save()
    except IntegrityError:
        return None  # the same source arrived twice at once
    return followup


def latest_due(today: date | None = None) -> date:
    """The latest day a task may be due: ``MAX_DAYS_AHEAD`` days from today."""
    return add_days(today or timezone.localdate(), MAX_DAYS_AHEAD)


def _check_due(due_on: date) -> None:
    if isinstance(due_on, date) and due_on > latest_due():
        raise ValidationError(
            {"due_on": [f"A task can be due at most {MAX_DAYS_AHEAD} days (ten years) ahead."]}
        )


def promise_log(
    *, owner: User, contact: Contact, text: str, owed_by: str, due_on: date | None = None
) -> FollowUp:
    """ "I'll send you the deck" (``owed_by="me"``) or "she'll intro me to her CFO"
    (``owed_by="them"``): either way a task with a due date, shown in the brief."""
    if owed_by not in FollowUp.OwedBy.values:
        raise ValidationError({"owed_by": ["Say who promised: me or them."]})
    if not text.strip():
        raise ValidationError({"title": ["Write down what was promised."]})
    followup = followup_create(
        owner=owner,
        contact=contact,
        title=text,
        due_on=due_on or timezone.localdate() + timedelta(days=7),
        kind=FollowUp.Kind.PROMISE,
        owed_by=owed_by,
    )
    assert followup is not None  # no source_key: always created
    return followup


def spread_due_on(owner: User, *, start: date) -> date:
    """The first day from ``start`` with fewer than ``BUNDLES_PER_DAY`` open follow-ups
    from meetings due: the first three are due first, the rest spread over the days after."""
    due = Counter(
        FollowUp.objects.filter(
            owner=owner,
            status=FollowUp.Status.OPEN,
            kind=FollowUp.Kind.AFTER_MEETING,
            due_on__gte=start,
        ).values_list("due_on", flat=True)
    )
    day = start
    while due[day] >= BUNDLES_PER_DAY:
        day = add_days(day, 1)
    return day


def bundle_key(*, meeting_id: int, event_id: int | None, contact_id: int) -> str:
    """One bundle per person per event (per meeting outside events)."""
    if event_id is not None:
        return f"event:{event_id}:contact:{contact_id}"
    return f"meeting:{meeting_id}"


def followups_for_meeting(
    *, owner: User, contact: Contact, meeting_id: int, event: Event | None = None
) -> list[FollowUp]:
    """After a confirmed meeting, one task for this person: a thank-you note and a
    proposed next meeting, listed together, with one "write it now"."""
    title = f"Follow up with {contact.name}"
    if event is not None:
        title = f"{title} after {event.title}"
    followup = followup_create(
        owner=owner,
        contact=contact,
        kind=FollowUp.Kind.AFTER_MEETING,
        title=normalise_line(title)[:200],
        due_on=spread_due_on(owner, start=add_days(timezone.localdate(), 1)),
        source_key=bundle_key(
            meeting_id=meeting_id,
            event_id=event.pk if event is not None else None,
            contact_id=contact.pk,
        ),
        event=event,
        steps=list(MEETING_STEPS),
    )
    return [followup] if followup is not None else []


def chosen_reminders_per_day(member: User) -> int | None:
    """The member's own choice of reminders a day; None when they kept the default."""
    return (
        FollowUpPreference.objects.filter(member=member)
        .values_list("reminders_per_day", flat=True)
        .first()
    )


def reminders_per_day(member: User) -> int:
    """How many follow-up reminders a day the member gets: their choice, or the default."""
    return chosen_reminders_per_day(member) or settings.FOLLOWUP_REMINDERS_PER_DAY


def reminders_per_day_set(*, member: User, per_day: int | None) -> FollowUpPreference:
    """The member's own number of reminders a day (None: back to the default)."""
    if per_day is not None and not 1 <= per_day <= MAX_REMINDERS_PER_DAY:
        raise ValidationError(
            {"reminders_per_day": [f"Choose 1 to {MAX_REMINDERS_PER_DAY} reminders a day."]}
        )
    preference, _ = FollowUpPreference.objects.update_or_create(
        member=member, defaults={"reminders_per_day": per_day}
    )
    return preference


def followups_for_introduction(
    *, owner: User, contact: Contact, introduction_id: int, introducer: Contact | None
) -> list[FollowUp]:
    today = timezone.localdate()
    created = [
        followup_create(
            owner=owner,
            contact=contact,
            kind=FollowUp.Kind.INTRODUCTION,
            title=f"Say hello to {contact.name} and propose a time to meet",
            due_on=today + timedelta(days=2),
            source_key=f"introduction:{introduction_id}:hello",
        )
    ]
    if introducer is not None:
        created.append(
            followup_create(
                owner=owner,
                contact=introducer,
                kind=FollowUp.Kind.THANK_YOU,
                title=f"Thank {introducer.name} for introducing you to {contact.name}",
                due_on=today + timedelta(days=3),
                source_key=f"introduction:{introduction_id}:thanks",
            )
        )
    return [f for f in created if f is not None]


def followups_move(*, source: Contact, target: Contact) -> int:
    """Move every task about ``source`` to ``target`` (one person, two records merged)."""
    if source.owner_id != target.owner_id:
        raise Contact.DoesNotExist
    return FollowUp.objects.filter(contact=source).update(contact=target)


def _open(followup: FollowUp) -> FollowUp:
    if followup.status != FollowUp.Status.OPEN:
        raise ValidationError({"__all__": [f"This task is already {followup.status}."]})
    return followup


@transaction.atomic
def followup_complete(*, followup: FollowUp) -> FollowUp:
    _open(followup)
    followup.status = FollowUp.Status.DONE
    followup.done_at = timezone.now()
    followup.save(update_fields=["status", "done_at"])
    return followup


@transaction.atomic
def followup_dismiss(*, followup: FollowUp) -> FollowUp:
    _open(followup)
    followup.status = FollowUp.Status.DISMISSED
    followup.save(update_fields=["status"])
    return followup


@transaction.atomic
def followup_snooze(*, followup: FollowUp, days: int) -> FollowUp:
    """Move the due date ``days`` from today (or from the due date if it is later)."""
    _open(followup)
    if not 1 <= days <= MAX_SNOOZE_DAYS:
        raise ValidationError({"days": [f"Snooze for 1 to {MAX_SNOOZE_DAYS} days."]})
    start = max(timezone.localdate(), followup.due_on)
    due_on = add_days(start, days)
    if due_on > latest_due():
        raise ValidationError(
            {
                "days": [
                    f"This task is already due on {followup.due_on:%d %B %Y}: a task can be "
                    f"due at most {MAX_DAYS_AHEAD} days (ten years) ahead, so it cannot be "
                    "snoozed further."
                ]
            }
        )
    followup.due_on = due_on
    followup.reminded_on = None
    followup.save(update_fields=["due_on", "reminded_on"])
    return followup
