"""The member's part of "all my data" from this app: the ledger entries they are a side
of, and their referral exchanges with their own pledges (the other side's only once
released, as on the pages). Other members appear by name and profile id only."""

from __future__ import annotations

from mensch.accounts.models import User
from mensch.ledger.models import LedgerEntry
from mensch.ledger.selectors import PledgeView, entries_of, exchanges_of


def _entry(entry: LedgerEntry, member: User) -> dict[str, object]:
    other = entry.counterpart_of(member.pk)
    return {
        "kind": entry.kind,
        "direction": entry.direction_for(member.pk),
        "with": {
            "name": entry.counterpart_label(member.pk),
            "profile_id": other.profile.pk if other is not None else None,
        },
        # The contact record is the recorder's own note: only they see the link.
        "contact_id": entry.counterpart_contact_id if entry.recorded_by_id == member.pk else None,
        "recorded_by_you": entry.recorded_by_id == member.pk,
        "description": entry.description,
        "status": entry.status,
        "verified": entry.is_verified,
        "value": str(entry.value) if entry.value is not None else None,
        "currency": entry.currency,
        "source": entry.source,
        "created_at": entry.created_at.isoformat(),
        "delivered_at": entry.delivered_at.isoformat() if entry.delivered_at else None,
        "thanked_at": entry.thanked_at.isoformat() if entry.thanked_at else None,
        "closed_at": entry.closed_at.isoformat() if entry.closed_at else None,
    }


def _pledge(pledge: PledgeView | None) -> dict[str, object] | None:
    if pledge is None:
        return None
    return {
        "referral_name": pledge.referral_name,
        "reason": pledge.reason,
        "created_at": pledge.created_at.isoformat(),
    }


def member_data(member: User) -> dict[str, object]:
    entries = entries_of(member).order_by("created_at", "pk")
    return {
        "ledger": [_entry(entry, member) for entry in entries],
        "referral_exchanges": [
            {
                "with": {"name": view.other.name, "profile_id": view.other.profile.pk},
                "proposed_by_you": view.exchange.proposer_id == member.pk,
                "status": view.status,
                "created_at": view.exchange.created_at.isoformat(),
                "expires_at": view.exchange.expires_at.isoformat(),
                "released_at": view.exchange.released_at.isoformat()
                if view.exchange.released_at
                else None,
                "your_pledge": _pledge(view.mine),
                "their_pledge": _pledge(view.theirs),
            }
            for view in reversed(exchanges_of(member, limit=None))
        ],
    }
