"""Dashboard card: your trust band and the endorsements you received."""

from __future__ import annotations

from mensch.accounts.models import User
from mensch.core.cards import DashboardCard
from mensch.trust.selectors import BAND_WORDS, band_of, trust_of, visible_endorsements


def card(member: User) -> DashboardCard | None:
    score = trust_of(member)
    band = band_of(score)
    endorsements = visible_endorsements(member)
    received = list(endorsements[:3])
    count = endorsements.count()
    return DashboardCard(
        title="Your trust",
        template="trust/dashboard_card.html",
        context={
            "score": score,
            "band": band,
            "band_words": BAND_WORDS[band],
            "received": received,
            "count": count,
        },
    )
