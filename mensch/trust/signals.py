"""New verified interactions ask for a trust recomputation."""

from __future__ import annotations

from typing import Any

from mensch.trust.scores import trust_request_refresh


def on_verified_interaction(sender: object, **kwargs: Any) -> None:
    trust_request_refresh()


def connect() -> None:
    from mensch.introductions.signals import introduction_accepted
    from mensch.meetings.signals import meeting_confirmed

    meeting_confirmed.connect(on_verified_interaction, dispatch_uid="trust.meeting_confirmed")
    introduction_accepted.connect(
        on_verified_interaction, dispatch_uid="trust.introduction_accepted"
    )
