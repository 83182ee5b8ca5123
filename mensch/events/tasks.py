"""The events app's background jobs: seating the rounds off the request path.

The organizer's console asks for a seating (:func:`rounds_request`) or for seats for the
late arrivals (:func:`late_arrivals_request`); the worker seats (:func:`seat_rounds`,
:func:`seat_late_arrivals`) and reports its progress, its result or a clear error on the
event (``seating_*``), which the console polls. Both share the job number: a newer request
overtakes an older one, which then saves nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import task

from mensch.events import rounds
from mensch.events.models import Event, Seat


@task()
def seat_rounds(
    event_id: int,
    job: int,
    round_count: int,
    table_size: int,
    round_minutes: int,
    topic_rounds: list[int],
) -> str:
    """Seat an event's rounds for the console (see :func:`rounds_request`)."""
    return seating_job_run(
        event_id=event_id,
        job=job,
        round_count=round_count,
        table_size=table_size,
        round_minutes=round_minutes,
        topic_rounds=topic_rounds,
    )


def rounds_request(
    *,
    event: Event,
    round_count: int,
    table_size: int,
    round_minutes: int = 12,
    topic_rounds: Sequence[int] = (),
) -> Event:
    """Ask the worker to seat the rounds (:func:`rounds_generate` as a background job).

    Checks what can be checked at once (the shape, the event's state, two attendees), marks
    the job queued on the event and enqueues it; the console follows ``seating_*``.
    """
    rounds.check_shape(round_count, table_size, round_minutes)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        rounds.check_can_seat(event)
        rounds.check_seatable(len(rounds.seating_rsvps(event)), round_count, table_size)
        _mark_queued(event, "Waiting for the worker…")
    seat_rounds.enqueue(
        event.pk, event.seating_job, round_count, table_size, round_minutes, list(topic_rounds)
    )
    event.refresh_from_db()
    return event


def seating_job_run(
    *,
    event_id: int,
    job: int,
    round_count: int,
    table_size: int,
    round_minutes: int,
    topic_rounds: Sequence[int],
) -> str:
    """The worker's side of :func:`rounds_request`: seat, or store a clear error."""
    return _job_run(
        event_id,
        job,
        lambda: rounds.rounds_generate(
            event=Event(pk=event_id),
            rounds=round_count,
            table_size=table_size,
            round_minutes=round_minutes,
            topic_rounds=topic_rounds,
            job=job,
        ),
    )


@task()
def seat_late_arrivals(event_id: int, job: int) -> str:
    """Seat the late arrivals for the console (see :func:`late_arrivals_request`)."""
    return _job_run(
        event_id, job, lambda: rounds.seat_late_arrivals(event=Event(pk=event_id), job=job)
    )


def late_arrivals_request(*, event: Event) -> Event:
    """Ask the worker to seat the people who are here without a seat (placing them reads
    every attendee's profile: seconds at a 1,000-person event), keeping everyone seated
    where they are. Refused while another seating job is under way."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.seating_status in (Event.SeatingStatus.QUEUED, Event.SeatingStatus.RUNNING):
            raise ValidationError(
                {"rounds": ["Seating is under way; seat the late arrivals once it is done."]}
            )
        seated = set(Seat.objects.filter(event=event).values_list("member_id", flat=True))
        rounds.check_late_arrivals(event, seated)
        _mark_queued(event, "Waiting for the worker to seat the late arrivals…")
    seat_late_arrivals.enqueue(event.pk, event.seating_job)
    event.refresh_from_db()
    return event


def _mark_queued(event: Event, step: str) -> None:
    event.seating_job += 1
    event.seating_status = Event.SeatingStatus.QUEUED
    event.seating_progress = 0
    event.seating_step = step
    event.seating_error = ""
    event.save(
        update_fields=[
            "seating_job",
            "seating_status",
            "seating_progress",
            "seating_step",
            "seating_error",
            "updated_at",
        ]
    )


def _job_run(event_id: int, job: int, work: Callable[[], object]) -> str:
    """Run a console job's work unless a newer request overtook it; store a clear error."""
    still_current = Event.objects.filter(pk=event_id, seating_job=job)
    if not still_current.exists():
        return "superseded"
    try:
        work()
    except ValidationError as exc:
        still_current.update(
            seating_status=Event.SeatingStatus.FAILED,
            seating_error=" ".join(exc.messages)[:500],
            seating_step="",
        )
        return "failed"
    except Exception:
        still_current.update(
            seating_status=Event.SeatingStatus.FAILED,
            seating_error="Seating stopped on an unexpected error. Try again; if it fails "
            "again, tell the site's administrators.",
            seating_step="",
        )
        raise
    return "done"
