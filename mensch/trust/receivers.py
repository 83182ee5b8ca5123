"""New verified interactions ask for a trust recomputation."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from mensch.connections.models import Connection
from mensch.introductions.models import Introduction
from mensch.introductions.signals import introduction_accepted
from mensch.meetings.models import Meeting
from mensch.meetings.signals import meeting_confirmed
from mensch.trust.tasks import trust_request_refresh


@receiver(meeting_confirmed, dispatch_uid="trust.meeting_confirmed")
def on_meeting_confirmed(sender: type[Meeting], *, meeting: Meeting, **kwargs: Any) -> None:
    trust_request_refresh()


@receiver(introduction_accepted, dispatch_uid="trust.introduction_accepted")
def on_introduction_accepted(
    sender: type[Introduction],
    *,
    introduction: Introduction,
    connection: Connection,
    **kwargs: Any,
) -> None:
    trust_request_refresh()
