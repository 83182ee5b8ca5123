"""The dashboard card: progress on the member's nearest goals."""

from __future__ import annotations

from django.utils.text import capfirst

from mensch.accounts.models import User
from mensch.core.cards import DashboardCard
from mensch.goals.selectors import (
    GoalProgress,
    facts_of_rows,
    goals_and_rows,
    nearest_goals,
    progress_of,
)

SHOWN = 3


def nearest(member: User) -> tuple[list[GoalProgress], int]:
    """``selectors.nearest_goals(member, count=SHOWN)`` in one statement; where a goal shown
    has criteria (what they need of the people met is read by ``facts_of``), through it."""
    goals, rows = goals_and_rows(member, first=SHOWN)
    shown = goals[:SHOWN]
    if any(goal.has_criteria for goal in shown):
        return nearest_goals(member, count=SHOWN)
    facts = facts_of_rows(rows, member)
    return [progress_of(goal, facts) for goal in shown], len(goals)


def card(member: User) -> DashboardCard | None:
    # Only the goals shown are measured; the rest are counted.
    shown, total = nearest(member)
    return DashboardCard(
        title="Your goals",
        template="goals/card.html",
        context={
            "goals": shown,
            "rows": [_row(progress) for progress in shown],
            "more": max(0, total - SHOWN),
        },
    )


def _row(progress: GoalProgress) -> tuple[str, str, int, str, str]:
    """What the card writes of a goal, worked out once here rather than by the template's
    lookups and filters: its heading (the title, else the metric, first letter capital), its
    title, percent, "2 of 3" (with "— done" and "N in all" where they apply) and what counts."""
    goal = progress.goal
    label = f"{progress.counted_label} of {progress.target_label}"
    if progress.done:
        label += f" — done, {progress.current_label} in all" if progress.beyond else " — done"
    hint = goal.criteria_label if goal.has_criteria else ""
    heading = capfirst(goal.title or goal.get_metric_display())
    return str(heading), goal.title, progress.percent, label, hint
