"""Reads about profiles that the pages and the API share."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from mensch.accounts.models import User
from mensch.core.cached import cached
from mensch.profiles import search
from mensch.profiles.models import Ask, Offer, Profile

INDUSTRIES_VERSION = "profiles:industries"
# A search shows "1,000+ members" rather than counting every match.
MEMBER_COUNT_CAP = 1000


def _with_items(queryset: QuerySet[Profile]) -> QuerySet[Profile]:
    return queryset.select_related("user").prefetch_related(
        Prefetch("asks", queryset=Ask.objects.order_by("position", "id")),
        Prefetch("offers", queryset=Offer.objects.order_by("position", "id")),
    )


def own_profile(user: User) -> Profile:
    return _with_items(Profile.objects.filter(user=user)).get()


def visible_profiles() -> QuerySet[Profile]:
    """Profiles anyone signed in may list: active members who did not hide themselves."""
    return Profile.objects.filter(is_hidden=False, user__is_active=True)


def profile_for_viewer(*, viewer: User, profile_id: int) -> Profile:
    """A public profile, or the viewer's own even when hidden. Raises Profile.DoesNotExist."""
    queryset = Profile.objects.filter(
        Q(is_hidden=False, user__is_active=True) | Q(user_id=viewer.pk), pk=profile_id
    )
    return _with_items(queryset).get()


def member_search(*, query: str = "", industry: str = "", location: str = "") -> QuerySet[Profile]:
    """Visible members whose name, headline, industry, location, asks or offers match
    ``query``, best match first (by name without a query); see mensch.profiles.search."""
    queryset = visible_profiles()
    if industry:
        queryset = queryset.filter(industry__iexact=industry)
    if location:
        queryset = queryset.filter(location__icontains=location)
    return _with_items(search.search(queryset, query))


def member_count(queryset: QuerySet[Profile]) -> int:
    """How many members a search found, counted up to ``MEMBER_COUNT_CAP + 1`` only."""
    return search.capped_count(queryset, MEMBER_COUNT_CAP)


def own_item(*, user: User, side: str, item_id: int) -> Ask | Offer:
    """One of the member's own asks or offers. Raises DoesNotExist for anyone else's."""
    model = Ask if side == "ask" else Offer
    return model.objects.select_related("profile").get(pk=item_id, profile__user=user)


def industries() -> list[str]:
    """The directory's industry filter: every industry a visible member gave. Shared by
    all members, so cached; the services bump ``INDUSTRIES_VERSION`` when it may change."""
    return cached("profiles:industries", _industries, version_key=INDUSTRIES_VERSION, timeout=600)


def _industries() -> list[str]:
    return list(
        visible_profiles()
        .exclude(industry="")
        .order_by("industry")
        .values_list("industry", flat=True)
        .distinct()
    )
