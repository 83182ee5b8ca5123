"""The member's part of "all my data" from this app: their goals, and what they recorded
that events cost them (``"type": "event_cost"``). Progress is computed, so not exported."""

from __future__ import annotations

from mensch.accounts.models import User
from mensch.goals.models import EventCost, Goal


def member_data(member: User) -> dict[str, object]:
    goals: list[dict[str, object]] = [
        {
            "type": "goal",
            "title": g.title,
            "metric": g.metric,
            "target": str(g.target),
            "currency": g.currency,
            "starts_on": g.starts_on.isoformat(),
            "ends_on": g.ends_on.isoformat(),
            "kind": g.kind,
            "industry": g.industry,
            "event_id": g.event_id,
            "created_at": g.created_at.isoformat(),
        }
        for g in Goal.objects.filter(member=member).order_by("created_at", "pk")
    ]
    costs: list[dict[str, object]] = [
        {
            "type": "event_cost",
            "event_id": c.event_id,
            "event": c.event.title,
            "ticket": str(c.ticket),
            "travel": str(c.travel),
            "currency": c.currency,
            "hours": str(c.hours),
            "note": c.note,
            "updated_at": c.updated_at.isoformat(),
        }
        for c in EventCost.objects.filter(member=member).select_related("event").order_by("pk")
    ]
    return {"goals": goals + costs}
