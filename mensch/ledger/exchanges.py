"""Referral exchanges: propose, pledge (sealed), release together, cancel, expire.

A pledge's content is read only through ``selectors.exchanges_of``/``own_exchange``, which
show the other side's pledge once released; notifications here say *that* something
happened, never what was pledged.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.selectors import are_connected, is_blocked_either_way
from mensch.core.locks import lock_rows
from mensch.core.text import normalise_line
from mensch.ledger.models import EntryKind, EntryStatus, LedgerEntry, Pledge, ReferralExchange
from mensch.notifications.services import notify

Status = ReferralExchange.Status


def expiry_days() -> int:
    return int(getattr(settings, "REFERRAL_EXCHANGE_EXPIRY_DAYS", 14))


@transaction.atomic
def referral_exchange_propose(*, proposer: User, partner: User) -> ReferralExchange:
    if proposer.pk == partner.pk:
        raise ValidationError({"partner": ["Propose an exchange to someone else."]})
    if is_blocked_either_way(proposer, partner) or not are_connected(proposer, partner):
        raise ValidationError(
            {"partner": ["You can propose an exchange to your connections only."]}
        )
    # Crossed proposals (each proposes to the other at once): the second waits for the
    # first, then finds it open, instead of opening a second exchange.
    lock_rows(User, (proposer.pk, partner.pk))
    open_between = ReferralExchange.objects.filter(
        Q(proposer=proposer, partner=partner) | Q(proposer=partner, partner=proposer),
        status=Status.OPEN,
        expires_at__gt=timezone.now(),
    )
    if open_between.exists():
        raise ValidationError({"partner": ["An exchange between you is already open."]})
    exchange = ReferralExchange(
        proposer=proposer,
        partner=partner,
        expires_at=timezone.now() + timedelta(days=expiry_days()),
    )
    exchange.full_clean()
    exchange.save()
    notify(
        recipient=partner,
        kind="referral_exchange_proposed",
        title=f"{proposer.name} proposes a referral exchange",
        body="Each of you pledges a referral to the other; both pledges are released together.",
        url=reverse("referral_exchange", args=[exchange.pk]),
    )
    return exchange


def _open_for(member: User, exchange_id: int) -> ReferralExchange:
    # Both pledges arriving at once queue here; the second sees the first and releases.
    exchange = ReferralExchange.objects.select_for_update(no_key=True).get(pk=exchange_id)
    if not exchange.involves(member.pk):
        raise ReferralExchange.DoesNotExist
    if exchange.status == Status.OPEN and exchange.expires_at <= timezone.now():
        raise ValidationError({"__all__": ["This exchange has expired: nothing changed."]})
    if exchange.status != Status.OPEN:
        raise ValidationError(
            {"__all__": [f"This exchange is {exchange.get_status_display()}: nothing changed."]}
        )
    return exchange


@transaction.atomic
def pledge_create(
    *, member: User, exchange_id: int, referral_name: str, reason: str, consent: bool
) -> Pledge:
    """Write one side's sealed pledge; the second pledge releases both."""
    exchange = _open_for(member, exchange_id)
    if Pledge.objects.filter(exchange=exchange, member=member).exists():
        raise ValidationError({"__all__": ["You have already pledged in this exchange."]})
    pledge = Pledge(
        exchange=exchange,
        member=member,
        referral_name=normalise_line(referral_name),
        reason=reason.strip(),
        consent=bool(consent),
    )
    errors: dict[str, list[str]] = {}
    if not consent:
        errors["consent"] = ["Ask the person first: a referral needs their consent."]
    try:
        pledge.full_clean(exclude=["consent"])
    except ValidationError as exc:
        errors = {**exc.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    pledge.save()
    other = User.objects.get(pk=exchange.other(member.pk))
    if exchange.pledges.count() == 2:
        _release(exchange)
    else:
        notify(
            recipient=other,
            kind="referral_exchange_pledged",
            title=f"{member.name} has pledged a referral to you",
            body="It stays sealed until you pledge yours; then both are released together.",
            url=reverse("referral_exchange", args=[exchange.pk]),
        )
    return pledge


def _release(exchange: ReferralExchange) -> None:
    now = timezone.now()
    exchange.status = Status.RELEASED
    exchange.released_at = now
    exchange.save(update_fields=["status", "released_at"])
    for pledge in exchange.pledges.select_related("member"):
        receiver_id = exchange.other(pledge.member_id)
        entry = LedgerEntry(
            kind=EntryKind.REFERRAL,
            recorded_by=pledge.member,
            giver=pledge.member,
            receiver_id=receiver_id,
            description=f"Referral of {pledge.referral_name}: {pledge.reason}"[:1000],
            status=EntryStatus.OFFERED,
            source=LedgerEntry.Source.EXCHANGE,
            source_id=exchange.pk,
        )
        entry.full_clean()
        entry.save()
    for member_id in (exchange.proposer_id, exchange.partner_id):
        other = User.objects.get(pk=exchange.other(member_id))
        notify(
            recipient=User.objects.get(pk=member_id),
            kind="referral_exchange_released",
            title=f"Your referral exchange with {other.name} is released",
            body="Both pledges are open now; each is in your ledger.",
            url=reverse("referral_exchange", args=[exchange.pk]),
        )


@transaction.atomic
def referral_exchange_cancel(*, member: User, exchange_id: int) -> ReferralExchange:
    exchange = _open_for(member, exchange_id)
    exchange.status = Status.CANCELLED
    exchange.cancelled_at = timezone.now()
    exchange.cancelled_by = member
    exchange.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    notify(
        recipient=User.objects.get(pk=exchange.other(member.pk)),
        kind="referral_exchange_cancelled",
        title=f"{member.name} cancelled your referral exchange",
        body="No pledge was released.",
        url=reverse("referral_exchange", args=[exchange.pk]),
        email=False,
    )
    return exchange


def referral_exchanges_expire(*, now: datetime | None = None) -> int:
    """Close every open exchange past its expiry; returns how many."""
    now = now or timezone.now()
    return ReferralExchange.objects.filter(status=Status.OPEN, expires_at__lte=now).update(
        status=Status.EXPIRED
    )
