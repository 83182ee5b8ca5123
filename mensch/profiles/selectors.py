"""Reads about profiles that the pages and the API share."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from mensch.accounts.models import User
from mensch.profiles.models import Ask, Offer, Profile


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
    """Visible members whose name, headline, industry, location, asks or offers match."""
    queryset = visible_profiles()
    for term in query.split()[:8]:
        queryset = queryset.filter(
            Q(user__first_name__icontains=term)
            | Q(user__last_name__icontains=term)
            | Q(headline__icontains=term)
            | Q(what_i_do__icontains=term)
            | Q(industry__icontains=term)
            | Q(location__icontains=term)
            | Q(pk__in=Ask.objects.filter(text__icontains=term).values("profile_id"))
            | Q(pk__in=Offer.objects.filter(text__icontains=term).values("profile_id"))
        )
    if industry:
        queryset = queryset.filter(industry__iexact=industry)
    if location:
        queryset = queryset.filter(location__icontains=location)
    return _with_items(queryset.order_by("user__first_name", "user__last_name", "pk"))


def own_item(*, user: User, side: str, item_id: int) -> Ask | Offer:
    """One of the member's own asks or offers. Raises DoesNotExist for anyone else's."""
    model = Ask if side == "ask" else Offer
    return model.objects.select_related("profile").get(pk=item_id, profile__user=user)


def industries() -> list[str]:
    return list(
        visible_profiles()
        .exclude(industry="")
        .order_by("industry")
        .values_list("industry", flat=True)
        .distinct()
    )
