"""Fixed vocabularies shared by the engines, the apps and the demo data (no Django import)."""

from __future__ import annotations

# What an ask or an offer is about. Order is the order shown in forms.
ITEM_KINDS: tuple[str, ...] = (
    "client",
    "talent",
    "partner",
    "investor",
    "mentor",
    "advice",
    "introduction",
    "supplier",
    "resource",
    "opportunity",
    "other",
)
