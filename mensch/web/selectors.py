"""What the dashboard and the front page show."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from mensch.accounts.models import User
from mensch.core.cards import DashboardCard
from mensch.core.registry import contributions
from mensch.profiles.models import Ask, Offer, Profile
from mensch.profiles.selectors import own_profile, visible_profiles


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
        "steps": steps,
        "steps_done": done,
        "completeness": round(100 * done / len(steps)),
        "community": community_figures(),
        "nearby": nearby,
        "cards": dashboard_cards(user),
    }
