"""Late arrivals are seated by the worker, like the seating, with progress on the console
(issue 14); everyone already seated keeps their seat."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.management.commands import db_worker

from mensch.accounts.models import User
from mensch.events import rounds, tasks
from mensch.events.models import Event, Seat
from tests.events.conftest import make_event
from tests.events.test_rounds_job import Login, _check_in, _guests, _no_repeats, _seats
from tests.sentences import page_text, problems_in
from tests.workers import run_tasks_now

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def queued_tasks(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return run_tasks_now


def _started_event(organizer: User) -> tuple[Event, list[User]]:
    event = make_event(organizer, capacity=20)
    people = _guests(event, 9)
    _check_in(event, people)
    rounds.rounds_generate(event=event, rounds=2, table_size=3)
    rounds.round_console(event=event, action="start")
    return event, people


def test_the_console_queues_late_arrivals_and_shows_the_progress_then_the_result(
    login_as: Login, organizer: User, queued_tasks: Callable[[], int]
) -> None:
    event, _ = _started_event(organizer)
    before = _seats(event)
    late = _guests(event, 2, start=9)
    _check_in(event, late)
    client = login_as(organizer)
    response = client.post(f"/events/{event.pk}/rounds/late-arrivals/", follow=True)
    page = response.content.decode()
    assert "Seating the late arrivals: this page shows the progress." in page
    assert "Waiting for the worker to seat the late arrivals" in page
    assert "<progress" in page
    assert _seats(event) == before  # the request only queued the job

    assert queued_tasks() >= 1
    event.refresh_from_db()
    assert (event.seating_status, event.seating_progress) == ("done", 100)
    after = _seats(event)
    assert {k: after[k] for k in before} == before  # everyone keeps their seat
    assert {m for (_, m) in after} >= {p.pk for p in late}
    _no_repeats(event)
    text = page_text(client.get(f"/events/{event.pk}/manage/").content.decode())
    assert "Seated 2 late arrivals; everyone else keeps their seat." in text
    assert "without a seat" not in text
    assert problems_in(text) == []


def test_late_arrivals_wait_while_a_seating_job_runs(
    organizer: User, queued_tasks: Callable[[], int]
) -> None:
    event, _ = _started_event(organizer)
    _check_in(event, _guests(event, 1, start=9))
    Event.objects.filter(pk=event.pk).update(seating_status=Event.SeatingStatus.RUNNING)
    with pytest.raises(ValidationError, match="Seating is under way"):
        tasks.late_arrivals_request(event=event)


def test_a_late_arrivals_job_overtaken_by_a_newer_one_saves_nothing(
    organizer: User, queued_tasks: Callable[[], int]
) -> None:
    event, _ = _started_event(organizer)
    _check_in(event, _guests(event, 1, start=9))
    seats = Seat.objects.count()
    job = tasks.late_arrivals_request(event=event).seating_job
    Event.objects.filter(pk=event.pk).update(seating_job=job + 1)
    assert rounds.seat_late_arrivals(event=event, job=job) == []
    assert Seat.objects.count() == seats


def test_an_attendee_list_changed_while_placing_is_placed_again(
    organizer: User, queued_tasks: Callable[[], int]
) -> None:
    event, _ = _started_event(organizer)
    first = _guests(event, 1, start=9)
    _check_in(event, first)
    second = _guests(event, 1, start=10)
    job = tasks.late_arrivals_request(event=event).seating_job
    real = rounds.attendee_engine
    calls = []

    def engine_then_a_check_in(member_ids: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            _check_in(event, second)  # arrives while the first attempt places people
        return real(member_ids)

    with mock.patch.object(rounds, "attendee_engine", engine_then_a_check_in):
        seated = rounds.seat_late_arrivals(event=event, job=job)
    assert len(calls) == 2
    assert sorted(seated) == sorted([first[0].pk, second[0].pk])
    _no_repeats(event)


def test_nothing_to_seat_is_said_at_once(organizer: User, queued_tasks: Callable[[], int]) -> None:
    event, _ = _started_event(organizer)
    with pytest.raises(ValidationError, match="Everyone who is here has a seat"):
        tasks.late_arrivals_request(event=event)
    event.refresh_from_db()
    assert event.seating_status == "done"
