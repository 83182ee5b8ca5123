"""Scanning a member's code, and their one tap that confirms "yes, we met".

A scan (:func:`scan_connect`) gives both people a contact record of each other, made from
what each profile shows the other (contact details stay private unless they are
connected), logs "met at <event>" on both timelines when they are at an event together,
and counts as the scanner's tick of "we met". The code's owner confirms with one tap
(:func:`scan_confirm`); that is their tick, and the confirmed meeting brings the usual
follow-ups. Outside an event a meeting needs a connection, so there the owner's "yes"
connects the two: both said yes in person, which is what scanning a code to connect means.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.connections.selectors import are_connected, is_blocked_either_way
from mensch.connections.services import connection_create
from mensch.contacts.models import Contact, Interaction
from mensch.contacts.services import contact_for_member, interaction_delete, interaction_log
from mensch.core.locks import lock_rows
from mensch.events.models import Event
from mensch.events.services import event_meeting_tick
from mensch.meetings.models import Meeting
from mensch.meetings.services import meeting_tick
from mensch.notifications.services import notify
from mensch.scan.codes import member_for_token
from mensch.scan.models import Scan
from mensch.scan.selectors import shared_current_event


@dataclass(frozen=True)
class ScanOutcome:
    scan: Scan
    contact: Contact
    meeting: Meeting | None


def _scan_key(scan: Scan) -> str:
    return f"scan:{scan.pk}"


def _contacts(scan: Scan, scanner: User, owner: User) -> Contact:
    """Both sides' contact records of each other; the scanner's is returned."""
    event = scan.event
    how = f"Scanned codes at {event.title}" if event is not None else "Scanned codes in person"
    met_on = timezone.localdate()
    mine = None
    for person, other in ((scanner, owner), (owner, scanner)):
        contact = contact_for_member(
            owner=person, member=other, met_on=met_on, met_event=event, met_how=how[:300]
        )
        if event is not None:
            interaction_log(
                contact=contact,
                kind=Interaction.Kind.MET,
                happened_on=met_on,
                body=f"Met at {event.title}",
                source_key=_scan_key(scan),
            )
        mine = mine or contact
    assert mine is not None
    return mine


def _tick(*, member: User, other: User, event: Event | None) -> Meeting | None:
    if event is not None:
        return event_meeting_tick(event=event, member=member, other=other)
    return meeting_tick(member=member, other=other)


@transaction.atomic
def scan_connect(*, scanner: User, token: str) -> ScanOutcome:
    """The scanner opened a member's code and said "connect". Raises CodeError for a bad
    code and ValidationError (with a clear message) when the two cannot connect."""
    owner = member_for_token(token)
    if owner.pk == scanner.pk:
        raise ValidationError(
            {"code": ["This is your own code. Show it to someone you meet, so they can scan it."]}
        )
    if is_blocked_either_way(scanner, owner):
        raise ValidationError({"code": ["You cannot connect with this member."]})
    lock_rows(User, (scanner.pk, owner.pk))
    event = shared_current_event(scanner, owner)
    scan = (
        Scan.objects.filter(scanner=scanner, owner=owner, event=event)
        .exclude(status=Scan.Status.DECLINED)
        .first()
    )
    created = scan is None
    if scan is None:
        scan = Scan(scanner=scanner, owner=owner, event=event)
        scan.full_clean()
        scan.save()
    contact = _contacts(scan, scanner, owner)
    meeting = None
    if event is not None or are_connected(scanner, owner):
        meeting = _tick(member=scanner, other=owner, event=event)
    if meeting is not None:
        _settle(scan, meeting)
    elif created:
        where = f" at {event.title}" if event is not None else ""
        notify(
            recipient=owner,
            kind="scan_waiting",
            title=f"{scanner.name} scanned your code{where}",
            body="Did you meet? One tap confirms it.",
            url=reverse("scan_detail", args=[scan.pk]),
            email=False,
        )
    return ScanOutcome(scan, contact, meeting)


def _settle(scan: Scan, meeting: Meeting) -> None:
    """The meeting is confirmed: it carries the timeline now, so the scan's provisional
    "met" entries give way to the meeting's own."""
    Scan.objects.filter(pk=scan.pk).update(status=Scan.Status.CONFIRMED, answered_at=timezone.now())
    scan.status = Scan.Status.CONFIRMED
    for interaction in Interaction.objects.filter(
        source_key=_scan_key(scan), contact__member_id__in=(scan.scanner_id, scan.owner_id)
    ).select_related("contact"):
        if interaction.contact.interactions.filter(source_key=f"meeting:{meeting.pk}").exists():
            interaction_delete(interaction=interaction)


@transaction.atomic
def scan_confirm(*, owner: User, scan_id: int, met: bool) -> Scan:
    """The code's owner answers "did you meet?": yes is their tick of "we met" (and, outside
    an event, connects the two); no closes the scan and changes nothing else."""
    # Only the scan row is locked: its event may be empty, and PostgreSQL locks no rows
    # on the empty side of an outer join.
    scan = (
        Scan.objects.select_for_update(of=("self",))
        .select_related("scanner", "event")
        .get(pk=scan_id, owner=owner)
    )
    if scan.status != Scan.Status.WAITING:
        raise ValidationError({"scan": ["You have already answered this."]})
    scanner = scan.scanner
    if not scanner.is_active or is_blocked_either_way(owner, scanner):
        raise ValidationError({"scan": ["You cannot connect with this member."]})
    if not met:
        scan.status = Scan.Status.DECLINED
        scan.answered_at = timezone.now()
        scan.save(update_fields=["status", "answered_at"])
        return scan
    event = scan.event
    if event is None and not are_connected(owner, scanner):
        # Both said yes in person; a meeting outside an event stands on a connection.
        connection_create(member=owner, other=scanner, source=Connection.Source.SCAN)
        meeting_tick(member=scanner, other=owner)
    meeting = _tick(member=owner, other=scanner, event=event)
    if meeting is None:  # the scanner's tick is gone (they were at the event no more)
        meeting = _tick(member=scanner, other=owner, event=event)
    assert meeting is not None
    _settle(scan, meeting)
    return scan
