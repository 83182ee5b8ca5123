"""The member's part of "all my data" from this app: their connections and the messages
they wrote. Other members appear by name and profile id only; messages others wrote stay
theirs."""

from __future__ import annotations

from django.db.models import Q

from mensch.accounts.models import User
from mensch.connections.models import Connection, Message
from mensch.profiles.models import Profile


def _people(user_ids: set[int]) -> dict[int, dict[str, object]]:
    return {
        profile.user_id: {"name": profile.user.name, "profile_id": profile.pk}
        for profile in Profile.objects.filter(user_id__in=user_ids).select_related("user")
    }


def _person(people: dict[int, dict[str, object]], user_id: int) -> dict[str, object]:
    return people.get(user_id, {"name": "", "profile_id": None})


def member_data(member: User) -> dict[str, object]:
    connections = list(
        Connection.objects.filter(Q(member_low=member) | Q(member_high=member)).order_by(
            "created_at", "pk"
        )
    )
    sent = list(
        Message.objects.filter(sender=member)
        .select_related("connection")
        .order_by("created_at", "pk")
    )
    people = _people(
        {c.other(member.pk) for c in connections} | {m.connection.other(member.pk) for m in sent}
    )
    return {
        "connections": [
            {
                "with": _person(people, c.other(member.pk)),
                "source": c.source,
                "connected_at": c.created_at.isoformat(),
            }
            for c in connections
        ],
        "messages": [
            {
                "to": _person(people, m.connection.other(member.pk)),
                "body": m.body,
                "sent_at": m.created_at.isoformat(),
            }
            for m in sent
        ],
    }
