"""What the dashboard and the front page show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.selectors import blocked_ids
from mensch.core.cards import DashboardCard
from mensch.core.registry import contributions
from mensch.introductions.models import Decision, Introduction
from mensch.ledger.models import Pledge, ReferralExchange
from mensch.matching.selectors import PersonToMeet, people_to_meet
from mensch.meetings.models import MeetingTick
from mensch.profiles.models import Ask, Offer, Profile
from mensch.profiles.selectors import own_profile, visible_profiles

PEOPLE_ON_DASHBOARD = 3
WAITING_LIMIT = 10


@dataclass(frozen=True)
class WaitingItem:
    """One thing that needs this member's answer, with the link that answers it."""

    kind: str
    text: str
    url: str
    action: str


@dataclass(frozen=True)
class Step:
    label: str
    done: bool
    url_name: str


def community_figures() -> dict[str, int]:
    visible = visible_profiles()
    return {
        "members": visible.count(),
        "industries": visible.exclude(industry="").values("industry").distinct().count(),
        "asks": Ask.objects.filter(profile__in=visible).count(),
        "offers": Offer.objects.filter(profile__in=visible).count(),
    }


def profile_steps(profile: Profile) -> list[Step]:
    asks = list(profile.asks.all())
    offers = list(profile.offers.all())
    return [
        Step(
            "Say who you are and what you do in one sentence",
            bool(profile.headline),
            "profile_edit",
        ),
        Step("Add at least one thing you ask for", bool(asks), "profile_edit"),
        Step("Add at least one thing you can offer", bool(offers), "profile_edit"),
        Step("Write down your networking goals", bool(profile.goals), "profile_edit"),
        Step(
            "Tell people where you are and which languages you speak",
            bool(profile.location and profile.languages),
            "profile_edit",
        ),
    ]


def dashboard_cards(member: User) -> list[DashboardCard]:
    """The cards the apps contribute, in each app's ``dashboard_order``."""
    found = sorted(contributions("dashboard"), key=lambda pair: pair[0].dashboard_order)
    cards = (module.card(member) for _, module in found)
    return [card for card in cards if card is not None]


def _introductions_waiting(member: User, now: datetime) -> list[WaitingItem]:
    pending = (
        Introduction.objects.filter(status=Introduction.Status.PENDING, expires_at__gt=now)
        .filter(
            Q(recipient=member, recipient_decision=Decision.PENDING)
            | Q(requester=member, requester_decision=Decision.PENDING, introducer__isnull=False)
        )
        .select_related("requester", "recipient", "introducer")
        .order_by("created_at", "pk")[:WAITING_LIMIT]
    )
    url = reverse("introductions") + "#awaiting-h"
    items = []
    for introduction in pending:
        if introduction.introducer is not None:
            other = (
                introduction.recipient
                if introduction.requester_id == member.pk
                else introduction.requester
            )
            items.append(
                WaitingItem(
                    "Introduction",
                    f"{introduction.introducer.name} introduces you to {other.name}.",
                    url,
                    "Accept or decline",
                )
            )
        else:
            items.append(
                WaitingItem(
                    "Introduction request",
                    f"{introduction.requester.name} asks to meet you.",
                    url,
                    "Answer the request",
                )
            )
    return items


def _exchanges_waiting(member: User, now: datetime) -> list[WaitingItem]:
    exchanges = (
        ReferralExchange.objects.filter(
            Q(proposer=member) | Q(partner=member),
            status=ReferralExchange.Status.OPEN,
            expires_at__gt=now,
        )
        .exclude(Exists(Pledge.objects.filter(exchange=OuterRef("pk"), member=member)))
        .select_related("proposer", "partner")
        .order_by("created_at", "pk")[:WAITING_LIMIT]
    )
    items = []
    for exchange in exchanges:
        other = exchange.partner if exchange.proposer_id == member.pk else exchange.proposer
        items.append(
            WaitingItem(
                "Referral exchange",
                f"Your referral exchange with {other.name} waits for your pledge.",
                reverse("referral_exchange", args=[exchange.pk]),
                "Make your pledge",
            )
        )
    return items


def _meetings_waiting(member: User) -> list[WaitingItem]:
    """Someone said they met the member; the member has not said so back."""
    ticks = (
        MeetingTick.objects.filter(other=member)
        .exclude(member_id__in=blocked_ids(member))
        .exclude(
            Exists(
                MeetingTick.objects.filter(
                    member=member, other=OuterRef("member"), event=OuterRef("event")
                )
            )
        )
        .exclude(
            Exists(
                MeetingTick.objects.filter(
                    member=member, other=OuterRef("member"), event__isnull=True
                )
            ),
            event__isnull=True,
        )
        .select_related("member__profile", "event")
        .order_by("created_at", "pk")[:WAITING_LIMIT]
    )
    items = []
    for tick in ticks:
        if tick.event is not None:
            text = f"{tick.member.name} says you met at {tick.event.title}."
            url = reverse("event_met", args=[tick.event_id])
        else:
            text = f"{tick.member.name} says you met."
            url = reverse("member_detail", args=[tick.member.profile.pk])
        items.append(WaitingItem("Meeting to confirm", text, url, "Confirm the meeting"))
    return items


def waiting_for(member: User) -> list[WaitingItem]:
    """Everything that waits for this member's answer and for nobody else's: introduction
    requests, brokered introductions, referral exchanges without their pledge, meetings the
    other side confirmed."""
    now = timezone.now()
    return [
        *_introductions_waiting(member, now),
        *_exchanges_waiting(member, now),
        *_meetings_waiting(member),
    ]


def dashboard_people(member: User) -> list[PersonToMeet]:
    """The top stored suggestions: read, never computed, in the request."""
    return people_to_meet(member, limit=PEOPLE_ON_DASHBOARD)


def dashboard(user: User) -> dict[str, object]:
    profile = own_profile(user)
    steps = profile_steps(profile)
    done = sum(step.done for step in steps)
    nearby = (
        visible_profiles()
        .exclude(pk=profile.pk)
        .filter(location=profile.location)
        .select_related("user")
        .annotate(offer_count=Count("offers"))
        .order_by("-created_at", "-pk")[:5]
        if profile.location
        else Profile.objects.none()
    )
    return {
        "profile": profile,
        "waiting": waiting_for(user),
        "people": dashboard_people(user),
        "steps": steps,
        "steps_done": done,
        "completeness": round(100 * done / len(steps)),
        "community": community_figures(),
        "nearby": nearby,
        "cards": dashboard_cards(user),
    }
