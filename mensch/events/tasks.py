"""The events app's background jobs: seating the rounds off the request path.

The organizer's console asks for a seating (:func:`rounds_request`); the worker seats
(:func:`seat_rounds`, :func:`mensch.events.rounds.rounds_generate`) and reports its
progress, its result or a clear error on the event, which the console polls.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import task

from mensch.events import rounds
from mensch.events.models import Event


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
        event.seating_job += 1
        event.seating_status = Event.SeatingStatus.QUEUED
        event.seating_progress = 0
        event.seating_step = "Waiting for the worker…"
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
    still_current = Event.objects.filter(pk=event_id, seating_job=job)
    if not still_current.exists():
        return "superseded"
    try:
        rounds.rounds_generate(
            event=Event(pk=event_id),
            rounds=round_count,
            table_size=table_size,
            round_minutes=round_minutes,
            topic_rounds=topic_rounds,
            job=job,
        )
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
