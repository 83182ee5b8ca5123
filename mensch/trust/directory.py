"""Find the specialist: a need in one's own words, ranked by fit, trust and reliability.

Fit is the matching engine's one-sided value (how well a member's offers meet
the need, with the same floors the engine uses for asks); trust can lift a
good fit but never make up for a poor one, and nobody can pay to be listed.
The engine is fitted on the community's texts once and kept until a profile,
ask or offer changes; each search only encodes the need.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db.models import Prefetch

from mensch.accounts.models import User
from mensch.connections.models import Block
from mensch.engine.matching import MatchEngine
from mensch.engine.matching import Profile as EngineProfile
from mensch.engine.matching.reasons import phrase
from mensch.matching.services import engine_profile
from mensch.profiles.models import Ask, Offer, Profile
from mensch.profiles.selectors import visible_profiles
from mensch.trust.models import Endorsement, TrustScore
from mensch.trust.selectors import BAND_WORDS, band_of

NEED_MAX = 500
# A member whose offers meet the need less than this is not listed at all.
MIN_FIT = 0.05
# Trust lifts a fit by at most this share: fit * (1 - LIFT + LIFT * trust).
TRUST_LIFT = 0.4
REMOTE_WORDS = re.compile(r"\b(remote|remotely|online|video call|anywhere|worldwide)\b", re.I)

_cache_lock = threading.Lock()
_cache: dict[int, MatchEngine] = {}


@dataclass
class Specialist:
    profile: Profile
    fit: float
    trust: TrustScore | None
    rank_value: float
    offer: Offer | None  # the offer that meets the need best
    reason: str
    why: str = ""
    endorsements: list[Endorsement] = field(default_factory=list)

    @property
    def band(self) -> str:
        return band_of(self.trust)

    @property
    def band_words(self) -> str:
        return BAND_WORDS[self.band]


def _community() -> list[Profile]:
    return list(
        visible_profiles()
        .select_related("user")
        .prefetch_related(
            Prefetch("asks", queryset=Ask.objects.order_by("position", "id")),
            Prefetch("offers", queryset=Offer.objects.order_by("position", "id")),
        )
        .order_by("pk")
    )


def _engine(profiles: list[EngineProfile]) -> MatchEngine:
    key = hash(tuple(profiles))
    with _cache_lock:
        engine = _cache.get(key)
        if engine is None:
            engine = MatchEngine(
                profiles, model=getattr(settings, "MATCH_MODEL", "lexical"), reciprocal=False
            )
            _cache.clear()  # one community per process: keep only the latest fit
            _cache[key] = engine
    return engine


def _need_fit(engine: MatchEngine, need: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fit of each row's offers to the need, and the position of the offer that fits best."""
    vector = np.asarray(engine.model.encode([need]), dtype=np.float32)[0]
    norm = float(np.linalg.norm(vector))
    if norm == 0 or len(rows) == 0:
        return np.zeros(len(rows)), np.zeros(len(rows), dtype=np.int64)
    vector = vector / norm
    f = engine.offers[rows] @ vector
    fit = engine.scorer.values(f.astype(np.float64), None, np.zeros(len(rows)))
    item_vectors = engine.items.vectors[engine.items.offers[rows]]  # rows x items x dim
    best = (item_vectors @ vector).argmax(axis=1)
    return fit, best


def _filtered(
    profiles: list[Profile], viewer: User, location: str, language: str, remote: bool
) -> list[Profile]:
    blocked = set(Block.objects.filter(blocker=viewer).values_list("blocked_id", flat=True))
    blocked |= set(Block.objects.filter(blocked=viewer).values_list("blocker_id", flat=True))
    out = []
    for profile in profiles:
        if profile.user_id == viewer.pk or profile.user_id in blocked:
            continue
        if location and location.lower() not in profile.location.lower():
            continue
        if language and not any(
            language.lower() in known.lower() for known in profile.language_list
        ):
            continue
        if remote and not _works_remotely(profile):
            continue
        out.append(profile)
    return out


def _works_remotely(profile: Profile) -> bool:
    texts = [profile.location, profile.headline, profile.what_i_do]
    texts += [offer.text for offer in profile.offers.all()]
    return any(REMOTE_WORDS.search(text) for text in texts)


def find_specialists(
    *,
    viewer: User,
    need: str,
    location: str = "",
    language: str = "",
    remote: bool = False,
    limit: int = 20,
) -> list[Specialist]:
    """Members whose offers meet ``need``, best first, each with why and verified endorsements."""
    need = " ".join(need.split())[:NEED_MAX]
    if not need:
        return []
    community = _community()
    if not community:
        return []
    engine = _engine([engine_profile(p, engine_id=str(p.pk)) for p in community])
    candidates = _filtered(community, viewer, location.strip(), language.strip(), remote)
    if not candidates:
        return []
    rows = np.array([engine.row_of(str(p.pk)) for p in candidates], dtype=np.int64)
    fit, best = _need_fit(engine, need, rows)
    keep = [i for i in range(len(candidates)) if fit[i] >= MIN_FIT]
    if not keep:
        return []
    scores = {
        s.member_id: s
        for s in TrustScore.objects.filter(member_id__in=[candidates[i].user_id for i in keep])
    }
    found = []
    for i in keep:
        profile = candidates[i]
        trust = scores.get(profile.user_id)
        value = float(fit[i]) * (1 - TRUST_LIFT + TRUST_LIFT * (trust.score if trust else 0.0))
        offers = list(profile.offers.all())
        offer = offers[int(best[i])] if offers and int(best[i]) < len(offers) else None
        found.append(Specialist(profile, float(fit[i]), trust, value, offer, ""))
    found.sort(key=lambda s: (-s.rank_value, -s.fit, s.profile.pk))
    chosen = found[:limit]
    _attach_endorsements(chosen)
    for specialist in chosen:
        specialist.reason = _reason(specialist)
        specialist.why = _why(specialist)
    return chosen


def _attach_endorsements(specialists: list[Specialist]) -> None:
    by_member: dict[int, list[Endorsement]] = {}
    for endorsement in (
        Endorsement.objects.filter(
            member_id__in=[s.profile.user_id for s in specialists],
            hidden_at__isnull=True,
            removed_at__isnull=True,
        )
        .select_related("author__profile", "offer")
        .order_by("-updated_at", "-id")
    ):
        by_member.setdefault(endorsement.member_id, []).append(endorsement)
    for specialist in specialists:
        endorsements = by_member.get(specialist.profile.user_id, [])
        # Endorsements of the offer that meets the need come first.
        offer_id = specialist.offer.pk if specialist.offer else None
        endorsements.sort(key=lambda e: e.offer_id != offer_id)
        specialist.endorsements = endorsements


def _reason(s: Specialist) -> str:
    first = s.profile.user.first_name
    if s.offer is not None:
        return f"{first} offers {phrase(s.offer.text)}, which is what you need."
    return f"{first}'s work ({phrase(s.profile.headline)}) fits your need."


def _why(s: Specialist) -> str:
    first = s.profile.user.first_name
    parts = [s.reason]
    if s.trust is not None and s.trust.vouchers:
        people = "1 member" if s.trust.vouchers == 1 else f"{s.trust.vouchers} members"
        parts.append(
            f"Trust: {BAND_WORDS[s.band]} — {people} confirmed meeting or working with {first}."
        )
    else:
        parts.append(f"Trust: {BAND_WORDS[s.band]} — no verified interactions yet.")
    count = sum(1 for e in s.endorsements if s.offer is not None and e.offer_id == s.offer.pk)
    if count:
        parts.append(f"{count} verified endorsement{'s' if count != 1 else ''} of this offer.")
    return " ".join(parts)


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()
