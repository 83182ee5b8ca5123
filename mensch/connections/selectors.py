"""Who is connected to whom, who blocked whom, and message threads."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet

from mensch.accounts.models import User
from mensch.connections.models import Block, Connection, Message
from mensch.core import statements
from mensch.profiles.models import Profile


def connection_between(member: User, other: User | int) -> Connection | None:
    other_id = other if isinstance(other, int) else other.pk
    low, high = sorted((member.pk, other_id))
    return Connection.objects.filter(member_low_id=low, member_high_id=high).first()


def are_connected(member: User, other: User | int) -> bool:
    return connection_between(member, other) is not None


def is_blocked_either_way(member: User, other: User | int) -> bool:
    other_id = other if isinstance(other, int) else other.pk
    return Block.objects.filter(
        Q(blocker=member, blocked_id=other_id) | Q(blocker_id=other_id, blocked=member)
    ).exists()


def has_blocked(blocker: User, other: User | int) -> bool:
    other_id = other if isinstance(other, int) else other.pk
    return Block.objects.filter(blocker=blocker, blocked_id=other_id).exists()


def blocked_ids(member: User) -> set[int]:
    """Members the member blocked or who blocked them: lists of people leave them out.

    One statement written out, two index look-ups (building the queryset cost more than
    running it; the specialist search asks on every page)."""
    with connection.cursor() as cursor:
        cursor.execute(_blocked_sql(connection.vendor), [member.pk, member.pk])
        return {other for (other,) in cursor.fetchall()}


@functools.cache
def _blocked_sql(vendor: str) -> str:
    del vendor  # the cache's key: the SQL differs by database
    block = statements.table(Block)
    # The table from the model, values bound:
    return (
        f"SELECT b.blocked_id FROM {block} b WHERE b.blocker_id = %s"  # noqa: S608
        f" UNION ALL SELECT b.blocker_id FROM {block} b WHERE b.blocked_id = %s"
    )


def connected_ids(member: User) -> set[int]:
    pairs = Connection.objects.filter(Q(member_low=member) | Q(member_high=member)).values_list(
        "member_low_id", "member_high_id"
    )
    return {low if high == member.pk else high for low, high in pairs}


@dataclass(frozen=True)
class ConnectionRow:
    connection: Connection
    profile: Profile
    unread: int


def connection_rows(member: User) -> list[ConnectionRow]:
    """The member's connections with the other side's profile and unread message counts."""
    connections = list(
        Connection.objects.filter(Q(member_low=member) | Q(member_high=member)).order_by(
            "-created_at"
        )
    )
    others = {c.other(member.pk) for c in connections}
    profiles = {
        p.user_id: p for p in Profile.objects.filter(user_id__in=others).select_related("user")
    }
    unread: dict[int, int] = {}
    for connection_id in (
        Message.objects.filter(connection__in=connections, read_at__isnull=True)
        .exclude(sender=member)
        .values_list("connection_id", flat=True)
    ):
        unread[connection_id] = unread.get(connection_id, 0) + 1
    return [
        ConnectionRow(c, profiles[c.other(member.pk)], unread.get(c.pk, 0))
        for c in connections
        if c.other(member.pk) in profiles
    ]


def thread_messages(connection: Connection) -> QuerySet[Message]:
    return Message.objects.filter(connection=connection).select_related("sender")


def can_see_contact_details(*, viewer: User, profile: Profile) -> bool:
    """Contact details are private: the owner and accepted connections see them."""
    if not viewer.is_authenticated:
        return False
    return viewer.pk == profile.user_id or are_connected(viewer, profile.user_id)


def contact_visible_user_ids(viewer: User) -> set[int]:
    """Members whose contact details the viewer may see: themselves and their connections.
    One query, for list pages and endpoints."""
    return {viewer.pk, *connected_ids(viewer)}
