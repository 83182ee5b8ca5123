"""Dashboard card: your trust band and the endorsements you received."""

from __future__ import annotations

from mensch.accounts.models import User
from mensch.trust.models import Endorsement
from mensch.trust.selectors import BAND_WORDS, band_of, trust_of
from mensch.web.cards import DashboardCard


def card(member: User) -> DashboardCard | None:
    score = trust_of(member)
    band = band_of(score)
    received = list(
        Endorsement.objects.filter(member=member, hidden_at__isnull=True, removed_at__isnull=True)
        .select_related("author", "offer")
        .order_by("-updated_at", "-id")[:3]
    )
    count = Endorsement.objects.filter(
        member=member, hidden_at__isnull=True, removed_at__isnull=True
    ).count()
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
