"""The accounts part of "all my data": the member's API tokens, never their secrets."""

from __future__ import annotations

from datetime import datetime

from mensch.accounts.models import ApiToken, User


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def member_data(member: User) -> dict[str, object]:
    """``api_tokens``: name, hint and dates of each token. Only the hash of a secret is
    kept, and not even that leaves."""
    tokens = ApiToken.objects.filter(user=member).order_by("created_at", "pk")
    return {
        "api_tokens": [
            {
                "name": token.name,
                "hint": token.hint,
                "created_at": token.created_at.isoformat(),
                "last_used_at": _iso(token.last_used_at),
                "revoked_at": _iso(token.revoked_at),
            }
            for token in tokens
        ]
    }
