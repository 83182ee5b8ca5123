"""Errors raised by the round scheduler."""

from __future__ import annotations


class ScheduleError(ValueError):
    """Base class: the scheduler cannot produce what was asked for."""


class ScheduleInputError(ScheduleError):
    """The input itself is malformed (bad sizes, unknown ids, a bad matrix)."""


# N818: the name is part of the engine's published API (issue 4).
class InfeasibleSchedule(ScheduleError):  # noqa: N818
    """The constraints cannot all hold.

    Raised for pairs that must not meet but cannot be kept apart (always), and
    for repeats that cannot be avoided (only when the caller asks for
    ``strict=True``; otherwise the result carries ``repeats`` and a message).
    """
