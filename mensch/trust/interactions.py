"""Verified interactions: what trust and endorsements rest on.

Two kinds count, because the people who would know said so:

* a meeting both members confirmed (``meetings.Meeting``);
* a favour the receiver confirmed (a verified ledger entry). The ledger stands above
  this app, so rather than reach up, it installs its reader here
  (``favour_reader``, installed by ``LedgerConfig.ready()``); without it there are
  no favours.

An accepted introduction is not one of them: two members who said yes to talking have
not yet seen each other's work. They can endorse each other, and vouch for each other in
the trust graph, once they have met (both confirm) or one confirmed a favour from the
other. Endorsements that rested on an introduction alone were removed, or moved onto a
meeting the two confirmed since (``trust`` migration 0002).

Trust propagation (``verified_vouches``) runs over the same graph: meetings (both ways)
and confirmed favours (receiver for giver). One more edge, kept deliberately small: the
introducer of a *brokered* introduction is vouched for by the two members introduced,
but only once those two then met (a meeting both confirmed, on or after the day they
accepted). An introduction nobody followed up vouches for no one.

Nothing a member can claim alone (a profile, an endorsement, a chat message), and
nothing that is only a yes to talking, creates trust.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from mensch.accounts.models import User
from mensch.core.readers import Reader
from mensch.engine.trust import SUGGESTED_WEIGHTS, Vouch, mutual
from mensch.introductions.models import Introduction
from mensch.meetings.models import Meeting
from mensch.trust.models import Basis


@dataclass(frozen=True)
class Interaction:
    """One verified interaction between two members, worded for third parties."""

    kind: str  # a Basis value
    id: int
    on: date
    label: str  # "met at Lisbon Founders, March 2027"


@dataclass(frozen=True)
class Favour:
    """A favour the receiving member confirmed: the receiver vouches for the giver."""

    id: int
    giver_id: int
    receiver_id: int
    verified_at: datetime


# Verified favours: all of them, or those between the two members of ``pair``.
FavourReader = Callable[[tuple[int, int] | None], list[Favour]]


def _no_favours(pair: tuple[int, int] | None) -> list[Favour]:
    return []


favour_reader: Reader[FavourReader] = Reader(_no_favours)


def _month(day: date) -> str:
    return day.strftime("%B %Y")


def _pair(member_id: int, other_id: int) -> tuple[int, int]:
    low, high = sorted((member_id, other_id))
    return low, high


def interactions_between(member: User, other: User) -> list[Interaction]:
    """Verified interactions the two share, most recent first (a few queries, no N+1)."""
    low, high = _pair(member.pk, other.pk)
    found: list[Interaction] = []
    for meeting in Meeting.objects.filter(member_low_id=low, member_high_id=high).select_related(
        "event"
    ):
        where = f"met at {meeting.event.title}" if meeting.event else "met in person"
        found.append(
            Interaction(
                Basis.MEETING, meeting.pk, meeting.met_on, f"{where}, {_month(meeting.met_on)}"
            )
        )
    for favour in favour_reader.read((member.pk, other.pk)):
        on = favour.verified_at.date()
        found.append(Interaction(Basis.FAVOUR, favour.id, on, f"a favour confirmed, {_month(on)}"))
    found.sort(key=lambda i: (i.on, i.id), reverse=True)
    return found


def verified_vouches(active_ids: set[int] | None = None) -> list[Vouch]:
    """The whole verified-interaction graph as vouches for the trust engine.

    ``active_ids`` leaves out vouches touching anyone else (closed accounts).
    """
    vouches: list[Vouch] = []
    last_met: dict[tuple[int, int], date] = {}
    for low, high, met_on in Meeting.objects.values_list(
        "member_low_id", "member_high_id", "met_on"
    ):
        vouches += mutual(low, high, weight=SUGGESTED_WEIGHTS["meeting"], kind="meeting")
        last = last_met.get((low, high))
        last_met[(low, high)] = met_on if last is None else max(last, met_on)
    for introducer, requester, recipient, decided_at in Introduction.objects.filter(
        status=Introduction.Status.ACCEPTED, introducer__isnull=False
    ).values_list("introducer_id", "requester_id", "recipient_id", "decided_at"):
        # The introducer is vouched for only once the two introduced then met.
        latest = last_met.get(_pair(requester, recipient))
        if latest is None or decided_at is None or latest < timezone.localdate(decided_at):
            continue
        weight = SUGGESTED_WEIGHTS["introduction"]
        vouches.append(Vouch(requester, introducer, weight, "introduction"))
        vouches.append(Vouch(recipient, introducer, weight, "introduction"))
    for favour in favour_reader.read(None):
        # The receiver confirming a favour is the receiver vouching for the giver.
        vouches.append(
            Vouch(favour.receiver_id, favour.giver_id, SUGGESTED_WEIGHTS["favour"], "favour")
        )
    if active_ids is not None:
        vouches = [v for v in vouches if v.source in active_ids and v.target in active_ids]
    return vouches
