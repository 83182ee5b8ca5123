"""Seating as a background job (issue 14): the console queues it and follows its
progress, the solver runs outside any transaction, the write checks the attendee list,
explanations only for tablemates, late arrivals seated without moving anyone."""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django_tasks_db.management.commands import db_worker

from mensch.accounts.models import User
from mensch.connections.models import Block
from mensch.engine.matching import MatchEngine
from mensch.events import rounds, services
from mensch.events.models import Event, Rsvp, Seat
from tests.events.conftest import make_event
from tests.factories import make_member
from tests.workers import run_tasks_now

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Login = Callable[[User], Client]


def _guests(event: Event, count: int, start: int = 0) -> list[User]:
    people = [
        make_member(
            f"Guest{n}",
            asks=[("client", f"clients for service number {n}")],
            offers=[("other", f"help with topic number {n}")],
        )
        for n in range(start, start + count)
    ]
    for person in people:
        services.rsvp_create(event=event, member=person)
    return people


def _check_in(event: Event, people: list[User]) -> None:
    for person in people:
        rsvp = Rsvp.objects.get(event=event, member=person)
        services.rsvp_check_in(event=event, rsvp_id=rsvp.pk)


def _seats(event: Event) -> dict[tuple[int, int], int]:
    """(round, member) -> table."""
    return {(s.round_number, s.member_id): s.table_number for s in Seat.objects.filter(event=event)}


def _no_repeats(event: Event) -> None:
    tables: dict[tuple[int, int], set[int]] = {}
    for seat in Seat.objects.filter(event=event):
        tables.setdefault((seat.round_number, seat.table_number), set()).add(seat.member_id)
    pairs = [tuple(sorted(p)) for t in tables.values() for p in combinations(t, 2)]
    assert len(pairs) == len(set(pairs))


@pytest.fixture
def queued_tasks(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """The real database queue, and its real worker run in-process on demand."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    return run_tasks_now


def test_console_queues_the_seating_and_shows_its_progress_then_the_seating(
    login_as: Login, organizer: User, queued_tasks: Callable[[], int]
) -> None:
    event = make_event(organizer, capacity=20)
    _guests(event, 9)
    client = login_as(organizer)
    response = client.post(
        f"/events/{event.pk}/rounds/", {"rounds": "2", "table_size": "3", "round_minutes": "10"}
    )
    assert response.status_code == 302
    assert not Seat.objects.exists()  # the request only queued the job
    page = client.get(f"/events/{event.pk}/manage/").content.decode()
    assert "<progress" in page
    assert "Waiting for the worker" in page
    status = client.get(
        f"/events/{event.pk}/rounds/status/?polling=1", headers={"HX-Request": "true"}
    )
    assert 'hx-trigger="every 1s"' in status.content.decode()
    assert "HX-Refresh" not in status

    assert queued_tasks() == 1
    done = client.get(
        f"/events/{event.pk}/rounds/status/?polling=1", headers={"HX-Request": "true"}
    )
    assert done["HX-Refresh"] == "true"  # the console reloads and shows the seating
    page = client.get(f"/events/{event.pk}/manage/").content.decode()
    assert "<progress" not in page
    assert "nobody sits with the same person twice" in page
    assert "Table 2:" in page
    assert Seat.objects.filter(event=event).count() == 18
    event.refresh_from_db()
    assert (event.seating_status, event.seating_progress) == ("done", 100)


def test_a_seating_the_worker_cannot_make_shows_a_clear_error(
    login_as: Login, event: Event, attendees: list[User], designer: User, bookkeeper: User
) -> None:
    # One table of three and two of them keep apart: no seating exists.
    Block.objects.create(blocker=designer, blocked=bookkeeper)
    client = login_as(event.organizer)
    client.post(
        f"/events/{event.pk}/rounds/", {"rounds": "1", "table_size": "3", "round_minutes": "10"}
    )
    page = client.get(f"/events/{event.pk}/manage/").content.decode()
    assert "The rounds could not be seated:" in page
    assert 'role="alert"' in page
    assert not Seat.objects.exists()
    event.refresh_from_db()
    assert event.seating_status == "failed"


def test_the_api_queues_the_seating_and_reports_its_state(
    login_as: Login, event: Event, attendees: list[User], queued_tasks: Callable[[], int]
) -> None:
    client = login_as(event.organizer)
    queued = client.post(
        f"/api/v1/events/{event.pk}/rounds",
        {"rounds": 1, "table_size": 3},
        content_type="application/json",
    ).json()
    assert (queued["seating_status"], queued["rounds"]) == ("queued", [])
    queued_tasks()
    done = client.get(f"/api/v1/events/{event.pk}/rounds").json()
    assert done["seating_status"] == "done"
    assert len(done["rounds"]) == 1


def test_the_solver_runs_outside_any_transaction(
    organizer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = make_event(organizer, capacity=20)
    _guests(event, 9)
    depths: list[int] = []
    real = rounds.schedule_rounds

    def spy(*args: Any, **kwargs: Any) -> Any:
        depths.append(len(connection.savepoint_ids))
        return real(*args, **kwargs)

    monkeypatch.setattr(rounds, "schedule_rounds", spy)
    # The test itself runs in a transaction; rounds_generate opened none around the solver.
    outer = len(connection.savepoint_ids)
    rounds.rounds_generate(event=event, rounds=2, table_size=3)
    assert depths == [outer]


def test_a_changed_attendee_list_while_solving_is_solved_again(
    organizer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = make_event(organizer, capacity=20)
    _guests(event, 5)
    latecomer = make_member("Lena", last_name="Late")
    calls: list[int] = []
    real = rounds.schedule_rounds

    def rsvp_meanwhile(ids: list[str], *args: Any, **kwargs: Any) -> Any:
        calls.append(len(ids))
        if len(calls) == 1:  # someone RSVPs while the first solve runs
            services.rsvp_create(event=event, member=latecomer)
        return real(ids, *args, **kwargs)

    monkeypatch.setattr(rounds, "schedule_rounds", rsvp_meanwhile)
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    assert calls == [5, 6]
    assert Seat.objects.filter(event=event, member=latecomer).exists()


def test_a_list_that_keeps_changing_fails_with_a_clear_error(
    organizer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = make_event(organizer, capacity=20)
    _guests(event, 4)
    real = rounds.schedule_rounds

    def always_changing(*args: Any, **kwargs: Any) -> Any:
        services.attendee_list_changed(event)
        return real(*args, **kwargs)

    monkeypatch.setattr(rounds, "schedule_rounds", always_changing)
    with pytest.raises(Exception, match="kept changing"):
        rounds.rounds_generate(event=event, rounds=1, table_size=2)
    assert not Seat.objects.exists()


def test_explanations_are_written_only_for_tablemates(
    organizer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = make_event(organizer, capacity=20)
    _guests(event, 9)

    def no_full_lists(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("asked for a full recommendation list")

    monkeypatch.setattr(MatchEngine, "recommend", no_full_lists)
    rounds.rounds_generate(event=event, rounds=2, table_size=3)
    for seat in Seat.objects.filter(event=event):
        mates = set(
            Seat.objects.filter(
                event=event, round_number=seat.round_number, table_number=seat.table_number
            )
            .exclude(member_id=seat.member_id)
            .values_list("member_id", flat=True)
        )
        assert set(seat.reasons) == {str(m) for m in mates}
        assert all(seat.reasons.values())


def test_once_check_in_starts_only_people_who_are_here_are_seated(organizer: User) -> None:
    event = make_event(organizer, capacity=20)
    people = _guests(event, 7)
    _check_in(event, people[:6])
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    assert not Seat.objects.filter(event=event, member=people[6]).exists()
    assert Seat.objects.filter(event=event).count() == 6


def test_late_arrivals_are_seated_without_moving_anyone(login_as: Login, organizer: User) -> None:
    event = make_event(organizer, capacity=20)
    people = _guests(event, 9)
    _check_in(event, people)
    rounds.rounds_generate(event=event, rounds=2, table_size=3)
    rounds.round_console(event=event, action="start")
    before = _seats(event)
    late = _guests(event, 2, start=9)
    _check_in(event, late)

    client = login_as(organizer)
    page = client.get(f"/events/{event.pk}/manage/").content.decode()
    assert "2 people are here without a seat." in page
    response = client.post(f"/events/{event.pk}/rounds/late-arrivals/", follow=True)
    assert "Seated 2 late arrivals" in response.content.decode()

    after = _seats(event)
    assert {k: after[k] for k in before} == before  # everyone keeps their seat
    for person in late:
        for round_number in (1, 2):
            table = after[(round_number, person.pk)]
            at_table = [m for (r, m), t in after.items() if r == round_number and t == table]
            assert len(at_table) >= 2  # nobody sits alone
    _no_repeats(event)
    newcomer_seat = Seat.objects.get(event=event, member=late[0], round_number=2)
    assert set(newcomer_seat.reasons) == {
        str(m)
        for (r, m), t in after.items()
        if r == 2 and t == newcomer_seat.table_number and m != late[0].pk
    }
    page = client.get(f"/events/{event.pk}/manage/").content.decode()
    assert "without a seat" not in page


def test_late_arrivals_fill_free_seats_first(organizer: User) -> None:
    event = make_event(organizer, capacity=20)
    people = _guests(event, 8)  # tables of three: 3, 3 and 2
    _check_in(event, people)
    rounds.rounds_generate(event=event, rounds=2, table_size=3)
    tables_before = {(r, t) for (r, _), t in _seats(event).items()}
    late = _guests(event, 1, start=8)
    _check_in(event, late)
    assert rounds.seat_late_arrivals(event=event) == [late[0].pk]
    after = _seats(event)
    assert {(r, t) for (r, _), t in after.items()} == tables_before  # no new table
    assert all(sum(1 for (r, _), t in after.items() if (r, t) == key) == 3 for key in tables_before)
    _no_repeats(event)


def test_seat_late_arrivals_says_when_everyone_has_a_seat(
    event: Event, attendees: list[User]
) -> None:
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    with pytest.raises(Exception, match="Everyone who is here has a seat"):
        rounds.seat_late_arrivals(event=event)


def test_only_its_organizer_sees_the_seating_job_or_seats_late_arrivals(
    login_as: Login, event: Event, attendees: list[User], other_organizer: User
) -> None:
    rounds.rounds_generate(event=event, rounds=1, table_size=3)

    def seating() -> list[tuple[int, int]]:
        return sorted(Seat.objects.filter(event=event).values_list("member_id", "table_number"))

    seats = seating()
    status = f"/events/{event.pk}/rounds/status/"
    late = f"/events/{event.pk}/rounds/late-arrivals/"
    attendee, stranger = login_as(attendees[0]), login_as(other_organizer)
    assert attendee.get(status).status_code == 403
    assert stranger.get(status).status_code == 404
    assert attendee.post(late).status_code == 403
    assert stranger.post(late).status_code == 404
    assert seating() == seats
