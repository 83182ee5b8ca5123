from __future__ import annotations

from datetime import timedelta
from itertools import combinations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Block
from mensch.events import live, rounds, services
from mensch.events.models import Event, Seat
from tests.events.conftest import make_event
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _going(event: Event, count: int) -> list[User]:
    people = [
        make_member(
            f"Guest{n}",
            asks=[("client", f"clients for service number {n}")],
            offers=[("other", f"help with topic number {n}")],
        )
        for n in range(count)
    ]
    for person in people:
        services.rsvp_create(event=event, member=person)
    return people


def _tables(event: Event) -> dict[int, list[set[int]]]:
    out: dict[int, dict[int, set[int]]] = {}
    for seat in Seat.objects.filter(event=event):
        out.setdefault(seat.round_number, {}).setdefault(seat.table_number, set()).add(
            seat.member_id
        )
    return {r: list(t.values()) for r, t in out.items()}


def test_rounds_generate_seats_everyone_each_round_without_repeats(organizer: User) -> None:
    event = make_event(organizer, capacity=20)
    people = _going(event, 9)
    event = rounds.rounds_generate(event=event, rounds=3, table_size=3)
    tables = _tables(event)
    assert sorted(tables) == [1, 2, 3]
    pairs: list[tuple[int, int]] = []
    for seating in tables.values():
        assert sorted(len(t) for t in seating) == [3, 3, 3]
        assert set().union(*seating) == {p.pk for p in people}
        pairs += [tuple(sorted(p)) for t in seating for p in combinations(t, 2)]
    assert len(pairs) == len(set(pairs))
    assert "nobody sits with the same person twice" in event.schedule_message
    assert (event.round_count, event.table_size, event.schedule_version) == (3, 3, 1)


def test_tablemates_get_the_matching_engine_reason(
    event: Event, attendees: list[User], designer: User, bookkeeper: User
) -> None:
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    seat = Seat.objects.get(event=event, member=designer)
    assert set(seat.reasons) == {str(bookkeeper.pk), str(attendees[2].pk)}
    assert "bookkeeping" in seat.reasons[str(bookkeeper.pk)]


def test_members_who_blocked_each_other_never_share_a_table(organizer: User) -> None:
    event = make_event(organizer, capacity=20)
    people = _going(event, 12)
    Block.objects.create(blocker=people[0], blocked=people[1])
    rounds.rounds_generate(event=event, rounds=3, table_size=3)
    for seating in _tables(event).values():
        assert not any({people[0].pk, people[1].pk} <= table for table in seating)


def test_table_size_below_two_is_refused_and_nothing_saved(
    event: Event, attendees: list[User]
) -> None:
    with pytest.raises(ValidationError) as caught:
        rounds.rounds_generate(event=event, rounds=2, table_size=1)
    assert caught.value.message_dict["table_size"] == [
        "Tables need at least 2 seats: nobody talks at a table of one."
    ]
    assert not Seat.objects.exists()


def test_more_rounds_than_can_be_seated_without_repeats_shows_the_engine_message(
    event: Event, attendees: list[User]
) -> None:
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    with pytest.raises(ValidationError) as caught:
        rounds.rounds_generate(event=event, rounds=3, table_size=3)
    message = " ".join(caught.value.message_dict["rounds"])
    assert "at most 1 round can seat everyone without repeats" in message
    event.refresh_from_db()
    # The earlier seating is untouched: nothing half done.
    assert event.round_count == 1
    assert Seat.objects.filter(event=event).count() == 3


def test_rounds_need_two_attendees(event: Event, designer: User) -> None:
    services.rsvp_create(event=event, member=designer)
    with pytest.raises(ValidationError) as caught:
        rounds.rounds_generate(event=event, rounds=1, table_size=2)
    assert "At least two attendees" in str(caught.value)


def test_topic_round_seats_people_of_one_topic_together(organizer: User) -> None:
    event = make_event(organizer, capacity=20)
    people = _going(event, 8)
    pricing = services.topic_post(event=event, member=people[0], title="Pricing", side="share")
    hiring = services.topic_post(event=event, member=people[1], title="Hiring", side="share")
    for person in people[2:5]:
        services.topic_join(event=event, member=person, topic_id=pricing.pk, side="learn")
    for person in people[5:]:
        services.topic_join(event=event, member=person, topic_id=hiring.pk, side="learn")
    rounds.rounds_generate(event=event, rounds=1, table_size=4, topic_rounds=[1])
    pricing_people = {p.pk for p in people[0:1] + people[2:5]}
    assert pricing_people in _tables(event)[1]


def test_console_start_pause_resume_next_and_finish(
    event: Event, attendees: list[User], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValidationError):
        rounds.round_console(event=event, action="start")
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    start = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: start)
    event = rounds.round_console(event=event, action="start")
    assert (event.current_round, event.round_started_at) == (1, start)
    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(minutes=2))
    event = rounds.round_console(event=event, action="pause")
    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(minutes=5))
    event = rounds.round_console(event=event, action="start")
    # Three paused minutes do not count against the round.
    assert event.round_started_at == start + timedelta(minutes=3)
    assert event.paused_at is None
    event = rounds.round_console(event=event, action="next")
    assert event.current_round == 2  # past the last round: finished
    with pytest.raises(ValidationError) as caught:
        rounds.round_console(event=event, action="next")
    assert "All rounds are over." in str(caught.value)


def test_seating_is_fixed_once_rounds_run(event: Event, attendees: list[User]) -> None:
    rounds.rounds_generate(event=event, rounds=1, table_size=3)
    rounds.round_console(event=event, action="start")
    with pytest.raises(ValidationError):
        rounds.rounds_generate(event=event, rounds=1, table_size=2)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [
        (0, (0, 240, 240, 720)),
        (239, (0, 240, 1, 481)),
        (240, (1, 240, 240, 480)),
        (700, (2, 240, 20, 20)),
        (900, (2, 240, 0, 0)),
    ],
)
def test_speaking_turn_gives_each_person_an_equal_share(
    elapsed: float, expected: tuple[int, int, int, int]
) -> None:
    assert live.speaking_turn(elapsed=elapsed, round_seconds=720, speakers=3) == expected


def test_table_state_follows_the_console_clock(
    event: Event, attendees: list[User], designer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = rounds.rounds_generate(event=event, rounds=1, table_size=3, round_minutes=12)
    state = live.table_state(event=event, member=designer)
    assert (state.phase, state.table_number) == ("waiting", 1)
    start = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: start)
    event = rounds.round_console(event=event, action="start")
    state = live.table_state(event=event, member=designer, now=start + timedelta(minutes=5))
    assert state.phase == "running"
    assert [s.name for s in state.speakers] == ["You", "Ben", "Dev"]
    assert state.current_speaker.name == "Ben"  # second 4-minute turn
    assert state.turn_remaining == 180
    assert state.turn_clock == "3:00"
    assert {m.profile.name for m in state.tablemates} == {"Ben Books", "Dev Coder"}
    assert "Ben is looking for a brand identity designer for my practice. Who do you know?" in (
        state.prompts
    )
    later = live.table_state(event=event, member=designer, now=start + timedelta(minutes=13))
    assert later.phase == "time_up"
