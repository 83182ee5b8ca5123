"""The follow-ups part of "all my data": every task and promise, open or closed."""

from __future__ import annotations

from datetime import date, datetime

from mensch.accounts.models import User
from mensch.followups.models import FollowUp


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def member_data(member: User) -> dict[str, object]:
    tasks = FollowUp.objects.filter(owner=member).select_related("contact").order_by("due_on", "pk")
    return {
        "followups": [
            {
                "title": task.title,
                "kind": task.kind,
                "owed_by": task.owed_by,
                "contact": task.contact.name if task.contact else None,
                "contact_id": task.contact_id,
                "due_on": _iso(task.due_on),
                "original_due_on": _iso(task.original_due_on),
                "status": task.status,
                "done_at": _iso(task.done_at),
                "created_at": _iso(task.created_at),
            }
            for task in tasks
        ]
    }
