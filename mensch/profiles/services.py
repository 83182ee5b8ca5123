"""Every write to a profile, its asks and its offers goes through here."""

from __future__ import annotations

from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from mensch.accounts.models import User
from mensch.core.cached import bump
from mensch.core.text import normalise_line
from mensch.profiles import search
from mensch.profiles.models import Ask, Offer, Profile
from mensch.profiles.selectors import INDUSTRIES_VERSION
from mensch.profiles.signals import profile_changed

Side = Literal["ask", "offer"]

PROFILE_FIELDS = (
    "headline",
    "what_i_do",
    "industry",
    "location",
    "languages",
    "goals",
    "contact_email",
    "phone",
    "website",
    "is_hidden",
)
_ONE_LINE_FIELDS = {"headline", "industry", "location", "languages", "phone"}


def item_model(side: Side) -> type[Ask] | type[Offer]:
    if side == "ask":
        return Ask
    if side == "offer":
        return Offer
    raise ValueError(f"unknown side {side!r}")


@transaction.atomic
def profile_update(*, profile: Profile, **fields: Any) -> Profile:
    """Update the given fields; on any invalid field nothing is saved."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError({name: ["This field does not exist."] for name in sorted(unknown)})
    before = (profile.industry, profile.is_hidden)
    _assign(profile, fields)
    profile.full_clean(exclude=["user"])
    profile.save()
    if (profile.industry, profile.is_hidden) != before:
        # The directory's industry filter lists the industries of visible members: renew
        # it now and again once committed (a reader in between may cache the old list).
        bump(INDUSTRIES_VERSION)
        transaction.on_commit(lambda: bump(INDUSTRIES_VERSION))
    _profile_changed(profile)
    return profile


def _assign(profile: Profile, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if isinstance(value, str):
            value = normalise_line(value) if name in _ONE_LINE_FIELDS else value.strip()
        setattr(profile, name, value)


@transaction.atomic
def profile_item_create(*, profile: Profile, side: Side, kind: str, text: str) -> Ask | Offer:
    model = item_model(side)
    limit = settings.MAX_ASKS if side == "ask" else settings.MAX_OFFERS
    # Lock the profile row so two concurrent adds cannot both pass the limit.
    Profile.objects.select_for_update().filter(pk=profile.pk).first()
    existing = model.objects.filter(profile=profile).count()
    if existing >= limit:
        raise ValidationError(
            {"text": [f"You already have {existing} {side}s; remove one before adding another."]}
        )
    item = model(profile=profile, kind=kind, text=normalise_line(text), position=existing)
    item.full_clean()
    item.save()
    _profile_changed(item.profile)
    return item


@transaction.atomic
def profile_item_update(*, item: Ask | Offer, **fields: Any) -> Ask | Offer:
    for name in ("kind", "text"):
        if name in fields:
            value = fields[name]
            setattr(item, name, normalise_line(value) if isinstance(value, str) else value)
    item.full_clean()
    item.save()
    _profile_changed(item.profile)
    return item


@transaction.atomic
def profile_item_delete(*, item: Ask | Offer) -> None:
    profile = item.profile
    item.delete()
    _profile_changed(profile)


def _profile_changed(profile: Profile) -> None:
    """Renew the profile's search document and tell the capabilities that read profiles
    (people to meet, the directory)."""
    search.documents_refresh([profile.pk])
    profile_changed.send(sender=Profile, profile=profile)


@transaction.atomic
def member_profile_update(*, user: User, **fields: Any) -> Profile:
    """Update name fields on the account and the rest on the profile, all or nothing."""
    errors: dict[str, list[str]] = {}
    name_fields = {k: fields.pop(k) for k in ("first_name", "last_name") if k in fields}
    if name_fields:
        for name, value in name_fields.items():
            setattr(user, name, normalise_line(value or ""))
        try:
            user.full_clean(exclude=["password", "email"])
        except ValidationError as exc:
            errors.update(exc.message_dict)
    profile = Profile.objects.select_for_update().get(user=user)
    try:
        profile_update(profile=profile, **fields)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        # Raising inside the atomic block rolls back anything written above.
        raise ValidationError(errors)
    if name_fields:
        user.save(update_fields=list(name_fields))
        search.documents_refresh([profile.pk])
    return profile
