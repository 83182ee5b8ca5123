"""Every write to follow-up tasks: created by meetings, introductions, promises and by hand."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.core.dates import add_days
from mensch.core.text import normalise_line
from mensch.followups.models import FollowUp

MAX_SNOOZE_DAYS = 365
# A task is due within ten years: later is no plan, and every date stays a real date.
MAX_DAYS_AHEAD = 3650
# After a confirmed meeting: thank them within a day, propose meeting again within a
# week, check in after a month.
MEETING_STEPS = (
    (FollowUp.Kind.THANK_YOU, 1, "Send {name} a thank-you note"),
    (FollowUp.Kind.PROPOSE_MEETING, 7, "Propose a follow-up meeting to {name}"),
    (FollowUp.Kind.CHECK_IN, 30, "Check in with {name}"),
)


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
    )
    followup.full_clean(exclude=["owner", "contact"])
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


def followups_for_meeting(*, owner: User, contact: Contact, meeting_id: int) -> list[FollowUp]:
    today = timezone.localdate()
    created = []
    for kind, days, title in MEETING_STEPS:
        followup = followup_create(
            owner=owner,
            contact=contact,
            kind=kind,
            title=title.format(name=contact.name),
            due_on=today + timedelta(days=days),
            source_key=f"meeting:{meeting_id}:{kind}",
        )
        if followup is not None:
            created.append(followup)
    return created


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
