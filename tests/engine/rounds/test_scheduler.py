"""The round scheduler: constraints, quality, determinism, errors."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from mensch.engine.rounds import (
    InfeasibleSchedule,
    ScheduleInputError,
    baseline_schedule,
    schedule_rounds,
    table_sizes,
)
from tests.engine.rounds.values import ids_for, low_rank_values, pairs_met

pytestmark = pytest.mark.unit


def _value_of(rounds: list[list[list[str]]], ids: list[str], values: np.ndarray) -> float:
    index = {identifier: position for position, identifier in enumerate(ids)}
    return sum(
        float(values[index[first], index[second]])
        for first, second in (tuple(pair) for pair in set(pairs_met(rounds)))
    )


@pytest.mark.parametrize(
    ("attendees", "rounds", "table_size"),
    [(12, 3, 3), (20, 3, 4), (37, 4, 5), (60, 5, 6), (101, 4, 6), (150, 6, 6)],
)
def test_schedule_rounds_feasible_has_no_repeats_and_seats_everyone(
    attendees: int, rounds: int, table_size: int
) -> None:
    ids = ids_for(attendees)
    schedule = schedule_rounds(ids, rounds, table_size, low_rank_values(attendees), seed=3)

    assert len(schedule.rounds) == rounds
    for tables in schedule.rounds:
        assert sorted(person for table in tables for person in table) == sorted(ids)
        assert sorted(len(table) for table in tables) == sorted(table_sizes(attendees, table_size))
    met = pairs_met(schedule.rounds)
    assert len(met) == len(set(met))
    assert schedule.repeats == 0
    assert "nobody sits with the same person twice" in schedule.message
    assert schedule.value == pytest.approx(
        _value_of(schedule.rounds, ids, low_rank_values(attendees))
    )


def test_schedule_rounds_avoid_pairs_never_share_a_table() -> None:
    ids = ids_for(40)
    values = low_rank_values(40, seed=1)
    # The pairs most worth seating together are the ones we forbid.
    upper = np.triu_indices(40, 1)
    best = np.argsort(-values[upper])[:40]
    avoid = [(ids[upper[0][p]], ids[upper[1][p]]) for p in best]
    # A "company" of five people who must all be kept apart.
    company = ids[:5]
    avoid += [(a, b) for i, a in enumerate(company) for b in company[i + 1 :]]

    schedule = schedule_rounds(ids, 3, 5, values, avoid=avoid, seed=2)

    met = set(pairs_met(schedule.rounds))
    assert not met & {frozenset(pair) for pair in avoid}
    assert schedule.repeats == 0


def test_schedule_rounds_kept_apart_from_too_many_reports_unavoidable_repeats() -> None:
    ids = ids_for(20)
    # a000 may meet only a001..a005: five people, but 3 rounds at tables of 4 need 9.
    avoid = [(ids[0], other) for other in ids[6:]]

    relaxed = schedule_rounds(ids, 3, 4, low_rank_values(20), avoid=avoid)
    with pytest.raises(InfeasibleSchedule, match="a000 must not meet 14 of the other 19"):
        schedule_rounds(ids, 3, 4, low_rank_values(20), avoid=avoid, strict=True)

    assert relaxed.repeats > 0
    assert "which leaves 5 to meet" in relaxed.message
    assert not set(pairs_met(relaxed.rounds)) & {frozenset(pair) for pair in avoid}


def test_schedule_rounds_group_kept_apart_larger_than_tables_names_the_problem() -> None:
    ids = ids_for(12)
    company = ids[:5]  # 5 people to keep apart, but 12 people at tables of 3 make 4 tables
    avoid = [(a, b) for i, a in enumerate(company) for b in company[i + 1 :]]

    with pytest.raises(InfeasibleSchedule, match=r"5 attendees must all be kept apart .* 4 tables"):
        schedule_rounds(ids, 1, 3, low_rank_values(12), avoid=avoid)


def test_schedule_rounds_person_kept_apart_from_almost_everyone_is_named() -> None:
    ids = ids_for(10)
    avoid = [(ids[0], other) for other in ids[1:8]]

    with pytest.raises(InfeasibleSchedule, match=r"^a000 must not meet 7 of the other 9"):
        schedule_rounds(ids, 1, 5, low_rank_values(10), avoid=avoid)


def test_schedule_rounds_too_many_rounds_strict_raises_with_the_bound() -> None:
    with pytest.raises(InfeasibleSchedule) as caught:
        schedule_rounds(ids_for(20), 6, 6, low_rank_values(20), strict=True)

    assert str(caught.value).startswith(
        "6 rounds of tables of 6 need at least 31 attendees to avoid repeats; you have 20"
    )


def test_schedule_rounds_too_many_rounds_reports_repeats_and_why() -> None:
    schedule = schedule_rounds(ids_for(20), 6, 6, low_rank_values(20), seed=1)

    met = Counter(pairs_met(schedule.rounds))
    assert schedule.repeats == sum(1 for count in met.values() if count > 1)
    assert schedule.repeats > 0
    assert "need at least 31 attendees" in schedule.message
    assert f"{schedule.repeats} pairs meet more than once" in schedule.message


def test_schedule_rounds_same_seed_gives_the_same_schedule() -> None:
    ids = ids_for(40)
    values = low_rank_values(40, seed=5)

    first = schedule_rounds(ids, 4, 4, values, seed=11)
    second = schedule_rounds(ids, 4, 4, values, seed=11)
    other = schedule_rounds(ids, 4, 4, values, seed=12)

    assert first == second
    assert other.rounds != first.rounds


def test_schedule_rounds_value_beats_random_and_greedy_seating() -> None:
    ids = ids_for(120)
    values = low_rank_values(120, seed=7)

    ours = schedule_rounds(ids, 4, 6, values, seed=1)
    random = baseline_schedule(ids, 4, 6, values, kind="random", seed=1)
    greedy = baseline_schedule(ids, 4, 6, values, kind="greedy", seed=1)

    assert ours.value > 1.3 * random.value
    assert ours.value > greedy.value


def test_schedule_rounds_topic_round_seats_same_topic_together() -> None:
    ids = ids_for(36)
    names = ("pricing", "hiring", "export", "funding", "legal", "design")
    # Shuffled so that topic groups are not simply consecutive ids.
    order = np.random.default_rng(4).permutation(36)
    topics = [names[position % 6] for position in order]
    label = dict(zip(ids, topics, strict=True))

    schedule = schedule_rounds(
        ids, 2, 6, low_rank_values(36), topics=topics, topic_rounds=[0], seed=3
    )

    topic_round, open_round = schedule.rounds
    assert all(len({label[person] for person in table}) == 1 for table in topic_round)
    assert any(len({label[person] for person in table}) > 1 for table in open_round)
    assert schedule.repeats == 0


def test_schedule_rounds_topic_groups_larger_than_a_table_fill_tables_by_topic() -> None:
    ids = ids_for(30)
    topics = ["ai"] * 10 + ["retail"] * 10 + [None] * 10

    schedule = schedule_rounds(ids, 1, 5, low_rank_values(30), topics=topics)

    label = dict(zip(ids, topics, strict=True))
    pure = [
        table
        for table in schedule.rounds[0]
        if len({label[person] for person in table}) == 1 and label[table[0]] is not None
    ]
    assert len(pure) == 4


def test_schedule_rounds_single_round_is_a_good_seating() -> None:
    ids = ids_for(9)
    values = np.zeros((9, 9))
    for group in ([0, 1, 2], [3, 4, 5], [6, 7, 8]):
        for a in group:
            for b in group:
                if a != b:
                    values[a, b] = 1.0

    schedule = schedule_rounds(ids, 1, 3, values, seed=0)

    assert sorted(sorted(table) for table in schedule.rounds[0]) == [
        ["a000", "a001", "a002"],
        ["a003", "a004", "a005"],
        ["a006", "a007", "a008"],
    ]
    assert schedule.value == 9.0


def test_schedule_rounds_to_json_has_the_command_line_shape() -> None:
    schedule = schedule_rounds(ids_for(6), 2, 3, low_rank_values(6))

    record = schedule.to_json()

    assert set(record) == {"rounds", "value", "repeats"}
    assert [len(round_["tables"]) for round_ in record["rounds"]] == [2, 2]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"attendee_ids": ["a"]}, "at least 2 attendees"),
        ({"attendee_ids": ["a", "b", "a"]}, "unique; repeated: a"),
        ({"rounds": 0}, "rounds must be"),
        ({"table_size": 1}, "table size must be at least 2"),
        ({"values": np.ones((2, 2))}, "3x3 matrix"),
        ({"values": np.array([[0, 1, 2], [1, 0, 1], [1, 1, 0.0]])}, "symmetric"),
        ({"values": -np.ones((3, 3))}, "zero or more"),
        ({"avoid": [("a", "z")]}, "unknown attendee id 'z'"),
        ({"avoid": [("a", "a")]}, "themself"),
        ({"topics": ["x"]}, "1 topics for 3 attendees"),
        ({"topics": ["x", "y", "x"], "topic_rounds": [4]}, "numbered 0 to 0"),
    ],
)
def test_schedule_rounds_bad_input_raises_naming_the_problem(
    kwargs: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {
        "attendee_ids": ["a", "b", "c"],
        "rounds": 1,
        "table_size": 3,
        "values": np.ones((3, 3)),
    }
    arguments.update(kwargs)

    with pytest.raises(ScheduleInputError, match=message):
        schedule_rounds(**arguments)  # type: ignore[arg-type]


def test_schedule_rounds_reports_progress_up_to_the_total() -> None:
    calls: list[tuple[int, int]] = []

    schedule_rounds(
        ids_for(15), 2, 3, low_rank_values(15), progress=lambda d, t: calls.append((d, t))
    )

    assert calls
    assert calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_schedule_rounds_rather_not_pairs_sit_apart_when_a_seating_allows() -> None:
    ids = ids_for(24)
    values = low_rank_values(24, seed=4)
    # The pairs most worth seating together are the ones who would rather not meet.
    upper = np.triu_indices(24, 1)
    best = np.argsort(-values[upper])[:6]
    rather_not = [(ids[upper[0][p]], ids[upper[1][p]]) for p in best]

    schedule = schedule_rounds(ids, 3, 4, values, rather_not=rather_not, seed=5, strict=True)

    met = set(pairs_met(schedule.rounds))
    assert not met & {frozenset(pair) for pair in rather_not}
    assert schedule.rather_not_together == 0
    assert schedule.repeats == 0
    for tables in schedule.rounds:
        assert sorted(person for table in tables for person in table) == sorted(ids)


def test_schedule_rounds_rather_not_pair_is_still_seated_when_it_cannot_be_avoided() -> None:
    # Three people at one table of three: the pair who would rather not meet must sit
    # together, and a soft avoid never costs the seating (unlike ``avoid``).
    ids = ids_for(3)
    values = low_rank_values(3)

    schedule = schedule_rounds(ids, 1, 3, values, rather_not=[(ids[0], ids[1])], strict=True)

    assert sorted(schedule.rounds[0][0]) == ids
    assert schedule.rather_not_together == 1
    with pytest.raises(InfeasibleSchedule):
        schedule_rounds(ids, 1, 3, values, avoid=[(ids[0], ids[1])])


def test_schedule_rounds_rather_not_never_costs_a_repeat_and_is_kept_to_a_minimum() -> None:
    # Nine people, two rounds at three tables of three: a000 meets four people, and would
    # rather not meet five of the eight others, so at least one such pair must sit
    # together; the seating is still repeat-free and has only that one.
    ids = ids_for(9)
    values = low_rank_values(9, seed=2)
    rather_not = [(ids[0], other) for other in ids[1:6]]

    schedule = schedule_rounds(ids, 2, 3, values, rather_not=rather_not, seed=1, strict=True)

    assert schedule.repeats == 0
    assert schedule.rather_not_together == 1
    together = set(pairs_met(schedule.rounds)) & {frozenset(pair) for pair in rather_not}
    assert len(together) == 1
