from __future__ import annotations

from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "mensch.followups"
    label = "followups"
    verbose_name = "Follow-up tasks, reminders and digests"

    def ready(self) -> None:
        from mensch.followups import receivers
        from mensch.introductions.signals import introduction_accepted
        from mensch.meetings.signals import meeting_confirmed

        meeting_confirmed.connect(
            receivers.on_meeting_confirmed, dispatch_uid="followups.meeting_confirmed"
        )
        introduction_accepted.connect(
            receivers.on_introduction_accepted, dispatch_uid="followups.introduction_accepted"
        )
