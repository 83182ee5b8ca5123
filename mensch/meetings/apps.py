from __future__ import annotations

from datetime import timedelta

from mensch.core import registry
from mensch.core.schedule import Periodic


class MeetingsConfig(registry.CapabilityConfig):
    name = "mensch.meetings"
    label = "meetings"
    verbose_name = "Confirmed meetings"
    api_prefix = "/meetings"
    periodic_jobs = {
        # Reminders a day and an hour before, and "did it happen?" after the end.
        "meeting_reminders": Periodic(
            "mensch.meetings.proposals.meeting_reminders_send", timedelta(minutes=5)
        ),
        "meeting_proposals_expire": Periodic(
            "mensch.meetings.proposals.proposals_expire", timedelta(hours=1)
        ),
    }
