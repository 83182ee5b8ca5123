from __future__ import annotations

from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "mensch.contacts"
    label = "contacts"
    verbose_name = "Contacts and relationship memory"

    def ready(self) -> None:
        from mensch.contacts import receivers
        from mensch.introductions.signals import introduction_accepted
        from mensch.meetings.signals import meeting_confirmed

        meeting_confirmed.connect(
            receivers.on_meeting_confirmed, dispatch_uid="contacts.meeting_confirmed"
        )
        introduction_accepted.connect(
            receivers.on_introduction_accepted, dispatch_uid="contacts.introduction_accepted"
        )
