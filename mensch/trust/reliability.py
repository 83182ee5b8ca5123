"""Reliability records for the trust engine: meetings kept, follow-ups done.

Each source is read only when its app records it; otherwise the record stays
empty and the engine treats the member as neutral (neither zero nor perfect).
"""

from __future__ import annotations

from dataclasses import replace

from django.apps import apps
from django.db.models import Count, Model, Q
from django.utils import timezone

from mensch.engine.trust import Reliability


def _model(app: str, name: str, fields: set[str]) -> type[Model] | None:
    try:
        model = apps.get_model(app, name)
    except LookupError:
        return None
    have = {f.name for f in model._meta.get_fields()}
    return model if fields <= have else None


def attendance_counts() -> dict[int, tuple[int, int]]:
    """member → (events attended, no-shows) over past events whose organizer used check-in.

    An event where nobody was checked in says nothing about who came, so it counts
    for no one.
    """
    rsvp = _model("events", "Rsvp", {"event", "member", "status", "checked_in_at"})
    if rsvp is None:
        return {}
    now = timezone.now()
    past = rsvp.objects.filter(  # type: ignore[attr-defined]
        status="going", event__ends_at__lt=now
    )
    used_check_in = past.filter(checked_in_at__isnull=False).values("event_id")
    rows = (
        past.filter(event_id__in=used_check_in)
        .values("member_id")
        .annotate(
            kept=Count("pk", filter=Q(checked_in_at__isnull=False)),
            missed=Count("pk", filter=Q(checked_in_at__isnull=True)),
        )
    )
    return {row["member_id"]: (row["kept"], row["missed"]) for row in rows}


def followup_counts() -> dict[int, tuple[int, int]]:
    """member → (follow-ups done, follow-ups that fell due), when the follow-ups app has them.

    Only what the member promised counts (not what others owe them), dismissed ones not
    at all, and "due" is judged on the first due date, so snoozing does not hide a miss.
    """
    model = _model("followups", "FollowUp", {"owner", "original_due_on", "done_at", "owed_by"})
    if model is None:
        return {}
    today = timezone.localdate()
    rows = (
        model.objects.filter(  # type: ignore[attr-defined]
            Q(original_due_on__lte=today) | Q(done_at__isnull=False), owed_by="me"
        )
        .exclude(status="dismissed")
        .values("owner_id")
        .annotate(
            done=Count("pk", filter=Q(done_at__isnull=False)),
            due=Count("pk", filter=Q(original_due_on__lte=today)),
        )
    )
    return {row["owner_id"]: (row["done"], row["due"]) for row in rows}


def reliability_records(member_ids: set[int]) -> dict[int, Reliability]:
    records: dict[int, Reliability] = {}
    for member, (kept, missed) in attendance_counts().items():
        if member in member_ids:
            records[member] = Reliability(meetings_kept=kept, no_shows=missed)
    for member, (done, due) in followup_counts().items():
        if member in member_ids:
            base = records.get(member, Reliability())
            records[member] = replace(base, followups_done=done, followups_due=due)
    return records
