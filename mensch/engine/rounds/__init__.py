"""Round scheduler: seat event attendees at tables over several rounds.

Pure Python + numpy; no Django. See :func:`schedule_rounds`.
"""

from __future__ import annotations

from mensch.engine.rounds.errors import InfeasibleSchedule, ScheduleError, ScheduleInputError
from mensch.engine.rounds.scheduler import RoundSchedule, baseline_schedule, schedule_rounds
from mensch.engine.rounds.sizes import max_repeat_free_rounds, repeat_free_possible, table_sizes

__all__ = [
    "InfeasibleSchedule",
    "RoundSchedule",
    "ScheduleError",
    "ScheduleInputError",
    "baseline_schedule",
    "max_repeat_free_rounds",
    "repeat_free_possible",
    "schedule_rounds",
    "table_sizes",
]
