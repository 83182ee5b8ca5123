"""Find the specialist: a need in one's own words, ranked by fit, trust and reliability.

Fit is the matching engine's one-sided value (how well a member's offers meet
the need, with the same floors the engine uses for asks); trust can lift a
good fit but never make up for a poor one, and nobody can pay to be listed.
The need is ranked against the whole community by the process's shared, warm
engine (:func:`mensch.matching.shared.shared_engine`); only the best-ranked
members' rows are then read from the database, filtered and ordered by trust. The page
takes them as plain values (:func:`find_specialist_rows`, written out by
:mod:`mensch.trust.rows`), the API as model objects (:func:`find_specialists`).
"""

from __future__ import annotations

import functools
import re
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import Q
from numpy.typing import NDArray

from mensch.accounts.models import User
from mensch.connections.selectors import blocked_ids
from mensch.core import statements
from mensch.core.statements import instance
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
    """Members the viewer blocked or was blocked by."""
    return blocked_ids(viewer) - {viewer.pk}


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


@dataclass(slots=True)
class Candidate:
    """A ranked member who passed the filters, with what the page shows of them and their
    trust, read as plain values."""

    match: NeedMatch
    user_id: int
    profile_id: int
    first_name: str
    last_name: str
    headline: str
    industry: str
    location: str
    languages: str
    trust_id: int | None  # and the member's trust: its id, score, band and vouchers
    score: float | None
    band: str | None
    vouchers: int | None


@functools.cache
def _screen_sql(vendor: str, remote: bool) -> tuple[str, tuple[Any, ...]]:
    """The statement :func:`_screen_rows` runs, up to the test of its user ids
    (:func:`_among`), and the rule's parameters (the same for every search: built once a
    process). What members say they do
    is read for the remote filter only (the longest text, needed by nothing else)."""
    del vendor  # the cache's key: the SQL differs by database
    visible, params = statements.where_once(visible_profiles)
    profile, user = statements.table(Profile), statements.table(User)
    trust = statements.table(TrustScore)
    what_i_do = f"{profile}.what_i_do" if remote else "''"  # else an empty text in its place
    # Tables from the models, the rule's values bound:
    sql = (
        f"SELECT {profile}.user_id, {profile}.id, {profile}.location, {profile}.languages,"  # noqa: S608
        f" {profile}.headline, {what_i_do}, {user}.first_name, {user}.last_name,"
        f" {profile}.industry, t.id, t.score, t.band, t.vouchers FROM {profile}"
        f" INNER JOIN {user} ON {user}.id = {profile}.user_id"
        f" LEFT OUTER JOIN {trust} t ON t.member_id = {profile}.user_id"
        f" WHERE {visible} AND {profile}.user_id"
    )
    return sql, tuple(params)


def _among(ids: list[int]) -> tuple[str, list[Any]]:
    """``IN`` these ids, as SQL to follow a column, with its parameters: on PostgreSQL one
    array (``= ANY``), so a statement has one text whatever the count and few parameters
    (psycopg converts a statement of more than 50 anew each time: the screen's hundred)."""
    if connection.vendor == "postgresql":
        return " = ANY(%s)", [ids]
    return f" IN ({', '.join(['%s'] * len(ids))})", ids


def _screen_rows(user_ids: list[int], remote: bool) -> dict[int, tuple[Any, ...]]:
    """These members' rows by user id, the visible ones only: user id, profile id, location,
    languages, headline, what they do (with ``remote``, else empty), first and last name,
    industry, and their trust's id, score, band and vouchers (none when not computed yet).
    One statement written out, the rule of who is visible applied as its queryset's SQL."""
    if not user_ids:
        return {}
    sql, params = _screen_sql(connection.vendor, remote)
    among, ids = _among(user_ids)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql}{among}", [*params, *ids])
        return {row[0]: row for row in cursor.fetchall()}


def _screen(
    matches: list[NeedMatch], location: str, language: str, remote: bool
) -> list[Candidate]:
    """The ranked members who are visible and pass the filters, in rank order.

    Reads plain values for these members only, with their trust (and their offers' texts
    when the remote filter asks for them): no model objects.
    """
    ids = [int(m.id) for m in matches]
    rows = _screen_rows(ids, remote)
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
        (
            _,
            pk,
            place,
            languages,
            headline,
            what_i_do,
            first,
            last,
            industry,
            trust_id,
            score,
            band,
            vouchers,
        ) = row
        if location and location.lower() not in place.lower():
            continue
        if language:
            known = [part.strip() for part in languages.split(",") if part.strip()]
            if not any(language.lower() in k.lower() for k in known):
                continue
        if remote and not any(
            REMOTE_WORDS.search(text)
            for text in [place, headline, what_i_do, *offers.get(user_id, [])]
        ):
            continue
        found.append(
            Candidate(
                match,
                user_id,
                pk,
                first,
                last,
                headline,
                industry,
                place,
                languages,
                trust_id,
                score,
                band,
                vouchers,
            )
        )
    return found


def _candidates(
    need: str, viewer: User, location: str, language: str, remote: bool, limit: int
) -> list[Candidate]:
    """Ranked members who pass the filters: at least ``limit`` of them when there are."""
    engine = shared_engine()
    exclude = {str(viewer.pk)} | {str(pk) for pk in _blocked(viewer)}
    only = _allowed(engine, location, language, remote)
    if only is not None and not only.any():
        return []
    pool = max(OVERFETCH * limit, MIN_POOL)
    seen = 0
    found: list[Candidate] = []
    while True:
        ranked = engine.rank_for_need(need, top=pool, exclude=exclude, only=only, min_score=MIN_FIT)
        page = ranked[seen:]
        if page:
            found += _screen(page, location, language, remote)
        seen = len(ranked)
        if len(found) >= limit or len(ranked) < pool:
            return found
        pool *= POOL_GROWTH


@dataclass(frozen=True, slots=True)
class BestOffer:
    """The offer of a specialist's that meets the need best, as plain values."""

    id: int
    text: str
    position: int


@dataclass(slots=True)
class EndorsementRow:
    """A verified endorsement anyone may read, as plain values: the endorsed offer's text,
    and the author's name and profile (``None`` only for an author without one)."""

    id: int
    member_id: int
    offer_id: int
    text: str
    basis: str
    basis_label: str
    updated_at: datetime
    author_id: int
    author_first_name: str
    author_last_name: str
    author_profile_id: int | None
    offer_text: str

    @property
    def author_name(self) -> str:
        return f"{self.author_first_name} {self.author_last_name}".strip()  # User.name


@dataclass(slots=True)
class SpecialistRow:
    """A specialist as plain values: who, how well they fit and how far trust lifts them,
    the offer that meets the need best, why, and their endorsements (the best offer's
    first, then newest first)."""

    member: Candidate
    rank_value: float
    offer: BestOffer | None
    endorsements: list[EndorsementRow] = field(default_factory=list)
    reason: str = ""
    why: str = ""

    @property
    def band(self) -> str:
        # selectors.band_of: the trust's band, or the band of no trust yet (no trust row).
        band = self.member.band
        return band if band is not None else _NO_TRUST_BAND

    @property
    def band_words(self) -> str:
        return BAND_WORDS[self.band]


_NO_TRUST_BAND = band_of(None)


def _best_offers(chosen: list[tuple[Candidate, int]]) -> dict[int, BestOffer]:
    """The offer that meets the need best of each (candidate, position), by profile id: the
    position-th of the member's offers in their order, read as plain values."""
    wanted = {c.profile_id: best for c, best in chosen}
    if not wanted:
        return {}
    seen: dict[int, int] = {}
    found: dict[int, BestOffer] = {}
    offer = statements.table(Offer)
    among, ids = _among(list(wanted))
    with connection.cursor() as cursor:
        # The table from the model, values bound; the model's order within a member:
        cursor.execute(
            f"SELECT o.id, o.profile_id, o.text, o.position FROM {offer} o"  # noqa: S608
            f" WHERE o.profile_id{among} ORDER BY o.profile_id, o.position, o.id",
            ids,
        )
        rows = cursor.fetchall()
    for pk, profile_id, text, position in rows:
        index = seen.get(profile_id, 0)
        seen[profile_id] = index + 1
        if index == wanted[profile_id]:
            found[profile_id] = BestOffer(pk, text, position)
    return found


def find_specialist_rows(
    *,
    viewer: User,
    need: str,
    location: str = "",
    language: str = "",
    remote: bool = False,
    limit: int = 20,
) -> list[SpecialistRow]:
    """Members whose offers meet ``need``, best first, each with why and verified
    endorsements, as plain values (what the directory's page shows).

    Never reads the whole community: the shared engine ranks everyone, the best-ranked
    members (a few times ``limit``) are screened and ordered by trust as plain values
    (what the page shows of them read with it), and only the ``limit`` chosen ones' best
    offers and endorsements are read after.
    """
    need = " ".join(need.split())[:NEED_MAX]
    if not need or limit <= 0:
        return []
    candidates = _candidates(need, viewer, location.strip(), language.strip(), remote, limit)
    if not candidates:
        return []

    def rank_value(candidate: Candidate) -> float:
        lift = 1 - TRUST_LIFT + TRUST_LIFT * (candidate.score or 0.0)  # none yet: 0
        return candidate.match.score * lift

    ranked = [(rank_value(c), c) for c in candidates]
    ranked.sort(key=lambda pair: (-pair[0], -pair[1].match.score, pair[1].profile_id))
    ranked = ranked[:limit]
    offers = _best_offers(
        [(c, c.match.best_offer) for _, c in ranked if c.match.best_offer is not None]
    )
    chosen = [
        SpecialistRow(candidate, value, offers.get(candidate.profile_id))
        for value, candidate in ranked
    ]
    _attach_endorsements(chosen)
    for row in chosen:
        row.reason = _reason(row)
        row.why = _why(row)
    return chosen


def find_specialists(
    *,
    viewer: User,
    need: str,
    location: str = "",
    language: str = "",
    remote: bool = False,
    limit: int = 20,
) -> list[Specialist]:
    """:func:`find_specialist_rows` as model objects (the API's), with the columns not read
    deferred (read on use, never silently empty)."""
    rows = find_specialist_rows(
        viewer=viewer, need=need, location=location, language=language, remote=remote, limit=limit
    )
    return [_specialist(row) for row in rows]


def _specialist(row: SpecialistRow) -> Specialist:
    member = row.member
    profile = instance(
        Profile,
        id=member.profile_id,
        user_id=member.user_id,
        headline=member.headline,
        industry=member.industry,
        location=member.location,
        languages=member.languages,
    )
    profile.user = instance(
        User, id=member.user_id, first_name=member.first_name, last_name=member.last_name
    )
    trust = None
    if member.trust_id is not None:
        trust = instance(
            TrustScore,
            id=member.trust_id,
            member_id=member.user_id,
            score=member.score,
            band=member.band,
            vouchers=member.vouchers,
        )
    offer = None
    if row.offer is not None:
        offer = instance(
            Offer,
            id=row.offer.id,
            profile_id=member.profile_id,
            text=row.offer.text,
            position=row.offer.position,
        )
    return Specialist(
        profile,
        member.match.score,
        trust,
        row.rank_value,
        offer,
        row.reason,
        row.why,
        [_endorsement(e) for e in row.endorsements],
    )


def _endorsement(row: EndorsementRow) -> Endorsement:
    endorsement = instance(
        Endorsement,
        id=row.id,
        member_id=row.member_id,
        offer_id=row.offer_id,
        author_id=row.author_id,
        text=row.text,
        basis=row.basis,
        basis_label=row.basis_label,
        updated_at=row.updated_at,
    )
    author = instance(
        User, id=row.author_id, first_name=row.author_first_name, last_name=row.author_last_name
    )
    if row.author_profile_id is not None:
        # Sets author.profile too (a one-to-one's other side).
        instance(Profile, id=row.author_profile_id, user_id=row.author_id).user = author
    endorsement.author = author
    endorsement.offer = instance(Offer, id=row.offer_id, text=row.offer_text)
    return endorsement


@functools.cache
def _endorsement_sql(vendor: str) -> tuple[str, str, tuple[Any, ...]]:
    """The statement :func:`_endorsement_rows` runs, before and after the test of its member
    ids (:func:`_among`), and the rule's parameters (the same for every search: built once
    a process)."""
    del vendor  # the cache's key: the SQL differs by database
    shown = Endorsement.objects.filter(hidden_at__isnull=True, removed_at__isnull=True)
    rule, params = statements.where(shown)
    endorsement, user = statements.table(Endorsement), statements.table(User)
    profile, offer = statements.table(Profile), statements.table(Offer)
    # Tables from the models, values bound:
    head = (
        f"SELECT {endorsement}.id, {endorsement}.member_id, {endorsement}.offer_id,"  # noqa: S608
        f" {endorsement}.text, {endorsement}.basis, {endorsement}.basis_label,"
        f" {endorsement}.updated_at, {endorsement}.author_id, u.first_name, u.last_name,"
        f" p.id, o.text FROM {endorsement}"
        f" INNER JOIN {user} u ON u.id = {endorsement}.author_id"
        f" LEFT OUTER JOIN {profile} p ON p.user_id = {endorsement}.author_id"
        f" INNER JOIN {offer} o ON o.id = {endorsement}.offer_id"
        f" WHERE {rule} AND {endorsement}.member_id"
    )
    tail = f" ORDER BY {endorsement}.updated_at DESC, {endorsement}.id DESC"
    return head, tail, tuple(params)


@functools.cache
def _updated_at(vendor: str) -> Callable[[Any], Any]:
    del vendor  # the cache's key: the conversion differs by database
    return statements.column_reader(Endorsement, "updated_at")


def _endorsement_rows(member_ids: list[int]) -> list[EndorsementRow]:
    """These members' endorsements anyone may read, newest first. One statement written
    out, the rule of which are shown applied as its queryset's SQL, the update time
    converted as the ORM does."""
    head, tail, params = _endorsement_sql(connection.vendor)
    among, ids = _among(member_ids)
    with connection.cursor() as cursor:
        cursor.execute(f"{head}{among}{tail}", [*params, *ids])
        rows = cursor.fetchall()
    updated_at = _updated_at(connection.vendor)
    found = []
    for pk, member, offer, text, basis, label, at, author, first, last, page, offer_text in rows:
        found.append(
            EndorsementRow(
                pk,
                member,
                offer,
                text,
                basis,
                label,
                updated_at(at),
                author,
                first,
                last,
                page,
                offer_text,
            )
        )
    return found


def _attach_endorsements(specialists: list[SpecialistRow]) -> None:
    by_member: dict[int, list[EndorsementRow]] = {}
    for row in _endorsement_rows([s.member.user_id for s in specialists]):
        by_member.setdefault(row.member_id, []).append(row)
    for specialist in specialists:
        endorsements = by_member.get(specialist.member.user_id, [])
        # Endorsements of the offer that meets the need come first.
        offer_id = specialist.offer.id if specialist.offer else None
        endorsements.sort(key=lambda e: e.offer_id != offer_id)
        specialist.endorsements = endorsements


def _reason(s: SpecialistRow) -> str:
    first = s.member.first_name
    if s.offer is not None:
        return f"{first} offers {phrase(s.offer.text)}, which is what you need."
    return f"{first}'s work ({phrase(s.member.headline)}) fits your need."


def _why(s: SpecialistRow) -> str:
    first = s.member.first_name
    parts = [s.reason]
    if s.member.trust_id is not None and s.member.vouchers:
        vouchers = s.member.vouchers
        people = "1 member" if vouchers == 1 else f"{vouchers} members"
        parts.append(
            f"Trust: {BAND_WORDS[s.band]} — {people} confirmed meeting or working with {first}."
        )
    else:
        parts.append(f"Trust: {BAND_WORDS[s.band]} — no verified interactions yet.")
    count = sum(1 for e in s.endorsements if s.offer is not None and e.offer_id == s.offer.id)
    if count:
        parts.append(f"{count} verified endorsement{'s' if count != 1 else ''} of this offer.")
    return " ".join(parts)


def clear_cache() -> None:
    """Forget this process's warm engine (tests start from an empty community)."""
    forget()
    with _filters_lock:
        _filters.clear()
