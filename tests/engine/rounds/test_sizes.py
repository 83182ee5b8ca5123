"""Table sizes and the counting bounds on repeat-free schedules."""

from __future__ import annotations

import pytest

from mensch.engine.rounds import (
    ScheduleInputError,
    max_repeat_free_rounds,
    repeat_free_possible,
    table_sizes,
)
from mensch.engine.rounds.sizes import repeat_bound_message

pytestmark = pytest.mark.unit


def _splits_into_k_and_k_minus_1(n: int, k: int) -> bool:
    return k >= 3 and any((n - full * k) % (k - 1) == 0 for full in range(n // k + 1))


@pytest.mark.parametrize("table_size", range(2, 9))
def test_table_sizes_seat_everyone_never_alone_across_many_counts(table_size: int) -> None:
    for attendees in range(2, 260):
        sizes = table_sizes(attendees, table_size)
        assert sum(sizes) == attendees
        assert min(sizes) >= 2
        if attendees <= table_size:
            assert sizes == [attendees]
        elif _splits_into_k_and_k_minus_1(attendees, table_size):
            assert set(sizes) <= {table_size, table_size - 1}
        else:
            assert max(sizes) - min(sizes) <= 1


def test_table_sizes_prefer_full_tables_when_divisible() -> None:
    assert table_sizes(1000, 6) == [6] * 165 + [5] * 2
    assert table_sizes(36, 6) == [6] * 6
    assert table_sizes(11, 6) == [6, 5]


def test_table_sizes_fall_back_to_even_split_when_k_and_k_minus_1_cannot_fit() -> None:
    assert table_sizes(7, 5) == [4, 3]
    assert table_sizes(8, 6) == [4, 4]


def test_table_sizes_odd_count_at_tables_of_two_gets_one_table_of_three() -> None:
    assert table_sizes(7, 2) == [3, 2, 2]
    assert table_sizes(3, 2) == [3]


@pytest.mark.parametrize(("attendees", "table_size"), [(1, 4), (0, 4), (10, 1), (10, 0)])
def test_table_sizes_reject_fewer_than_two_people_or_seats(attendees: int, table_size: int) -> None:
    with pytest.raises(ScheduleInputError):
        table_sizes(attendees, table_size)


def test_repeat_bound_message_too_many_rounds_names_the_attendees_needed() -> None:
    sizes = table_sizes(20, 6)
    assert not repeat_free_possible(20, 6, sizes)
    message = repeat_bound_message(20, 6, 6, sizes)
    assert message.startswith(
        "6 rounds of tables of 6 need at least 31 attendees to avoid repeats; you have 20"
    )


def test_repeat_free_possible_table_larger_than_table_count_allows_one_round() -> None:
    # 30 people at 5 tables of 6: a second-round table of 6 would need people
    # from 6 different first-round tables.
    sizes = table_sizes(30, 6)
    assert max_repeat_free_rounds(30, sizes) == 1
    assert "6 different tables" in repeat_bound_message(30, 2, 6, sizes)


def test_repeat_free_possible_small_tables_count_not_the_requested_size() -> None:
    # 25 people at tables of 6 sit at five tables of 5, which allows 5 rounds.
    sizes = table_sizes(25, 6)
    assert sizes == [5] * 5
    assert repeat_free_possible(25, 5, sizes)
    assert not repeat_free_possible(25, 7, sizes)
