"""Find the specialist: a need in one's own words, ranked by fit, trust and reliability.

Fit is the matching engine's one-sided value (how well a member's offers meet
the need, with the same floors the engine uses for asks); trust can lift a
good fit but never make up for a poor one, and nobody can pay to be listed.
The need is ranked against the whole community by the process's shared, warm
engine (:func:`mensch.matching.shared.shared_engine`); only the best-ranked
members' rows are then read from the database, filtered and ordered by trust.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Prefetch, Q
from numpy.typing import NDArray

from mensch.accounts.models import User
from mensch.connections.models import Block
from mensch.engine.matching import MatchEngine, NeedMatch
from mensch.engine.matching.reasons import phrase
from mensch.matching.shared import forget, shared_engine
from mensch.profiles.models import Offer, Profile
from mensch.profiles.selectors import visible_profiles
from mensch.trust.models import Endorsement, TrustScore
from mensch.trust.selectors import BAND_WORDS, band_of

NEED_MAX = 500
# A member whose offers meet the need less than this is not listed at all.
MIN_FIT = 0.05
# Trust lifts a fit by at most this share: fit * (1 - LIFT + LIFT * trust).
TRUST_LIFT = 0.4
REMOTE_WORDS = re.compile(r"\b(remote|remotely|online|video call|anywhere|worldwide)\b", re.I)
REMOTE_TERMS = ("remote", "online", "video call", "anywhere", "worldwide")  # loose, for SQL
# Filters kept per engine (location, language, remote -> admitted rows): at most this many.
MAX_FILTERS = 256
_filters_lock = threading.Lock()
_filters: dict[object, object] = {}
# Members read per page of the ranking: OVERFETCH times the results wanted (at least
# MIN_POOL), so trust can reorder them and filters can drop some; when the filters leave
# fewer than wanted, the next page is POOL_GROWTH times larger.
OVERFETCH = 5
MIN_POOL = 50
POOL_GROWTH = 4


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


def _blocked(viewer: User) -> set[int]:
    """Members the viewer blocked or was blocked by, in one query."""
    rows = Block.objects.filter(Q(blocker=viewer) | Q(blocked=viewer)).values_list(
        "blocker_id", "blocked_id"
    )
    return {other for pair in rows for other in pair} - {viewer.pk}


def _allowed(
    engine: MatchEngine, location: str, language: str, remote: bool
) -> NDArray[np.bool_] | None:
    """The engine rows a location, language or remote filter admits, or None for no filter.

    Read as plain ids in one query and kept for as long as the engine is (filters repeat:
    a city, a language), so a filtered search costs no more than a plain one. Words are
    matched loosely here (``icontains``); :func:`_screen` checks each result exactly on
    fresh values.
    """
    if not location and not language and not remote:
        return None
    key = (location.lower(), language.lower(), remote)
    with _filters_lock:
        if _filters_engine() is not engine:
            _filters.clear()
            _filters["engine"] = weakref.ref(engine)  # never keeps an old engine alive
        found = _filters.get(key)
    if isinstance(found, np.ndarray):
        return found
    queryset = visible_profiles()
    if location:
        queryset = queryset.filter(location__icontains=location)
    if language:
        queryset = queryset.filter(languages__icontains=language)
    if remote:
        wanted = Q()
        offers = Q()
        for word in REMOTE_TERMS:
            wanted |= (
                Q(location__icontains=word)
                | Q(headline__icontains=word)
                | Q(what_i_do__icontains=word)
            )
            offers |= Q(text__icontains=word)
        queryset = queryset.filter(
            wanted | Q(pk__in=Offer.objects.filter(offers).values("profile_id"))
        )
    mask = engine.mask_of({str(pk) for pk in queryset.values_list("user_id", flat=True)})
    with _filters_lock:
        if _filters_engine() is engine and len(_filters) <= MAX_FILTERS:
            _filters[key] = mask
    return mask


def _filters_engine() -> MatchEngine | None:
    ref = _filters.get("engine")
    return ref() if isinstance(ref, weakref.ref) else None


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A ranked member who passed the filters, read as plain values."""

    match: NeedMatch
    user_id: int
    profile_id: int


def _screen(
    matches: list[NeedMatch], location: str, language: str, remote: bool
) -> list[_Candidate]:
    """The ranked members who are visible and pass the filters, in rank order.

    Reads plain values for these members only (and their offers' texts when the remote
    filter asks for them): no model objects.
    """
    ids = [int(m.id) for m in matches]
    rows = {
        user_id: (pk, place, languages, texts)
        for user_id, pk, place, languages, *texts in visible_profiles()
        .filter(user_id__in=ids)
        .values_list("user_id", "pk", "location", "languages", "headline", "what_i_do")
    }
    offers: dict[int, list[str]] = {}
    if remote:
        for user_id, text in Offer.objects.filter(profile__user_id__in=list(rows)).values_list(
            "profile__user_id", "text"
        ):
            offers.setdefault(user_id, []).append(text)
    found = []
    for match, user_id in zip(matches, ids, strict=True):
        row = rows.get(user_id)
        if row is None:
            continue  # hidden, deactivated or gone since the engine was built
        pk, place, languages, texts = row
        if location and location.lower() not in place.lower():
            continue
        known = [part.strip() for part in languages.split(",") if part.strip()]
        if language and not any(language.lower() in k.lower() for k in known):
            continue
        if remote and not any(
            REMOTE_WORDS.search(text) for text in [place, *texts, *offers.get(user_id, [])]
        ):
            continue
        found.append(_Candidate(match, user_id, pk))
    return found


def _candidates(
    need: str, viewer: User, location: str, language: str, remote: bool, limit: int
) -> list[_Candidate]:
    """Ranked members who pass the filters: at least ``limit`` of them when there are."""
    engine = shared_engine()
    exclude = {str(viewer.pk)} | {str(pk) for pk in _blocked(viewer)}
    only = _allowed(engine, location, language, remote)
    if only is not None and not only.any():
        return []
    pool = max(OVERFETCH * limit, MIN_POOL)
    seen = 0
    found: list[_Candidate] = []
    while True:
        ranked = engine.rank_for_need(need, top=pool, exclude=exclude, only=only, min_score=MIN_FIT)
        page = ranked[seen:]
        if page:
            found += _screen(page, location, language, remote)
        seen = len(ranked)
        if len(found) >= limit or len(ranked) < pool:
            return found
        pool *= POOL_GROWTH


def _read(user_ids: list[int]) -> dict[int, Profile]:
    """The chosen members' profiles with their offers, by user id."""
    profiles = (
        Profile.objects.filter(user_id__in=user_ids)
        .defer("search_document", "search_vector")
        .select_related("user")
        .prefetch_related(Prefetch("offers", queryset=Offer.objects.order_by("position", "id")))
    )
    return {profile.user_id: profile for profile in profiles}


def find_specialists(
    *,
    viewer: User,
    need: str,
    location: str = "",
    language: str = "",
    remote: bool = False,
    limit: int = 20,
) -> list[Specialist]:
    """Members whose offers meet ``need``, best first, each with why and verified endorsements.

    Never reads the whole community: the shared engine ranks everyone, the best-ranked
    members (a few times ``limit``) are screened and ordered by trust as plain values,
    and only the ``limit`` chosen ones are read as profiles with their offers.
    """
    need = " ".join(need.split())[:NEED_MAX]
    if not need or limit <= 0:
        return []
    candidates = _candidates(need, viewer, location.strip(), language.strip(), remote, limit)
    if not candidates:
        return []
    scores = {
        s.member_id: s
        for s in TrustScore.objects.filter(member_id__in=[c.user_id for c in candidates])
    }

    def rank_value(candidate: _Candidate) -> float:
        trust = scores.get(candidate.user_id)
        lift = 1 - TRUST_LIFT + TRUST_LIFT * (trust.score if trust else 0.0)
        return candidate.match.score * lift

    ordered = sorted(candidates, key=lambda c: (-rank_value(c), -c.match.score, c.profile_id))[
        :limit
    ]
    profiles = _read([c.user_id for c in ordered])
    chosen = []
    for candidate in ordered:
        profile = profiles.get(candidate.user_id)
        if profile is None:
            continue  # deleted a moment ago
        offers = list(profile.offers.all())
        best = candidate.match.best_offer
        offer = offers[best] if best is not None and best < len(offers) else None
        trust = scores.get(candidate.user_id)
        chosen.append(
            Specialist(profile, candidate.match.score, trust, rank_value(candidate), offer, "")
        )
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
    """Forget this process's warm engine (tests start from an empty community)."""
    forget()
    with _filters_lock:
        _filters.clear()
