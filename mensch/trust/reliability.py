"""Reliability records for the trust engine: meetings kept, follow-ups done.

Attendance comes from event check-ins. Follow-ups are kept by an app above this one,
which installs a reader (``followup_reader``); without it the record stays
empty and the engine treats the member as neutral (neither zero nor perfect).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from django.db.models import Count, Q
from django.utils import timezone

from mensch.core.readers import Reader
from mensch.engine.trust import Reliability
from mensch.engine.trust.types import MemberId
from mensch.events.models import Rsvp


def attendance_counts() -> dict[int, tuple[int, int]]:
    """member → (events attended, no-shows) over past events whose organizer used check-in.

    An event where nobody was checked in says nothing about who came, so it counts
    for no one.
    """
    now = timezone.now()
    past = Rsvp.objects.filter(status=Rsvp.Status.GOING, event__ends_at__lt=now)
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


# member → (follow-ups done, follow-ups that fell due). Follow-ups are kept by an app
# above this one, which installs its reader in FollowupsConfig.ready().
FollowupReader = Callable[[], dict[int, tuple[int, int]]]


def _no_followups() -> dict[int, tuple[int, int]]:
    return {}


followup_reader: Reader[FollowupReader] = Reader(_no_followups)


def reliability_records(member_ids: set[int]) -> dict[MemberId, Reliability]:
    records: dict[MemberId, Reliability] = {}
    for member, (kept, missed) in attendance_counts().items():
        if member in member_ids:
            records[member] = Reliability(meetings_kept=kept, no_shows=missed)
    for member, (done, due) in followup_reader.read().items():
        if member in member_ids:
            base = records.get(member, Reliability())
            records[member] = replace(base, followups_done=done, followups_due=due)
    return records
