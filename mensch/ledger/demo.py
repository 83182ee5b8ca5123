"""Demo ledger: favours, referrals and closed business between members who met at the
demo events, plus referral exchanges in every state.

Rows are written directly (no notifications for made-up history), each one checked
with ``full_clean``. Idempotent: a community that already has ledger data is left alone.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from mensch.accounts.models import User
from mensch.events.demo import CURRENCY  # one currency for the whole demo community
from mensch.ledger.models import EntryStatus, LedgerEntry, Pledge, ReferralExchange
from mensch.meetings.models import Meeting

KINDS = (
    ("favour", "Lent a projector for a client workshop"),
    ("favour", "Reviewed a proposal before it went out"),
    ("advice", "Half an hour on pricing a retainer"),
    ("advice", "Told me how to write a first employment contract"),
    ("resource", "Shared a template for client onboarding"),
    ("resource", "Passed on a list of reliable printers"),
    ("referral", "Referred a café owner who needs a new brand"),
    ("referral", "Referred a start-up looking for a bookkeeper"),
    ("referral", "Referred a family business moving to e-commerce"),
    ("introduction", "Introduced me to a buyer at a regional chain"),
)
VALUES = ("650", "1200", "1800", "2400", "4800", "9500")
OUTSIDERS = ("Maria Costa", "Tomás Reis", "Ines Duarte")
PLEDGES = (
    ("Rui Lopes", "Opens a second studio in spring and needs its books in order."),
    ("Helena Marques", "Her bakery needs a brand before the new shop opens."),
    ("Paulo Nunes", "Looking for someone to run a team offsite; asked me for names."),
    ("Sofia Pinto", "Wants advice on hiring a first employee."),
)


def _moment(day: date, rng: random.Random) -> datetime:
    when = datetime.combine(day, time(9 + rng.randrange(9)))
    moment = timezone.make_aware(when)
    return min(moment, timezone.now() - timedelta(hours=1))


def _entry(
    rng: random.Random, giver: User | None, receiver: User | None, start: date, outsider: str = ""
) -> LedgerEntry:
    kind, description = rng.choice(KINDS)
    recorder = giver if giver is not None else receiver
    entry = LedgerEntry(
        kind=kind,
        recorded_by=recorder,
        giver=giver,
        receiver=receiver,
        counterpart_name=outsider,
        description=description,
        status=EntryStatus.OFFERED,
    )
    roll = rng.random()
    if roll < 0.8:
        entry.status = EntryStatus.DELIVERED
        entry.delivered_at = _moment(start + timedelta(days=rng.randrange(1, 15)), rng)
        if giver is not None and receiver is not None and rng.random() < 0.8:
            entry.verified_at = entry.delivered_at
        if rng.random() < 0.5:
            entry.status = EntryStatus.THANKED
            entry.thanked_at = entry.delivered_at
        if kind in ("referral", "introduction") and rng.random() < 0.55:
            entry.status = EntryStatus.CLOSED
            entry.value = Decimal(rng.choice(VALUES))
            entry.currency = CURRENCY
            entry.closed_at = entry.delivered_at
            entry.thanked_at = entry.delivered_at
            if giver is not None and receiver is not None:
                entry.verified_at = entry.delivered_at
    entry.full_clean()
    return entry


def _exchange(
    rng: random.Random, a: User, b: User, state: str, start: datetime
) -> tuple[ReferralExchange, list[LedgerEntry]]:
    exchange = ReferralExchange(proposer=a, partner=b, expires_at=start + timedelta(days=14))
    exchange.full_clean()
    exchange.save()
    ReferralExchange.objects.filter(pk=exchange.pk).update(created_at=start)
    pledgers = [a] if state in ("open", "cancelled") else [a, b]
    entries = []
    for member in pledgers:
        name, reason = rng.choice(PLEDGES)
        pledge = Pledge(
            exchange=exchange, member=member, referral_name=name, reason=reason, consent=True
        )
        pledge.full_clean()
        pledge.save()
        if state == "released":
            other = b if member == a else a
            entries.append(
                LedgerEntry(
                    kind="referral",
                    recorded_by=member,
                    giver=member,
                    receiver=other,
                    description=f"Referral of {name}: {reason}",
                    status=EntryStatus.DELIVERED,
                    delivered_at=start + timedelta(days=3),
                    source=LedgerEntry.Source.EXCHANGE,
                    source_id=exchange.pk,
                )
            )
    now = timezone.now()
    if state == "released":
        exchange.status, exchange.released_at = (
            ReferralExchange.Status.RELEASED,
            start + timedelta(days=2),
        )
    elif state == "cancelled":
        exchange.status, exchange.cancelled_at, exchange.cancelled_by = (
            ReferralExchange.Status.CANCELLED,
            start + timedelta(days=1),
            b,
        )
    elif state == "open":
        exchange.expires_at = now + timedelta(days=10)
    exchange.save()
    return exchange, entries


def load_demo(*, members: list[User], organizer: User, seed: int) -> str:
    ids = [m.pk for m in members]
    existing = LedgerEntry.objects.filter(recorded_by_id__in=ids)
    if existing.exists():
        return _summary(ids, new=False)
    rng = random.Random(seed)
    people = {m.pk: m for m in members}
    meetings = list(
        Meeting.objects.filter(
            event__isnull=False, member_low_id__in=ids, member_high_id__in=ids
        ).order_by("met_on", "pk")
    )
    entries: list[LedgerEntry] = []
    with transaction.atomic():
        for meeting in meetings:
            low, high = people[meeting.member_low_id], people[meeting.member_high_id]
            for _ in range(rng.choice((1, 1, 2, 3))):
                giver, receiver = (low, high) if rng.random() < 0.5 else (high, low)
                entries.append(_entry(rng, giver, receiver, meeting.met_on))
        # The member people log in as: a few entries with people outside Mensch too.
        if members:
            first = members[0]
            start = timezone.localdate() - timedelta(days=120)
            for index, name in enumerate(OUTSIDERS):
                given = index % 2 == 0
                entries.append(
                    _entry(
                        rng,
                        first if given else None,
                        None if given else first,
                        start + timedelta(days=30 * index),
                        outsider=name,
                    )
                )
        connected = [m for m in meetings if m.low_follow_up and m.high_follow_up]
        states = ("released", "released", "open", "cancelled")
        for meeting, state in zip(connected, states, strict=False):
            start = timezone.now() - timedelta(days=rng.randrange(3, 12))
            _, released = _exchange(
                rng, people[meeting.member_low_id], people[meeting.member_high_id], state, start
            )
            entries.extend(released)
        LedgerEntry.objects.bulk_create(entries)
        # created_at is set on insert; spread it back to when things happened.
        LedgerEntry.objects.filter(recorded_by_id__in=ids, delivered_at__isnull=False).update(
            created_at=F("delivered_at") - timedelta(days=1)
        )
    return _summary(ids, new=True)


def _summary(ids: list[int], *, new: bool) -> str:
    entries = LedgerEntry.objects.filter(Q(giver_id__in=ids) | Q(receiver_id__in=ids))
    closed = entries.filter(status=EntryStatus.CLOSED).count()
    exchanges = ReferralExchange.objects.filter(proposer_id__in=ids).count()
    suffix = "" if new else " (already loaded)"
    return (
        f"{entries.count()} ledger entries, {closed} with business closed, "
        f"{exchanges} referral exchanges{suffix}"
    )
