"""The member's one private calendar feed: its address (create, replace, switch off) and
what it carries.

Every capability app with a module ``calendar`` contributes
``calendar_entries(member) -> list[Entry]`` (events and rounds, confirmed meetings, open
follow-ups…); they are found through the registry, so this low floor imports none of them.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mensch.accounts.models import CalendarFeed, User, hash_token
from mensch.core.calendars import Entry, calendar_bytes
from mensch.core.registry import contributions

# How often calendar apps are asked to fetch the feed again.
REFRESH = timedelta(hours=1)


def active_feed(member: User) -> CalendarFeed | None:
    """The member's feed, unless they never made one or switched it off."""
    return CalendarFeed.objects.filter(member=member, revoked_at__isnull=True).first()


@transaction.atomic
def feed_renew(*, member: User) -> CalendarFeed:
    """A new secret address (made on first use); every older address stops working."""
    token = secrets.token_urlsafe(32)
    feed, _ = CalendarFeed.objects.update_or_create(
        member=member,
        defaults={
            "token": token,
            "token_digest": hash_token(token),
            "former_digest": None,
            "created_at": timezone.now(),
            "revoked_at": None,
        },
    )
    return feed


def feed_revoke(*, member: User) -> None:
    """Switch the address off; the feed answers 404 until the member makes a new one."""
    CalendarFeed.objects.filter(member=member, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), former_digest=None
    )


def feed_owner(token: str) -> User | None:
    """The active member whose live address carries ``token``, else None.

    Matched on the digest: the database compares digests, never the secret itself.
    """
    digest = hash_token(token)
    feed = (
        CalendarFeed.objects.filter(Q(token_digest=digest) | Q(former_digest=digest))
        .filter(revoked_at__isnull=True, member__is_active=True)
        .select_related("member")
        .first()
    )
    return feed.member if feed else None


def member_entries(member: User) -> list[Entry]:
    """Everything of the member's in every app that contributes a ``calendar`` module."""
    entries: list[Entry] = []
    for _config, module in contributions("calendar"):
        entries.extend(module.calendar_entries(member))
    return entries


def member_calendar(member: User) -> bytes:
    return calendar_bytes(f"Mensch · {member.name}", member_entries(member), refresh=REFRESH)
