"""Record ledger entries and move them through their life; credit introducers."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.selectors import are_connected, is_blocked_either_way
from mensch.contacts.models import Contact
from mensch.core.currencies import validate_currency
from mensch.core.text import normalise_line
from mensch.introductions.models import Introduction
from mensch.ledger.models import VALUE_MAX, EntryKind, EntryStatus, LedgerEntry
from mensch.meetings.models import Meeting
from mensch.notifications.services import notify
from mensch.phrasing import with_article

DIRECTIONS = ("given", "received")


def _knows(member: User, other: User) -> bool:
    if member.pk == other.pk or is_blocked_either_way(member, other):
        return False
    low, high = sorted((member.pk, other.pk))
    met = Meeting.objects.filter(member_low_id=low, member_high_id=high).exists()
    return met or are_connected(member, other)


def _may_record_with(member: User, other: User) -> None:
    if member.pk == other.pk:
        raise ValidationError(
            {"counterpart": ["Record what you gave to or received from someone else."]}
        )
    if is_blocked_either_way(member, other):
        raise ValidationError({"counterpart": ["You cannot record entries with this member."]})
    low, high = sorted((member.pk, other.pk))
    met = Meeting.objects.filter(member_low_id=low, member_high_id=high).exists()
    if not (met or are_connected(member, other)):
        raise ValidationError(
            {
                "counterpart": [
                    "You can record entries with your connections and people you have met; "
                    "for anyone else, write their name instead."
                ]
            }
        )


@transaction.atomic
def ledger_entry_record(
    *,
    member: User,
    kind: str,
    direction: str,
    description: str,
    counterpart: User | None = None,
    counterpart_name: str = "",
    contact: Contact | None = None,
    status: str = EntryStatus.OFFERED,
) -> LedgerEntry:
    """Record something ``member`` gave or received, with a member, one of the member's
    contacts, or a named outsider.

    A contact who is a fellow member the recorder knows becomes the member side (and
    is asked to confirm); any other contact stays a name linked to the contact record.
    """
    if contact is not None:
        if contact.owner_id != member.pk:
            raise Contact.DoesNotExist
        if contact.member is not None and _knows(member, contact.member):
            counterpart = contact.member
        else:
            counterpart_name = contact.name
    if direction not in DIRECTIONS:
        raise ValidationError({"direction": ["Choose “given” or “received”."]})
    if status not in (EntryStatus.OFFERED, EntryStatus.DELIVERED):
        raise ValidationError(
            {"status": ["A new entry is offered or delivered; thank and close it afterwards."]}
        )
    counterpart_name = normalise_line(counterpart_name)
    if counterpart is None and not counterpart_name:
        raise ValidationError({"counterpart": ["Choose a member or write the person's name."]})
    if counterpart is not None:
        _may_record_with(member, counterpart)
        counterpart_name = ""
    giver, receiver = (member, counterpart) if direction == "given" else (counterpart, member)
    entry = LedgerEntry(
        kind=kind,
        recorded_by=member,
        giver=giver,
        receiver=receiver,
        counterpart_name=counterpart_name,
        counterpart_contact=contact,
        description=description.strip(),
        status=status,
    )
    now = timezone.now()
    if status == EntryStatus.DELIVERED:
        entry.delivered_at = now
    if direction == "received" and status == EntryStatus.DELIVERED and counterpart is not None:
        entry.verified_at = now  # the receiver saying so is the confirmation
    entry.full_clean()
    entry.save()
    if counterpart is not None:
        what = entry.get_kind_display()
        title = (
            f"{member.name} recorded {with_article(what)} they gave you"
            if direction == "given"
            else f"{member.name} thanked you for {with_article(what)} in their ledger"
        )
        notify(
            recipient=counterpart,
            kind="ledger_entry_recorded",
            title=title,
            body="Open it to confirm it." if direction == "given" else "",
            url=reverse("ledger_entry", args=[entry.pk]),
            email=False,
        )
    return entry


def _entry_for(member: User, entry_id: int) -> LedgerEntry:
    return (
        LedgerEntry.objects.select_for_update()
        .filter(Q(giver=member) | Q(receiver=member))
        .get(pk=entry_id)
    )


def _only_receiver(entry: LedgerEntry, member: User, action: str) -> None:
    if entry.receiver_id != member.pk:
        raise ValidationError(
            {"__all__": [f"Only the person who received it can {action} this entry."]}
        )


@transaction.atomic
def ledger_entry_deliver(*, member: User, entry_id: int) -> LedgerEntry:
    """Either side says the favour was delivered; from the receiver it is also confirmation."""
    entry = _entry_for(member, entry_id)
    if entry.status != EntryStatus.OFFERED:
        raise ValidationError({"__all__": [f"This entry is already {entry.get_status_display()}."]})
    now = timezone.now()
    entry.status = EntryStatus.DELIVERED
    entry.delivered_at = now
    if member.pk == entry.receiver_id:
        _verify(entry, now)
    entry.save()
    return entry


def _verify(entry: LedgerEntry, now: datetime) -> None:
    # Verification means a member confirmed receiving from another member.
    if entry.verified_at is None and entry.giver_id is not None and entry.receiver_id is not None:
        entry.verified_at = now


@transaction.atomic
def ledger_entry_confirm(*, member: User, entry_id: int) -> LedgerEntry:
    """The receiving member confirms a delivered entry: it becomes verified."""
    entry = _entry_for(member, entry_id)
    _only_receiver(entry, member, "confirm")
    if entry.giver_id is None:
        raise ValidationError({"__all__": ["Only entries from a member can be confirmed."]})
    if entry.verified_at is not None:
        raise ValidationError({"__all__": ["You have already confirmed this entry."]})
    now = timezone.now()
    if entry.status == EntryStatus.OFFERED:
        entry.status = EntryStatus.DELIVERED
        entry.delivered_at = now
    _verify(entry, now)
    entry.save()
    if entry.giver is not None:  # always: checked above
        notify(
            recipient=entry.giver,
            kind="ledger_entry_confirmed",
            title=f"{member.name} confirmed your {entry.get_kind_display()}",
            url=reverse("ledger_entry", args=[entry.pk]),
            email=False,
        )
    return entry


@transaction.atomic
def ledger_entry_thank(*, member: User, entry_id: int) -> LedgerEntry:
    entry = _entry_for(member, entry_id)
    _only_receiver(entry, member, "thank")
    if not entry.reached(EntryStatus.DELIVERED) or entry.reached(EntryStatus.THANKED):
        raise ValidationError(
            {"__all__": ["You can thank for an entry once it is delivered, and only once."]}
        )
    now = timezone.now()
    entry.status = EntryStatus.THANKED
    entry.thanked_at = now
    _verify(entry, now)
    entry.save()
    if entry.giver is not None:
        notify(
            recipient=entry.giver,
            kind="ledger_entry_thanked",
            title=f"{member.name} thanked you for your {entry.get_kind_display()}",
            url=reverse("ledger_entry", args=[entry.pk]),
        )
    return entry


def parse_value(raw: object) -> Decimal:
    """A positive amount below a billion, with at most two decimals."""
    try:
        value = Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        raise ValidationError({"value": ["Write the amount as a number, e.g. 2500."]}) from None
    if not value.is_finite():
        raise ValidationError({"value": ["Write the amount as a number, e.g. 2500."]})
    if value <= 0:
        raise ValidationError({"value": ["The value must be more than zero."]})
    if value > VALUE_MAX:
        raise ValidationError({"value": ["That is more than a billion: please check the amount."]})
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError({"value": ["Use at most two decimals."]})
    return value


@transaction.atomic
def ledger_entry_close(*, member: User, entry_id: int, value: object, currency: str) -> LedgerEntry:
    """The receiver records the business that came of it; the giver is credited."""
    errors: dict[str, list[str]] = {}
    try:
        amount = parse_value(value)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    currency = str(currency).strip().upper()
    try:
        validate_currency(currency)
    except ValidationError as exc:
        errors["currency"] = exc.messages
    if errors:
        raise ValidationError(errors)
    entry = _entry_for(member, entry_id)
    _only_receiver(entry, member, "record business closed for")
    if not entry.reached(EntryStatus.DELIVERED):
        raise ValidationError(
            {"__all__": ["Mark it delivered first: business closes after the referral arrived."]}
        )
    if entry.status == EntryStatus.CLOSED:
        raise ValidationError({"__all__": ["Business is already recorded for this entry."]})
    now = timezone.now()
    entry.status = EntryStatus.CLOSED
    entry.value = amount
    entry.currency = currency
    entry.closed_at = now
    entry.thanked_at = entry.thanked_at or now
    _verify(entry, now)
    entry.full_clean()
    entry.save()
    if entry.giver is not None:
        notify(
            recipient=entry.giver,
            kind="ledger_business_closed",
            title=f"{member.name} closed business thanks to your {entry.get_kind_display()}",
            body="Thank you for giving first.",
            url=reverse("ledger_entry", args=[entry.pk]),
        )
    return entry


def ledger_credit_introduction(*, introduction: Introduction) -> list[LedgerEntry]:
    """An accepted brokered introduction: the introducer gave each side an introduction.

    Both sides accepted it, which is their confirmation, so the entries are verified.
    Idempotent: a second call for the same introduction adds nothing.
    """
    introducer = introduction.introducer
    if introducer is None:
        return []
    if LedgerEntry.objects.filter(
        source=LedgerEntry.Source.INTRODUCTION, source_id=introduction.pk
    ).exists():
        return []
    requester, recipient = introduction.requester, introduction.recipient
    now = timezone.now()
    entries = []
    for receiver, other in ((requester, recipient), (recipient, requester)):
        entry = LedgerEntry(
            kind=EntryKind.INTRODUCTION,
            recorded_by=introducer,
            giver=introducer,
            receiver=receiver,
            description=f"Introduced to {other.name}",
            status=EntryStatus.DELIVERED,
            source=LedgerEntry.Source.INTRODUCTION,
            source_id=introduction.pk,
            delivered_at=now,
            verified_at=now,
        )
        entry.full_clean()
        entry.save()
        entries.append(entry)
    return entries
