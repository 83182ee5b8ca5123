"""Compute and store every member's trust over the verified-interaction graph."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.engine.trust import TrustInput, compute_trust, explain_trust, trust_band
from mensch.engine.trust.types import MemberId, Vouch
from mensch.trust import conf
from mensch.trust.interactions import verified_vouches
from mensch.trust.models import TrustScore
from mensch.trust.reliability import reliability_records

NO_SEED_HEADLINE = "Trust has not been computed yet: this community has no trusted seeds."
NO_SEED_REASON = (
    "Trust starts at organizers and long-standing members; once the community has one, "
    "it flows along meetings both sides confirmed and favours the receiver confirmed."
)


def _partners(vouches: list[Vouch]) -> dict[MemberId, set[MemberId]]:
    partners: dict[MemberId, set[MemberId]] = {}
    for vouch in vouches:
        partners.setdefault(vouch.source, set()).add(vouch.target)
        partners.setdefault(vouch.target, set()).add(vouch.source)
    return partners


def trust_seeds(
    members: list[tuple[int, bool, datetime]], vouches: list[Vouch], *, now: datetime
) -> list[int]:
    """Organizers, and members of long standing with verified interactions with several people.

    Age alone is not enough (an account can be left to ripen) and neither are
    interactions alone (a ring confirms meetings with itself): a seed needs both.
    """
    partners = _partners(vouches)
    cutoff = now - timedelta(days=conf.seed_min_days())
    needed = conf.seed_min_interactions()
    return [
        pk
        for pk, is_organizer, joined in members
        if is_organizer or (joined <= cutoff and len(partners.get(pk, ())) >= needed)
    ]


def trust_recompute(*, progress: Callable[[int], object] | None = None) -> int:
    """Replace every stored trust score; returns how many members were scored."""
    now = timezone.now()
    members = list(
        User.objects.filter(is_active=True)
        .order_by("pk")
        .values_list("pk", "is_organizer", "date_joined", "first_name", "last_name")
    )
    ids = [row[0] for row in members]
    active = set(ids)
    vouches = verified_vouches(active)
    seeds = trust_seeds([(pk, org, joined) for pk, org, joined, _, _ in members], vouches, now=now)
    rows: list[TrustScore] = []
    if ids and seeds:
        names: dict[MemberId, str] = {
            pk: f"{first} {last}".strip() for pk, _, _, first, last in members
        }
        result = compute_trust(
            TrustInput(ids, vouches, seeds, reliability_records(active), names=names)
        )
        for done, pk in enumerate(ids, start=1):
            trust = result[pk]
            explanation = explain_trust(result, pk)
            rows.append(
                TrustScore(
                    member_id=pk,
                    score=trust.score,
                    display=trust.display,
                    band=trust_band(trust.display),
                    rank=trust.rank,
                    reliability=trust.reliability,
                    vouchers=trust.vouchers,
                    is_seed=trust.is_seed,
                    headline=explanation.headline[:300],
                    reasons=list(explanation.reasons),
                    computed_at=now,
                )
            )
            if progress is not None and done % 50 == 0:
                progress(50)
        if progress is not None and len(ids) % 50:
            progress(len(ids) % 50)
    else:
        rows = [
            TrustScore(
                member_id=pk,
                score=0.0,
                display=0,
                band=trust_band(0),
                rank=rank,
                reliability=0.0,
                vouchers=0,
                is_seed=False,
                headline=NO_SEED_HEADLINE,
                reasons=[NO_SEED_REASON],
                computed_at=now,
            )
            for rank, pk in enumerate(ids, start=1)
        ]
        if progress is not None:
            progress(len(ids))
    with transaction.atomic():
        TrustScore.objects.all().delete()
        TrustScore.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
