"""Trust and chat limits, each overridable in settings (names in the report to the lead).

Read through small functions so tests can change them with the ``settings`` fixture.
"""

from __future__ import annotations

from django.conf import settings

# band → chat messages a member may post per event per hour
DEFAULT_CHAT_RATE = {"new": 6, "building": 12, "good": 30, "high": 60}


def seed_min_days() -> int:
    """A member counts as long-standing (a trust seed) after this many days..."""
    return int(getattr(settings, "TRUST_SEED_MIN_DAYS", 365))


def seed_min_interactions() -> int:
    """...and with verified interactions with at least this many distinct members."""
    return int(getattr(settings, "TRUST_SEED_MIN_INTERACTIONS", 5))


def reports_to_hide() -> int:
    """An endorsement with this many open reports is hidden until staff review it."""
    return int(getattr(settings, "ENDORSEMENT_REPORTS_TO_HIDE", 3))


def chat_rate(band: str) -> int:
    rates = {**DEFAULT_CHAT_RATE, **getattr(settings, "CHAT_MESSAGES_PER_HOUR", {})}
    return int(rates.get(band, rates["new"]))


def chat_max_links() -> int:
    return int(getattr(settings, "CHAT_MAX_LINKS", 3))


def chat_max_contacts() -> int:
    return int(getattr(settings, "CHAT_MAX_CONTACT_DETAILS", 2))
