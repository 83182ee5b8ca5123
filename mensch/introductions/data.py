"""The member's part of "all my data" from this app: the introductions they asked for,
answered or brokered. Other members appear by name and profile id; the reason is there
when the member wrote it, and only the member's own answer and note."""

from __future__ import annotations

from django.db.models import Q

from mensch.accounts.models import User
from mensch.introductions.models import Introduction
from mensch.profiles.models import Profile


def _role(introduction: Introduction, member: User) -> str:
    if introduction.introducer_id == member.pk:
        return "introducer"
    return "requester" if introduction.requester_id == member.pk else "recipient"


def member_data(member: User) -> dict[str, object]:
    introductions = list(
        Introduction.objects.filter(
            Q(requester=member) | Q(recipient=member) | Q(introducer=member)
        ).order_by("created_at", "pk")
    )
    everyone = {
        user_id
        for i in introductions
        for user_id in (i.introducer_id, i.requester_id, i.recipient_id)
        if user_id is not None
    }
    people = {
        p.user_id: {"name": p.user.name, "profile_id": p.pk}
        for p in Profile.objects.filter(user_id__in=everyone).select_related("user")
    }

    def person(user_id: int | None) -> dict[str, object] | None:
        if user_id is None:
            return None
        return people.get(user_id, {"name": "", "profile_id": None})

    rows: list[dict[str, object]] = []
    for i in introductions:
        role = _role(i, member)
        wrote_reason = role == "introducer" or (role == "requester" and i.introducer_id is None)
        row: dict[str, object] = {
            "role": role,
            "brokered": i.is_brokered,
            "introducer": person(i.introducer_id),
            "requester": person(i.requester_id),
            "recipient": person(i.recipient_id),
            "reason": i.reason if wrote_reason else "",
            "status": i.status,
            "created_at": i.created_at.isoformat(),
            "expires_at": i.expires_at.isoformat(),
            "decided_at": i.decided_at.isoformat() if i.decided_at else None,
        }
        if role == "requester":
            row["your_decision"], row["your_note"] = i.requester_decision, i.requester_note
        elif role == "recipient":
            row["your_decision"], row["your_note"] = i.recipient_decision, i.recipient_note
        rows.append(row)
    return {"introductions": rows}
