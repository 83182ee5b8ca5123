"""Telling attendees that an event is cancelled: after the organizer's window to undo it
(``services.event_cancel``, ``EVENT_CANCEL_UNDO_MINUTES``), by a deferred job, and only if
the cancellation still stands.

The deferred job can be lost (the worker was down past its lease, the queue was cleared),
so a periodic sweep (:func:`cancel_notices_sweep`, every two minutes: ``EventsConfig``)
sends every notice
whose window has passed. Both go through :func:`event_cancel_notify`, which locks the event
and stamps ``cancel_notified_at`` in the same transaction as the notices: whichever comes
first tells the attendees, and the other finds nothing to do.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from mensch.core.tasks import enqueue_once
from mensch.events.models import Event, Rsvp
from mensch.notifications.services import notify

CANCEL_NOTICE = "The organizer cancelled the event."


@transaction.atomic
def event_cancel_notify(*, event_id: int, now: datetime | None = None) -> int:
    """Tell everyone who RSVP'd, once the undo window has passed and if the cancellation
    still stands; returns how many were told (0: undone, too early, or already told)."""
    event = Event.objects.select_for_update().filter(pk=event_id).first()
    if (
        event is None
        or event.status != Event.Status.CANCELLED
        or event.cancel_notified_at is not None
        or event.cancel_notify_after is None
        or (now or timezone.now()) < event.cancel_notify_after
    ):
        return 0
    return tell_of_cancellation(event)


def cancel_notices_sweep(*, now: datetime | None = None) -> int:
    """Send every cancellation notice whose undo window has passed and that nobody sent
    (its queued job lost); safe to run beside the jobs and other workers. Returns how many
    attendees were told."""
    now = now or timezone.now()
    due = Event.objects.filter(
        status=Event.Status.CANCELLED,
        cancel_notified_at__isnull=True,
        cancel_notify_after__lte=now,
    ).values_list("pk", flat=True)
    return sum(event_cancel_notify(event_id=event_id, now=now) for event_id in list(due))


def tell_of_cancellation(event: Event) -> int:
    rsvps = list(event.rsvps.exclude(status=Rsvp.Status.CANCELLED).select_related("member"))
    for rsvp in rsvps:
        notify(
            recipient=rsvp.member,
            kind="event_cancelled",
            title=f"{event.title} is cancelled",
            body=event.cancel_message or CANCEL_NOTICE,
            url=reverse("event_detail", args=[event.pk]),
        )
    event.cancel_notified_at = timezone.now()
    event.save(update_fields=["cancel_notified_at"])
    return len(rsvps)


@task()
def notify_cancellation(event_id: int) -> int:
    """Runs at ``cancel_notify_after``; does nothing if the cancellation was undone."""
    return event_cancel_notify(event_id=event_id)


def cancellation_notify_later(event: Event) -> None:
    """Book the notice for when the undo window closes, once the cancel commits (the
    database task backend defers jobs; the worker runs it at ``run_after``)."""
    when = event.cancel_notify_after

    def book() -> None:
        enqueue_once(notify_cancellation, event.pk, run_after=when)

    transaction.on_commit(book)
