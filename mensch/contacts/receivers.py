"""The app fills the timeline: a confirmed meeting or an accepted introduction creates
(or links) a contact for the other member and logs the interaction, on both sides."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import CardScan, Contact, Interaction
from mensch.contacts.services import contact_for_member, interaction_log
from mensch.introductions.models import Introduction
from mensch.introductions.signals import introduction_accepted
from mensch.meetings.models import Meeting
from mensch.meetings.signals import meeting_confirmed


def _fill_how_we_met(contact: Contact, **values: Any) -> None:
    """Set how-we-met fields that are still empty, without touching what the owner wrote."""
    for name, value in values.items():
        if value and not getattr(contact, name):
            Contact.objects.filter(pk=contact.pk).update(**{name: value})
            setattr(contact, name, value)


@receiver(meeting_confirmed, dispatch_uid="contacts.meeting_confirmed")
def on_meeting_confirmed(sender: object, *, meeting: Meeting, **kwargs: Any) -> None:
    low = User.objects.get(pk=meeting.member_low_id)
    high = User.objects.get(pk=meeting.member_high_id)
    event = meeting.event
    for owner, other in ((low, high), (high, low)):
        contact = contact_for_member(owner=owner, member=other)
        _fill_how_we_met(
            contact,
            met_on=meeting.met_on,
            met_event=event,
            met_how=f"Met at {event.title}"[:300] if event is not None else "Met in person",
        )
        interaction_log(
            contact=contact,
            kind=Interaction.Kind.MET if event is not None else Interaction.Kind.MEETING,
            happened_on=min(meeting.met_on, timezone.localdate()),
            initiated_by=Interaction.Initiator.BOTH,
            source_key=f"meeting:{meeting.pk}",
        )


@receiver(introduction_accepted, dispatch_uid="contacts.introduction_accepted")
def on_introduction_accepted(sender: object, *, introduction: Introduction, **kwargs: Any) -> None:
    requester = User.objects.get(pk=introduction.requester_id)
    recipient = User.objects.get(pk=introduction.recipient_id)
    introducer = (
        User.objects.get(pk=introduction.introducer_id) if introduction.introducer_id else None
    )
    for owner, other, initiated_by in (
        (requester, recipient, Interaction.Initiator.ME),
        (recipient, requester, Interaction.Initiator.THEM),
    ):
        contact = contact_for_member(owner=owner, member=other)
        how = f"Introduced by {introducer.name}" if introducer else "Introduction through Mensch"
        _fill_how_we_met(contact, met_how=how, met_on=timezone.localdate())
        if introducer is not None:
            introducer_contact = contact_for_member(owner=owner, member=introducer)
            if contact.introducer_id is None:
                Contact.objects.filter(pk=contact.pk).update(introducer=introducer_contact)
        interaction_log(
            contact=contact,
            kind=Interaction.Kind.INTRODUCTION,
            initiated_by=Interaction.Initiator.BOTH if introducer else initiated_by,
            body=introduction.reason if not introducer else "",
            source_key=f"introduction:{introduction.pk}",
        )


def _delete_file_after_commit(field: FieldFile) -> None:
    """A card's photo goes with its contact or draft once the delete is committed (a
    rolled-back delete keeps both), unless another row still holds it: saving a draft
    hands its photo to the new contact."""
    if not field.name:
        return
    storage, name = field.storage, field.name

    def delete() -> None:
        held = (
            Contact.objects.filter(card_image=name).exists()
            or CardScan.objects.filter(image=name).exists()
        )
        if not held:
            storage.delete(name)

    transaction.on_commit(delete)


@receiver(post_delete, sender=Contact, dispatch_uid="contacts.contact_card_photo")
def on_contact_deleted(sender: object, *, instance: Contact, **kwargs: Any) -> None:
    _delete_file_after_commit(instance.card_image)


@receiver(post_delete, sender=CardScan, dispatch_uid="contacts.card_scan_photo")
def on_card_scan_deleted(sender: object, *, instance: CardScan, **kwargs: Any) -> None:
    _delete_file_after_commit(instance.image)
