"""What the dashboard and the front page show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Block
from mensch.core.cached import cached, key_part, store
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

# "Your community": the worker counts exactly every few minutes and keeps the figures for
# an hour; a request that finds none counts exactly only while the community is small
# (counting is then cheap), else shows the planner's estimates until the worker's turn.
FIGURES_KEY = "community-figures"
FIGURES_REQUEST_SECONDS = 60
FIGURES_WORKER_SECONDS = 3600
EXACT_COUNTS_BELOW = 20_000
# "New in <city>": the newest members of a city, shared by everyone there; each viewer's
# own profile and blocks are taken out after reading. Saving a profile renews its city.
NEARBY_SHOWN = 5
NEARBY_KEPT = 25
NEARBY_SECONDS = 600


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


def exact_figures() -> dict[str, int]:
    """Four counts over the whole community: for the worker, or a small community."""
    visible = visible_profiles()
    return {
        "members": visible.count(),
        "industries": visible.exclude(industry="").values("industry").distinct().count(),
        "asks": Ask.objects.filter(profile__in=visible).count(),
        "offers": Offer.objects.filter(profile__in=visible).count(),
    }


def estimated_figures() -> dict[str, int] | None:
    """PostgreSQL's own statistics (kept by ``ANALYZE``): one catalogue read, no table
    scanned. Hidden and inactive members are in them. None where there are none."""
    if connection.vendor != "postgresql":
        return None
    tables = [Profile._meta.db_table, Ask._meta.db_table, Offer._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)),"
            " (SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)),"
            " (SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)),"
            " (SELECT n_distinct FROM pg_stats WHERE schemaname = current_schema()"
            "  AND tablename = %s AND attname = 'industry')",
            [*tables, tables[0]],
        )
        members, asks, offers, distinct = cursor.fetchone()
    if members is None or members < 0 or asks is None or offers is None or distinct is None:
        return None  # never analysed
    industries = distinct if distinct >= 0 else -distinct * members
    return {
        "members": round(members),
        "industries": round(industries),
        "asks": round(max(asks, 0)),
        "offers": round(max(offers, 0)),
    }


def _figures_for_request() -> dict[str, int]:
    estimate = estimated_figures()
    if estimate is None or estimate["members"] < EXACT_COUNTS_BELOW:
        return exact_figures()
    return estimate


def community_figures() -> dict[str, int]:
    """Members, industries, asks and offers: from the cache, never a full count at scale."""
    return cached(FIGURES_KEY, _figures_for_request, timeout=FIGURES_REQUEST_SECONDS)


def community_figures_refresh() -> dict[str, int]:
    """The worker's periodic job: exact figures, for every process to read."""
    return store(FIGURES_KEY, exact_figures(), timeout=FIGURES_WORKER_SECONDS)


def city_version(city: str) -> str:
    return f"city:{key_part(city)}"


def _newest_in(city: str) -> list[int]:
    return list(
        visible_profiles()
        .filter(location=city)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)[:NEARBY_KEPT]
    )


def newest_nearby(member: User, profile: Profile) -> list[Profile]:
    """The newest visible members in the member's city, without the member and anyone
    either side blocked; the shared list of ids comes from the cache, the rows (and who is
    still visible and still there) from the database."""
    city = profile.location
    if not city:
        return []
    ids = cached(
        f"newest-in:{key_part(city)}",
        lambda: _newest_in(city),
        version_key=city_version(city),
        timeout=NEARBY_SECONDS,
    )
    ids = [pk for pk in ids if pk != profile.pk]
    if not ids:
        return []
    rows = (
        visible_profiles()
        .filter(pk__in=ids, location=city)
        .exclude(user_id__in=Block.objects.filter(blocker=member).values("blocked_id"))
        .exclude(user_id__in=Block.objects.filter(blocked=member).values("blocker_id"))
        .select_related("user")
    )
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id][:NEARBY_SHOWN]


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
        .exclude(member_id__in=Block.objects.filter(blocker=member).values("blocked_id"))
        .exclude(member_id__in=Block.objects.filter(blocked=member).values("blocker_id"))
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
    return {
        "profile": profile,
        "waiting": waiting_for(user),
        "people": dashboard_people(user),
        "steps": steps,
        "steps_done": done,
        "completeness": round(100 * done / len(steps)),
        "community": community_figures(),
        "nearby": newest_nearby(user, profile),
        "cards": dashboard_cards(user),
    }
