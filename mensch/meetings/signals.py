"""Other capabilities react to confirmed meetings (follow-up tasks, trust, ROI)
without this app knowing them. Receivers get ``meeting`` (a Meeting)."""

from __future__ import annotations

from django.dispatch import Signal

meeting_confirmed = Signal()
