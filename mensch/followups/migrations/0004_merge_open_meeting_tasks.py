"""Open follow-ups from one meeting (thank-you, propose a meeting, check in: three tasks)
become one task per person per event (or per meeting outside events) that lists what is
due. The first-due task is kept as the bundle; the others are dismissed, so nothing is
lost from the follow-up rate (dismissed tasks never count). Tasks already done, dismissed,
or made by hand are left as they are; due dates are not moved."""

from __future__ import annotations

from typing import Any

from django.db import migrations

LABELS = {
    "thank_you": "thank-you note",
    "propose_meeting": "propose a meeting",
    "check_in": "check in",
}


def bundle_key(meeting_id: int, event_id: int | None, contact_id: int | None) -> str:
    if event_id is not None:
        return f"event:{event_id}:contact:{contact_id}"
    return f"meeting:{meeting_id}"


def merge(apps: Any, schema_editor: Any) -> None:
    FollowUp = apps.get_model("followups", "FollowUp")
    Meeting = apps.get_model("meetings", "Meeting")
    groups: dict[tuple[int, int | None, str], list[Any]] = {}
    rows = FollowUp.objects.filter(
        status="open", kind__in=list(LABELS), source_key__startswith="meeting:"
    ).order_by("due_on", "pk")
    events = dict(Meeting.objects.values_list("pk", "event_id"))
    for task in rows:
        try:
            meeting_id = int(task.source_key.split(":")[1])
        except (IndexError, ValueError):
            continue
        key = bundle_key(meeting_id, events.get(meeting_id), task.contact_id)
        groups.setdefault((task.owner_id, task.contact_id, key), []).append((task, meeting_id))
    for (_owner, _contact, key), tasks in groups.items():
        keep, meeting_id = tasks[0]
        event_id = events.get(meeting_id)
        if FollowUp.objects.filter(owner_id=keep.owner_id, source_key=key).exists():
            continue
        name = keep.contact.name if keep.contact_id else "them"
        keep.steps = [LABELS[task.kind] for task, _ in tasks]
        keep.kind = "after_meeting"
        keep.event_id = event_id
        keep.title = f"Follow up with {name}"[:200]
        keep.source_key = key
        keep.save(update_fields=["kind", "event", "steps", "title", "source_key"])
        FollowUp.objects.filter(pk__in=[task.pk for task, _ in tasks[1:]]).update(
            status="dismissed"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("followups", "0003_followup_bundles"),
        ("meetings", "0001_initial"),
        ("contacts", "0001_initial"),
    ]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
