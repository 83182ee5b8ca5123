"""Table sizes for a round, and the counting bounds on repeat-free schedules."""

from __future__ import annotations

from math import ceil, comb

from mensch.engine.rounds.errors import ScheduleInputError


def table_sizes(attendees: int, table_size: int) -> list[int]:
    """Sizes of the tables of one round, largest first.

    As many tables of ``table_size`` as possible with the rest at
    ``table_size - 1``. When no such split exists (7 people at tables of 5),
    the fewest tables that hold everyone at ``table_size`` or less, with sizes
    differing by at most one. Never a table of one; everyone at one table when
    there are no more attendees than seats at a table.
    """
    if table_size < 2:
        raise ScheduleInputError(f"table size must be at least 2, got {table_size}")
    if attendees < 2:
        raise ScheduleInputError(f"need at least 2 attendees to seat, got {attendees}")
    if attendees <= table_size:
        return [attendees]
    if table_size >= 3:
        for full in range(attendees // table_size, -1, -1):
            rest = attendees - full * table_size
            if rest % (table_size - 1) == 0:
                return [table_size] * full + [table_size - 1] * (rest // (table_size - 1))
    tables = ceil(attendees / table_size)
    if attendees // tables < 2:
        # Only reachable with tables of 2 and an odd count: one table of three.
        tables = attendees // table_size
    return _even_split(attendees, tables)


def _even_split(attendees: int, tables: int) -> list[int]:
    base, extra = divmod(attendees, tables)
    return [base + 1] * extra + [base] * (tables - extra)


def pairs_per_round(sizes: list[int]) -> int:
    """How many pairs one round seats together."""
    return sum(comb(size, 2) for size in sizes)


def repeat_free_possible(attendees: int, rounds: int, sizes: list[int]) -> bool:
    """Whether the counting bounds allow ``rounds`` rounds without a repeat.

    Necessary, not sufficient: each person meets at least ``min(sizes) - 1``
    new people a round; all rounds together cannot seat more distinct pairs
    than exist; and from the second round on, the people at a table must come
    from different tables of the first round, so no table may seat more people
    than there are tables.
    """
    return rounds <= max_repeat_free_rounds(attendees, sizes)


def max_repeat_free_rounds(attendees: int, sizes: list[int]) -> int:
    """The most rounds the counting bounds allow without a repeat."""
    if max(sizes) > len(sizes):
        return 1
    by_person = (attendees - 1) // (min(sizes) - 1)
    by_pairs = comb(attendees, 2) // pairs_per_round(sizes)
    return min(by_person, by_pairs)


def repeat_bound_message(attendees: int, rounds: int, table_size: int, sizes: list[int]) -> str:
    """Why ``rounds`` rounds cannot avoid repeats, in the organizer's words."""
    most = max_repeat_free_rounds(attendees, sizes)
    limit = f"at most {most} round{'s' if most != 1 else ''} can seat everyone without repeats"
    needed = rounds * (table_size - 1) + 1
    if attendees < needed:
        return (
            f"{rounds} rounds of tables of {table_size} need at least {needed} attendees "
            f"to avoid repeats; you have {attendees} ({limit})"
        )
    smallest = min(sizes)
    needed_small = rounds * (smallest - 1) + 1
    if attendees < needed_small:
        return (
            f"{rounds} rounds of tables of {smallest} need at least {needed_small} attendees "
            f"to avoid repeats; you have {attendees} ({limit})"
        )
    if max(sizes) > len(sizes):
        return (
            f"a table of {max(sizes)} needs people from {max(sizes)} different tables of "
            f"the round before, and {attendees} attendees fill only {len(sizes)} tables "
            f"({limit})"
        )
    return (
        f"{rounds} rounds of {attendees} attendees at tables of {_describe(sizes)} seat "
        f"{rounds * pairs_per_round(sizes)} pairs, but only {comb(attendees, 2)} different "
        f"pairs exist ({limit})"
    )


def _describe(sizes: list[int]) -> str:
    distinct = sorted(set(sizes), reverse=True)
    return " and ".join(str(size) for size in distinct)


def describe_tables(sizes: list[int]) -> str:
    """'167 tables (165 of 6, 2 of 5)' or '4 tables of 5'."""
    distinct = sorted(set(sizes), reverse=True)
    count = len(sizes)
    noun = "table" if count == 1 else "tables"
    if len(distinct) == 1:
        return f"{count} {noun} of {distinct[0]}"
    parts = ", ".join(f"{sizes.count(size)} of {size}" for size in distinct)
    return f"{count} {noun} ({parts})"
