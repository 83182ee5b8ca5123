"""Verified interactions: what trust and endorsements rest on.

Three kinds count, because both sides said so:

* a meeting both members confirmed (``meetings.Meeting``);
* an accepted introduction (both said yes), and for a brokered one, the
  introducer is vouched for by each member they introduced;
* a favour the receiver confirmed (a verified ledger entry). The ledger stands above
  this app, so rather than reach up, it installs its reader here
  (``favour_reader``, installed by ``LedgerConfig.ready()``); without it there are
  no favours.

Nothing a member can claim alone (a profile, an endorsement, a chat message)
creates trust.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q

from mensch.accounts.models import User
from mensch.core.readers import Reader
from mensch.engine.trust import SUGGESTED_WEIGHTS, Vouch, mutual
from mensch.introductions.models import Introduction
from mensch.meetings.models import Meeting
from mensch.trust.models import Basis

# Two members who accepted an introduction to each other have agreed to talk, not yet
# seen each other's work: it counts, for less than a meeting.
DIRECT_INTRODUCTION_WEIGHT = 0.5


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
    pair = Q(requester=member, recipient=other) | Q(requester=other, recipient=member)
    brokered = Q(introducer=member, requester=other) | Q(introducer=member, recipient=other)
    brokered |= Q(introducer=other, requester=member) | Q(introducer=other, recipient=member)
    for intro in Introduction.objects.filter(
        pair | brokered, status=Introduction.Status.ACCEPTED
    ).select_related("introducer"):
        on = (intro.decided_at or intro.created_at).date()
        if intro.introducer is not None and intro.introducer_id in (member.pk, other.pk):
            label = f"an introduction {intro.introducer.first_name} made, {_month(on)}"
        else:
            label = f"introduced through Mensch, {_month(on)}"
        found.append(Interaction(Basis.INTRODUCTION, intro.pk, on, label))
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
    for low, high in Meeting.objects.values_list("member_low_id", "member_high_id"):
        vouches += mutual(low, high, weight=SUGGESTED_WEIGHTS["meeting"], kind="meeting")
    for introducer, requester, recipient in Introduction.objects.filter(
        status=Introduction.Status.ACCEPTED
    ).values_list("introducer_id", "requester_id", "recipient_id"):
        vouches += mutual(
            requester, recipient, weight=DIRECT_INTRODUCTION_WEIGHT, kind="introduction"
        )
        if introducer is not None:
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
