"""Other capabilities react to confirmed meetings (follow-up tasks, trust, ROI)
without this app knowing them. Receivers get ``meeting`` (a Meeting)."""

from __future__ import annotations

from django.dispatch import Signal

meeting_confirmed = Signal()

# A meeting between connections was booked (a ScheduledMeeting, not yet held): receivers
# get ``meeting``; the "propose a meeting" follow-up is done then.
meeting_booked = Signal()
