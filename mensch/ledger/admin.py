"""Admin for the give-first ledger and referral exchanges: parties, kind, state and dates.

A member's balance is theirs alone, so descriptions, values and off-platform counterparts
are not shown, and sealed pledges are not registered.
"""

from __future__ import annotations

from django.contrib import admin

from mensch.accounts.admin import ViewOnlyAdmin
from mensch.ledger.models import LedgerEntry, ReferralExchange


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ViewOnlyAdmin):
    list_display = ("id", "kind", "giver", "receiver", "status", "created_at", "verified_at")
    list_filter = ("kind", "status")
    list_select_related = ("giver", "receiver")
    search_fields = ("giver__email", "receiver__email")
    fields = (
        "kind",
        "recorded_by",
        "giver",
        "receiver",
        "status",
        "source",
        "source_id",
        "created_at",
        "delivered_at",
        "thanked_at",
        "closed_at",
        "verified_at",
    )


@admin.register(ReferralExchange)
class ReferralExchangeAdmin(ViewOnlyAdmin):
    list_display = ("id", "proposer", "partner", "status", "created_at", "expires_at")
    list_filter = ("status",)
    list_select_related = ("proposer", "partner")
    search_fields = ("proposer__email", "partner__email")
