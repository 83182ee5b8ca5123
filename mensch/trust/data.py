"""The member's part of "all my data" from this app: endorsements they gave (with what
became of them) and endorsements of their offers. Other members appear by name and
profile id only."""

from __future__ import annotations

from django.db.models import Q

from mensch.accounts.models import User
from mensch.trust.models import Endorsement


def _person(user: User) -> dict[str, object]:
    profile_id = user.profile.pk if hasattr(user, "profile") else None
    return {"name": user.name, "profile_id": profile_id}


def member_data(member: User) -> dict[str, object]:
    endorsements = (
        Endorsement.objects.filter(Q(author=member) | Q(member=member, removed_at__isnull=True))
        .select_related("author__profile", "member__profile", "offer")
        .order_by("created_at", "pk")
    )
    rows: list[dict[str, object]] = []
    for e in endorsements:
        given = e.author_id == member.pk
        row: dict[str, object] = {"direction": "given" if given else "received"}
        if given:
            row["of"] = _person(e.member)
        else:
            row["by"] = _person(e.author)
        row |= {
            "offer": e.offer.text,
            "text": e.text,
            "basis": e.basis,
            "basis_label": e.basis_label,
            "created_at": e.created_at.isoformat(),
            "updated_at": e.updated_at.isoformat(),
            "hidden_after_reports": e.hidden_at is not None,
        }
        if given:
            row["removed_by_staff"] = e.removed_at is not None
        rows.append(row)
    return {"endorsements": rows}
