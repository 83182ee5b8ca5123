"""Every write about events: the organizer's event and agenda, RSVPs and the waitlist,
check-in, topic tables, confirmed meetings at an event.

Permission to touch an event is checked by ``selectors.organized_event`` in the
views and the API; these services trust the event they are given.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.core.currencies import validate_currency
from mensch.core.text import normalise_line, validate_plain_text
from mensch.events.cancel_notices import (
    cancellation_notify_later,
    tell_of_cancellation,
)
from mensch.events.models import (
    EARLIEST_START,
    MAX_YEARS_AHEAD,
    AgendaItem,
    Event,
    Rsvp,
    Topic,
    latest_start,
)
from mensch.events.slots import slots_release_for
from mensch.matching.models import Recommendation
from mensch.matching.tasks import matches_request_refresh
from mensch.meetings.models import Meeting
from mensch.meetings.services import meeting_tick
from mensch.notifications.services import notify

# Changes to these fields are what an attendee's calendar must pick up.
CALENDAR_FIELDS = ("title", "description", "venue", "address", "starts_at", "ends_at", "time_zone")
EVENT_FIELDS = (
    *CALENDAR_FIELDS,
    "sponsors",
    "price",
    "currency",
    "capacity",
)


# -- events ------------------------------------------------------------------------


def _check_event(event: Event) -> None:
    """The organizer's mistakes, each with a message next to its field."""
    errors: dict[str, list[str]] = {}
    if event.capacity is None or event.capacity < 1:
        errors["capacity"] = ["Capacity must be at least 1 seat."]
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = ["The event must end after it starts."]
    latest = latest_start()
    for name, word in (("starts_at", "start"), ("ends_at", "end")):
        moment = getattr(event, name)
        if not isinstance(moment, datetime) or name in errors:
            continue
        if moment > latest:
            errors[name] = [
                f"An event can {word} at most {MAX_YEARS_AHEAD} years ahead, by {latest:%d %B %Y}."
            ]
        elif moment < EARLIEST_START:
            errors[name] = [f"An event cannot {word} before {EARLIEST_START.year}."]
    try:
        zoneinfo.ZoneInfo(event.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        errors["time_zone"] = [f"Unknown time zone {event.time_zone!r}; use e.g. Europe/Lisbon."]
    try:
        validate_currency(event.currency)
    except ValidationError:
        errors["currency"] = [
            f"“{event.currency}” is not an ISO 4217 currency code: use a three-letter "
            "currency code such as EUR."
        ]
    if event.price is not None and Decimal(event.price) < 0:
        errors["price"] = ["The price cannot be negative."]
    if errors:
        raise ValidationError(errors)


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown event fields: {sorted(unknown)}")
    cleaned = dict(fields)
    for name in ("title", "venue", "address", "sponsors"):
        if isinstance(cleaned.get(name), str):
            cleaned[name] = normalise_line(cleaned[name])
    for name in ("starts_at", "ends_at"):
        if isinstance(cleaned.get(name), datetime):
            # Whole seconds: what calendars and JSON carry, so times compare equal.
            cleaned[name] = cleaned[name].replace(microsecond=0)
    if isinstance(cleaned.get("currency"), str):
        cleaned["currency"] = cleaned["currency"].strip().upper()
    return cleaned


@transaction.atomic
def event_create(*, organizer: User, **fields: Any) -> Event:
    """A draft event. Only organizers create events."""
    if not organizer.is_organizer:
        raise PermissionDenied("Only organizers can create events.")
    event = Event(organizer=organizer, **_clean_fields(fields))
    _check_event(event)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_update(*, event: Event, **fields: Any) -> Event:
    """Change the event; a change attendees would see raises the calendar SEQUENCE."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    cleaned = _clean_fields(fields)
    visible = any(
        name in CALENDAR_FIELDS and getattr(event, name) != value for name, value in cleaned.items()
    )
    for name, value in cleaned.items():
        setattr(event, name, value)
    _check_event(event)
    event.full_clean()
    if visible:
        event.sequence += 1
    event.save()
    if "capacity" in cleaned:
        _promote_waitlist(event)
    return event


@transaction.atomic
def event_publish(*, event: Event) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise ValidationError({"status": ["A cancelled event cannot be published again."]})
    if event.status == Event.Status.PUBLISHED:
        return event
    event.status = Event.Status.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    return event


CANCEL_MESSAGE_LENGTH = 1000


def cancel_undo_minutes() -> int:
    return int(settings.EVENT_CANCEL_UNDO_MINUTES)


@transaction.atomic
def event_cancel(*, event: Event, message: str = "", undo_minutes: int | None = None) -> Event:
    """Cancel: RSVPs close at once, and everyone who RSVP'd is told (with the organizer's
    message) after ``undo_minutes`` (``EVENT_CANCEL_UNDO_MINUTES``, default 5) unless the
    organizer undoes it first (``event_cancel_undo``). With 0 they are told at once."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        return event
    minutes = cancel_undo_minutes() if undo_minutes is None else max(0, undo_minutes)
    event.status = Event.Status.CANCELLED
    event.sequence += 1
    event.cancel_message = _cancel_message(message)
    event.cancel_notify_after = timezone.now() + timedelta(minutes=minutes)
    event.cancel_notified_at = None
    event.save(
        update_fields=[
            "status",
            "sequence",
            "cancel_message",
            "cancel_notify_after",
            "cancel_notified_at",
            "updated_at",
        ]
    )
    if minutes == 0:
        tell_of_cancellation(event)
    else:
        cancellation_notify_later(event)
    return event


def _cancel_message(message: str) -> str:
    message = message.strip()
    if len(message) > CANCEL_MESSAGE_LENGTH:
        raise ValidationError(
            {"message": [f"Keep the message under {CANCEL_MESSAGE_LENGTH} characters."]}
        )
    try:
        validate_plain_text(message)
    except ValidationError as exc:
        raise ValidationError({"message": exc.messages}) from exc
    return message


def cancel_undoable(event: Event, now: datetime | None = None) -> bool:
    """Cancelled, nobody told yet, and the undo window still open."""
    return (
        event.status == Event.Status.CANCELLED
        and event.cancel_notified_at is None
        and event.cancel_notify_after is not None
        and (now or timezone.now()) < event.cancel_notify_after
    )


@transaction.atomic
def event_cancel_undo(*, event: Event) -> Event:
    """Take a cancellation back while nobody has been told: the event is published again
    (calendars pick up the change by the raised sequence)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not cancel_undoable(event):
        raise ValidationError(
            {"status": ["Attendees have already been told; the cancellation cannot be undone."]}
        )
    event.status = Event.Status.PUBLISHED
    event.sequence += 1
    event.cancel_message = ""
    event.cancel_notify_after = None
    event.save(
        update_fields=["status", "sequence", "cancel_message", "cancel_notify_after", "updated_at"]
    )
    return event


def _bump_sequence(event: Event) -> None:
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1, updated_at=timezone.now())
    event.refresh_from_db(fields=["sequence", "updated_at"])


@transaction.atomic
def agenda_item_create(*, event: Event, starts_at: datetime, title: str, kind: str) -> AgendaItem:
    if isinstance(starts_at, datetime):
        starts_at = starts_at.replace(microsecond=0)
    item = AgendaItem(event=event, starts_at=starts_at, title=normalise_line(title), kind=kind)
    item.full_clean()
    if starts_at and not event.starts_at <= starts_at < event.ends_at:
        raise ValidationError({"starts_at": ["An agenda item must start during the event."]})
    item.save()
    _bump_sequence(event)
    return item


@transaction.atomic
def agenda_item_delete(*, event: Event, item_id: int) -> None:
    AgendaItem.objects.get(pk=item_id, event=event).delete()
    _bump_sequence(event)


# -- RSVPs and the waitlist --------------------------------------------------------


def _going_count(event: Event) -> int:
    return event.rsvps.filter(status=Rsvp.Status.GOING).count()


def _check_open(event: Event) -> None:
    if event.status == Event.Status.CANCELLED:
        raise ValidationError({"event": ["This event was cancelled; it takes no more RSVPs."]})
    if event.status != Event.Status.PUBLISHED:
        raise Event.DoesNotExist
    if event.ends_at <= timezone.now():
        raise ValidationError({"event": ["This event is over; it takes no more RSVPs."]})


@transaction.atomic
def rsvp_create(
    *,
    event: Event,
    member: User,
    goal: str = "",
    contact_consent: bool = False,
    waitlist: bool = False,
) -> Rsvp:
    """RSVP with a goal. A full event refuses unless the member asks for the waitlist."""
    # The event row is the seat counter's lock: RSVPs for the last seat queue here and
    # count again. No-key, so a chat message or check-in pointing at the event (a foreign
    # key share lock) never waits on it while the RSVP waits on them: no deadlock.
    event = Event.objects.select_for_update(no_key=True).get(pk=event.pk)
    _check_open(event)
    rsvp = Rsvp.objects.filter(event=event, member=member).first()
    if rsvp is None:
        rsvp = Rsvp(event=event, member=member)
    rsvp.goal = normalise_line(goal)
    rsvp.contact_consent = contact_consent
    if rsvp.pk is None or rsvp.status == Rsvp.Status.CANCELLED:
        taken = _going_count(event)
        if taken < event.capacity:
            rsvp.status = Rsvp.Status.GOING
        elif waitlist:
            rsvp.status = Rsvp.Status.WAITLISTED
        else:
            raise ValidationError(
                {
                    "waitlist": [
                        f"This event is full ({taken} of {event.capacity} seats taken). "
                        "Join the waitlist: you get a seat automatically when someone cancels."
                    ]
                },
                code="full",
            )
        if rsvp.pk is not None:
            # Back on the list after cancelling: queue at the end.
            rsvp.created_at = timezone.now()
    rsvp.full_clean(validate_unique=False)
    rsvp.save()
    attendee_list_changed(event)
    if rsvp.status == Rsvp.Status.GOING:
        _refresh_recommendations_of(member)
    return rsvp


def _refresh_recommendations_of(member: User) -> None:
    """A new attendee the matching worker has not reached yet (no stored recommendations)
    asks it to run, so "who to meet here" soon reads their real matches. The matching task
    recomputes everyone (there is no per-member run); ``enqueue_once`` keeps one waiting."""
    if not Recommendation.objects.filter(member=member).exists():
        matches_request_refresh()


@transaction.atomic
def rsvp_cancel(*, event: Event, member: User) -> Rsvp:
    """Give the seat back; the first on the waitlist gets it and is told."""
    event = Event.objects.select_for_update(no_key=True).get(pk=event.pk)
    rsvp = Rsvp.objects.get(event=event, member=member)
    was_going = rsvp.status == Rsvp.Status.GOING
    rsvp.status = Rsvp.Status.CANCELLED
    rsvp.checked_in_at = None
    rsvp.save(update_fields=["status", "checked_in_at", "updated_at"])
    attendee_list_changed(event)
    if was_going:
        slots_release_for(event=event, member=member)
        _promote_waitlist(event)
    return rsvp


def attendee_list_changed(event: Event) -> None:
    """The attendee list changed: a seating solved for the old one is solved again."""
    Event.objects.filter(pk=event.pk).update(attendee_version=F("attendee_version") + 1)


def _promote_waitlist(event: Event) -> list[Rsvp]:
    """Fill free seats from the waitlist, first come first served."""
    if event.status == Event.Status.CANCELLED:
        return []
    free = event.capacity - _going_count(event)
    if free <= 0:
        return []
    waiting = list(
        event.rsvps.filter(status=Rsvp.Status.WAITLISTED)
        .select_related("member")
        .order_by("created_at", "pk")[:free]
    )
    for rsvp in waiting:
        rsvp.status = Rsvp.Status.GOING
        rsvp.save(update_fields=["status", "updated_at"])
        attendee_list_changed(event)
        notify(
            recipient=rsvp.member,
            kind="event_waitlist_promoted",
            title=f"You have a seat at {event.title}",
            body="Someone cancelled and you were next on the waitlist.",
            url=reverse("event_detail", args=[event.pk]),
        )
    return waiting


@transaction.atomic
def rsvp_check_in(*, event: Event, rsvp_id: int) -> Rsvp:
    rsvp = Rsvp.objects.select_for_update().get(pk=rsvp_id, event=event)
    if rsvp.status != Rsvp.Status.GOING:
        raise ValidationError({"rsvp": ["Only attendees with a seat can be checked in."]})
    if rsvp.checked_in_at is None:
        rsvp.checked_in_at = timezone.now()
        rsvp.save(update_fields=["checked_in_at", "updated_at"])
        attendee_list_changed(event)
    return rsvp


def _attended(event: Event, member: User) -> Rsvp:
    """The member's RSVP if they attended (seat or check-in); otherwise a clear error."""
    rsvp = Rsvp.objects.filter(event=event, member=member, status=Rsvp.Status.GOING).first()
    if rsvp is None:
        raise ValidationError({"event": ["Only attendees of this event can do this."]})
    return rsvp


@transaction.atomic
def rsvp_goal_met(*, event: Event, member: User, met: bool) -> Rsvp:
    """The attendee's own "did I meet my goal?" after the event started."""
    rsvp = _attended(event, member)
    if event.starts_at > timezone.now():
        raise ValidationError({"goal_met": ["You can say this once the event has started."]})
    rsvp.goal_met = met
    rsvp.save(update_fields=["goal_met", "updated_at"])
    return rsvp


# -- topic tables ------------------------------------------------------------------


def _topic_get_or_create(
    *, event: Event, title: str, posted_by: User | None, agenda_item: AgendaItem | None = None
) -> Topic:
    title = normalise_line(title)
    existing = Topic.objects.filter(event=event, title__iexact=title).first()
    if existing is not None:
        return existing
    topic = Topic(event=event, title=title, posted_by=posted_by, agenda_item=agenda_item)
    topic.full_clean(validate_unique=False)
    topic.save()
    return topic


def _check_side(side: str) -> None:
    if side not in Rsvp.Side.values:
        raise ValidationError({"side": ["Say whether you can share this or want to learn it."]})


@transaction.atomic
def topic_post(*, event: Event, member: User, title: str, side: str) -> Topic:
    """An attendee posts a topic they can share or want to learn, and sits at it."""
    rsvp = _attended(event, member)
    _check_side(side)
    topic = _topic_get_or_create(event=event, title=title, posted_by=member)
    rsvp.topic, rsvp.topic_side = topic, side
    rsvp.save(update_fields=["topic", "topic_side", "updated_at"])
    return topic


@transaction.atomic
def topic_join(*, event: Event, member: User, topic_id: int, side: str) -> Rsvp:
    rsvp = _attended(event, member)
    _check_side(side)
    rsvp.topic = Topic.objects.get(pk=topic_id, event=event)
    rsvp.topic_side = side
    rsvp.save(update_fields=["topic", "topic_side", "updated_at"])
    return rsvp


@transaction.atomic
def topics_seed_from_agenda(*, event: Event) -> list[Topic]:
    """One topic table per talk and workshop of the agenda."""
    return [
        _topic_get_or_create(event=event, title=item.title, posted_by=None, agenda_item=item)
        for item in event.agenda.filter(kind__in=AgendaItem.EDUCATIONAL)
    ]


# -- meetings at the event ---------------------------------------------------------


def event_meeting_tick(*, event: Event, member: User, other: User) -> Meeting | None:
    """ "I met them here": both must be attendees, and the event must have begun."""
    if event.starts_at > timezone.now():
        raise ValidationError({"other": ["You can confirm meetings once the event has started."]})
    _attended(event, member)
    if not Rsvp.objects.filter(event=event, member=other, status=Rsvp.Status.GOING).exists():
        raise ValidationError({"other": [f"{other.name} did not attend this event."]})
    return meeting_tick(member=member, other=other, event=event)
