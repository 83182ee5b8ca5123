"""The profiles part of "all my data": the account's own details and the member's profile
with its asks and offers, private contact details included (they are the member's own)."""

from __future__ import annotations

from datetime import datetime

from mensch.accounts.models import User
from mensch.profiles.models import Ask, Offer, Profile


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _items(items: list[Ask] | list[Offer]) -> list[dict[str, object]]:
    return [
        {"kind": item.kind, "text": item.text, "created_at": item.created_at.isoformat()}
        for item in items
    ]


def member_data(member: User) -> dict[str, object]:
    """``profile``: name, email and join date, then the profile's fields. An account with
    no profile row exports the same fields, empty (every account gets one when it is made)."""
    saved = Profile.objects.filter(user=member).first()
    profile = saved or Profile(user=member)
    return {
        "profile": {
            "id": profile.pk,
            "email": member.email,
            "first_name": member.first_name,
            "last_name": member.last_name,
            "date_joined": member.date_joined.isoformat(),
            "headline": profile.headline,
            "what_i_do": profile.what_i_do,
            "industry": profile.industry,
            "location": profile.location,
            "languages": profile.language_list,
            "goals": profile.goals,
            "contact_email": profile.contact_email,
            "phone": profile.phone,
            "website": profile.website,
            "is_hidden": profile.is_hidden,
            "created_at": _iso(profile.created_at),
            "updated_at": _iso(profile.updated_at),
            "asks": _items(list(saved.asks.order_by("position", "pk"))) if saved else [],
            "offers": _items(list(saved.offers.order_by("position", "pk"))) if saved else [],
        }
    }
