"""MatchEngine: reciprocal recommendations with reasons, diversity and fair exposure."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from mensch.engine.matching.bounds import OfferBounds, top_rows
from mensch.engine.matching.index import CandidateIndex, IndexSettings
from mensch.engine.matching.models import Match, Profile, TextModel
from mensch.engine.matching.reasons import MAX_ITEMS, ItemTable, explain
from mensch.engine.matching.registry import get_model
from mensch.engine.matching.rerank import (
    UNKNOWN_INDUSTRY,
    DiversitySettings,
    ExposureSettings,
    allocate,
    diversify,
)
from mensch.engine.matching.scoring import PairScorer, estimate_floors
from mensch.engine.matching.sense import rerank_pools
from mensch.engine.matching.threads import single_threaded_blas


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Tuning knobs; the defaults are what ``mensch match`` uses."""

    mutual_bonus: float = 0.5  # weight of min(f, r): mutual help over one-sided help
    lookalike_threshold: float = 0.3  # offer-offer similarity tolerated before the penalty
    lookalike_penalty: float = 1.5  # 0 disables the look-alike penalty
    headline_weight: float = 0.5  # the headline counts as this much of an offer
    min_score: float = 0.02  # pairs worth less are never recommended
    pool_factor: int = 4  # candidates kept per member before re-ranking: pool_factor * top
    min_pool: int = 30
    diversity: DiversitySettings = field(default_factory=DiversitySettings)
    exposure: ExposureSettings = field(default_factory=ExposureSettings)
    index: IndexSettings = field(default_factory=IndexSettings)


@dataclass(frozen=True, slots=True)
class NeedMatch:
    """A member whose offers meet a need: their id, the score in [0, 1], and the position
    of their offer that meets it best (``None`` when their headline stands in)."""

    id: str
    score: float
    best_offer: int | None


class EmbeddingStore(Protocol):
    """Where text embeddings are kept between runs, keyed by model and text digest.

    Only models whose vectors do not depend on the corpus (``stable_vectors = True``, the
    semantic model) use it: a lexical model is refitted on every run.
    """

    def load(self, model: str, digests: Sequence[str]) -> dict[str, NDArray[np.float32]]: ...

    def save(self, model: str, vectors: Mapping[str, NDArray[np.float32]]) -> None: ...


def text_digest(text: str) -> str:
    """The key of one text's stored embedding (32 hex digits of its SHA-256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class MatchEngine:
    """Recommendations for a fixed set of profiles.

    Building the engine fits the text model on every ask, offer and headline and
    builds the candidate index; queries are then cheap. ``reciprocal=False``
    scores a candidate only by how well their offers meet the member's asks
    (the one-sided baseline used by the evaluation).
    """

    def __init__(
        self,
        profiles: Sequence[Profile],
        *,
        model: str | TextModel = "lexical",
        reciprocal: bool = True,
        settings: MatchSettings | None = None,
        embeddings: EmbeddingStore | None = None,
    ) -> None:
        self.profiles: list[Profile] = list(profiles)
        self.embeddings = embeddings
        self.embedded = 0  # texts the model had to embed (not found in ``embeddings``)
        self.settings = settings or MatchSettings()
        self.reciprocal = reciprocal
        self._row: dict[str, int] = {}
        for row, profile in enumerate(self.profiles):
            if profile.id in self._row:
                raise ValueError(f"duplicate profile id {profile.id!r}")
            self._row[profile.id] = row
        self.model: TextModel = get_model(model) if isinstance(model, str) else model
        self.asks, self.offers, self.items = self._encode()
        # Keys that bound every member's offer similarity to a need (rank_for_need).
        self.need_bounds = OfferBounds.fit(self.offers)
        help_floor, alike_floor = estimate_floors(self.asks, self.offers)
        self.help_floor = help_floor
        self.scorer = PairScorer(
            reciprocal=reciprocal,
            mutual_bonus=self.settings.mutual_bonus,
            lookalike_threshold=self.settings.lookalike_threshold,
            lookalike_penalty=self.settings.lookalike_penalty,
            help_floor=help_floor,
            alike_floor=alike_floor,
        )
        self.visible = np.array([not p.hidden for p in self.profiles], dtype=bool)
        self._industry_code: dict[str, int] = {}
        self.industries = _industry_codes(self.profiles, self._industry_code)
        self._index: CandidateIndex | None = None
        self._index_lock = threading.Lock()

    @property
    def index(self) -> CandidateIndex:
        """The candidate index, built on first use: a directory that only ranks needs never
        pays for it."""
        if self._index is None:
            with self._index_lock:
                if self._index is None:
                    self._index = CandidateIndex(
                        self.asks, self.offers, self.visible, self.scorer, self.settings.index
                    )
        return self._index

    # -- building ----------------------------------------------------------------

    def _encode(self) -> tuple[NDArray[np.float32], NDArray[np.float32], ItemTable]:
        texts: dict[str, int] = {}

        def text_id(text: str) -> int:
            return texts.setdefault(text, len(texts))

        n = len(self.profiles)
        ask_ids = [[text_id(item.text) for item in p.asks] for p in self.profiles]
        offer_ids = [[text_id(item.text) for item in p.offers] for p in self.profiles]
        headline_ids = [text_id(p.headline) if p.headline else -1 for p in self.profiles]
        unique = list(texts)
        # An all-zero 1 x 1 table when nobody wrote anything.
        vectors = self._vectors(unique) if unique else np.zeros((1, 1), dtype=np.float32)
        n_texts, dim = vectors.shape
        weight = self.settings.headline_weight
        offer_lists = [
            [(t, 1.0) for t in offer_ids[i]]
            + ([(headline_ids[i], weight)] if headline_ids[i] >= 0 else [])
            for i in range(n)
        ]
        ask_lists = [[(t, 1.0) for t in ask_ids[i]] for i in range(n)]
        asks = _normalise(_side_matrix(ask_lists, n_texts) @ vectors)
        offers = _normalise(_side_matrix(offer_lists, n_texts) @ vectors)
        padded = np.vstack([vectors, np.zeros((1, dim), dtype=np.float32)])
        headline_offer = np.array(
            [not offer_ids[i] and headline_ids[i] >= 0 for i in range(n)], dtype=bool
        )
        reason_offers = [[headline_ids[i]] if headline_offer[i] else offer_ids[i] for i in range(n)]
        table = ItemTable(
            vectors=padded,
            asks=_pad([*ask_ids, []], n_texts),
            offers=_pad([*reason_offers, []], n_texts),
            headline_offer=headline_offer,
        )
        return asks, offers, table

    def _vectors(self, texts: list[str]) -> NDArray[np.float32]:
        """Unit vectors of ``texts``: from the store where kept, the rest embedded (and kept)."""
        store = self.embeddings
        key = getattr(self.model, "embedding_key", "")
        if store is None or not getattr(self.model, "stable_vectors", False) or not key:
            self.model.fit(texts)
            self.embedded = len(texts)
            return _normalise(np.asarray(self.model.encode(texts), dtype=np.float32))
        digests = [text_digest(text) for text in texts]
        known = store.load(key, digests)
        missing = [i for i, digest in enumerate(digests) if digest not in known]
        fresh = np.zeros((0, 0), dtype=np.float32)
        if missing:
            self.model.fit([texts[i] for i in missing])
            fresh = _normalise(
                np.asarray(self.model.encode([texts[i] for i in missing]), dtype=np.float32)
            )
            store.save(key, {digests[i]: fresh[j] for j, i in enumerate(missing)})
        self.embedded = len(missing)
        dim = fresh.shape[1] if missing else len(next(iter(known.values())))
        vectors = np.zeros((len(texts), dim), dtype=np.float32)
        for row, digest in enumerate(digests):
            if digest in known:
                vectors[row] = known[digest]
        if missing:
            vectors[missing] = fresh
        return vectors

    def update_profile(self, profile: Profile) -> bool:
        """Take one member's changed profile in place (their vectors, reason items and
        industry); ``False`` when only a new engine can take it: a member not in this one,
        or one whose visibility changed.

        The text model is not refitted and the similarity floors are kept, so with a
        lexical model new words count only after the next rebuild; the semantic model's
        vectors are exactly what a rebuild gives.
        """
        row = self._row.get(profile.id)
        if row is None or bool(self.visible[row]) == profile.hidden:
            return False
        asks = [item.text for item in profile.asks]
        offers = [item.text for item in profile.offers]
        texts = list(
            dict.fromkeys([*asks, *offers, *([profile.headline] if profile.headline else [])])
        )
        old = self.items.vectors[:-1]
        dim = old.shape[1]
        fresh = self._encode_more(texts, dim) if texts else np.zeros((0, dim), np.float32)
        if fresh.shape[1] != dim:
            return False
        base = old.shape[0]
        position = {text: base + i for i, text in enumerate(texts)}
        weight = self.settings.headline_weight
        ask_sum = np.zeros(dim, dtype=np.float32)
        for text in asks:
            ask_sum += fresh[position[text] - base]
        offer_sum = np.zeros(dim, dtype=np.float32)
        for text in offers:
            offer_sum += fresh[position[text] - base]
        if profile.headline:
            offer_sum += weight * fresh[position[profile.headline] - base]
        self.asks[row] = _normalise(ask_sum[None, :])[0]
        self.offers[row] = _normalise(offer_sum[None, :])[0]
        if self.need_bounds is not None:
            self.need_bounds.update(row, self.offers[row])
        # The reason table: new rows for the texts, the padding row kept last.
        pad_old, pad = base, base + len(texts)
        vectors = np.vstack([old, fresh, np.zeros((1, dim), dtype=np.float32)])
        headline_offer = self.items.headline_offer.copy()
        headline_offer[row] = not offers and bool(profile.headline)
        reason_offers = (
            [position[profile.headline]] if headline_offer[row] else [position[t] for t in offers]
        )
        tables = []
        for table, entries in (
            (self.items.asks, [position[t] for t in asks]),
            (self.items.offers, reason_offers),
        ):
            table = np.where(table == pad_old, pad, table)
            width = min(MAX_ITEMS, max(table.shape[1], len(entries)))
            if width > table.shape[1]:
                table = np.pad(table, ((0, 0), (0, width - table.shape[1])), constant_values=pad)
            table[row] = pad
            table[row, : min(width, len(entries))] = entries[:width]
            tables.append(table)
        self.items = ItemTable(
            vectors=vectors, asks=tables[0], offers=tables[1], headline_offer=headline_offer
        )
        key = " ".join(profile.industry.lower().split())
        self.industries[row] = (
            self._industry_code.setdefault(key, len(self._industry_code))
            if key
            else UNKNOWN_INDUSTRY
        )
        self.profiles[row] = profile
        return True

    def _encode_more(self, texts: list[str], dim: int) -> NDArray[np.float32]:
        """Vectors of texts for an engine already fitted: from the store where kept."""
        store = self.embeddings
        key = getattr(self.model, "embedding_key", "")
        if store is not None and getattr(self.model, "stable_vectors", False) and key:
            digests = [text_digest(text) for text in texts]
            known = store.load(key, digests)
            missing = [i for i, digest in enumerate(digests) if digest not in known]
            out = np.zeros((len(texts), dim), dtype=np.float32)
            if missing:
                new = _normalise(
                    np.asarray(self.model.encode([texts[i] for i in missing]), dtype=np.float32)
                )
                store.save(key, {digests[i]: new[j] for j, i in enumerate(missing)})
                out[missing] = new
            for i, digest in enumerate(digests):
                if digest in known:
                    out[i] = known[digest]
            self.embedded += len(missing)
            return out
        return _normalise(np.asarray(self.model.encode(texts), dtype=np.float32))

    # -- queries -----------------------------------------------------------------

    def has(self, profile_id: str) -> bool:
        return profile_id in self._row

    def row_of(self, profile_id: str) -> int:
        try:
            return self._row[profile_id]
        except KeyError:
            raise KeyError(f"no profile with id {profile_id!r}") from None

    def rank_for_need(
        self,
        need: str,
        top: int = 20,
        *,
        exclude: Collection[str] = (),
        only: Collection[str] | NDArray[np.bool_] | None = None,
        min_score: float = 0.0,
    ) -> list[NeedMatch]:
        """The ``top`` members whose offers meet a free-text need best, best first.

        Each member's score is the one-sided value of their offers (their headline
        standing in when they have none) for the need, with the same floor the
        engine uses for asks, from the fitted vectors: a search costs one encoding, one
        product with the members' short keys (:mod:`~mensch.engine.matching.bounds`) and
        an exact score for the few whose bound could reach the best.
        Hidden members, ids in ``exclude``, members not in ``only`` (ids, or a mask
        from :meth:`mask_of` for a filter used again and again) and scores below
        ``min_score`` are left out; ties keep profile order.
        ``best_offer`` is the position of the offer that meets the need best
        (``None`` when the headline stands in for offers).
        """
        if top <= 0 or not self.profiles:
            return []
        # One small product per search: a multi-threaded BLAS on a busy machine makes it
        # a hundred times slower, not faster.
        with single_threaded_blas():
            return self._rank_for_need(need, top, exclude, only, min_score)

    def _rank_for_need(
        self,
        need: str,
        top: int,
        exclude: Collection[str],
        only: Collection[str] | NDArray[np.bool_] | None,
        min_score: float,
    ) -> list[NeedMatch]:
        vector = self._need_vector(need)
        if vector is None:
            return []
        allowed = self.visible.copy()
        allowed[[self._row[i] for i in exclude if i in self._row]] = False
        if only is not None:
            allowed &= only if isinstance(only, np.ndarray) else self.mask_of(only)
        return self._need_matches(vector, *self._top_rows(vector, allowed, top, min_score))

    def _need_vector(self, need: str) -> NDArray[np.float32] | None:
        vector = np.asarray(self.model.encode([need]), dtype=np.float32).reshape(-1)
        if vector.shape[0] != self.offers.shape[1]:
            return None  # an empty vocabulary: nothing anyone wrote can meet the need
        norm = float(np.linalg.norm(vector))
        if norm == 0:
            return None
        vector /= norm
        return vector

    def _top_rows(
        self,
        vector: NDArray[np.float32],
        allowed: NDArray[np.bool_],
        top: int,
        min_score: float,
    ) -> tuple[NDArray[np.intp], NDArray[np.float32]]:
        def value(similarity: NDArray[np.float32]) -> NDArray[np.float32]:
            return self.scorer.values(similarity, None, np.zeros_like(similarity))

        # Only the members who could be among the best are scored exactly; ties keep
        # profile order.
        return top_rows(self.offers, self.need_bounds, vector, allowed, top, value, min_score)

    def _need_matches(
        self, vector: NDArray[np.float32], chosen: NDArray[np.intp], scores: NDArray[np.float32]
    ) -> list[NeedMatch]:
        items = self.items.vectors[self.items.offers[chosen]]  # chosen x items x dim
        best = (items @ vector).argmax(axis=1) if len(chosen) else np.zeros(0, dtype=np.int64)
        return [
            NeedMatch(
                id=self.profiles[row].id,
                score=score,
                best_offer=None if self.items.headline_offer[row] else int(position),
            )
            for row, score, position in zip(
                chosen.tolist(), scores.tolist(), best.tolist(), strict=True
            )
        ]

    def mask_of(self, ids: Collection[str]) -> NDArray[np.bool_]:
        """A boolean row mask of these profile ids (unknown ids are ignored)."""
        mask = np.zeros(len(self.profiles), dtype=bool)
        mask[[self._row[i] for i in ids if i in self._row]] = True
        return mask

    def _pool(self, top: int) -> int:
        wanted = max(self.settings.pool_factor * top, self.settings.min_pool, top)
        return max(1, min(wanted, len(self.profiles)))

    def _filter(self, ids: NDArray[np.int64], values: NDArray[np.float32]) -> NDArray[np.int64]:
        return np.where(values >= self.settings.min_score, ids, -1)

    def recommend(self, profile_id: str, top: int = 10) -> list[Match]:
        """One member's list: best first, industry-diverse, hidden members left out.

        The run-wide exposure cap and lifting do not apply to a single list; use
        :meth:`recommend_all` for a whole community.
        """
        return self.recommend_many([profile_id], top)[profile_id]

    def recommend_many(self, profile_ids: Sequence[str], top: int = 10) -> dict[str, list[Match]]:
        """The lists of ``profile_ids``, each exactly what :meth:`recommend` gives alone.

        A shard of a community-wide batch, or the lists one profile edit touches: no
        run-wide exposure cap, so a list does not depend on which others are computed.
        """
        rows = np.array([self.row_of(i) for i in profile_ids], dtype=np.int64)
        if top <= 0 or len(rows) == 0:
            return {i: [] for i in profile_ids}
        ids, values = self.index.search(rows, self._pool(top))
        ids, values = rerank_pools(self, rows, ids, values)  # sense hook (issue 15): sense.py
        lists, list_values = diversify(
            self._filter(ids, values),
            values,
            self.industries[rows],
            self.industries,
            top,
            self.settings.diversity,
        )
        grouped = self._matches(rows, lists, list_values)
        return dict(zip(profile_ids, grouped, strict=True))

    def values_towards(self, profile_id: str) -> NDArray[np.float32]:
        """Every member's pair value for ``profile_id`` (as a candidate in their list).

        Entry ``m`` is the value ``profile_id`` has in member ``m``'s ranking, computed as
        the index does; 0 for the member themself, and everywhere when they are hidden
        (a hidden member enters nobody's list). Used to find the lists one edit enters.
        """
        row = self.row_of(profile_id)
        if not self.visible[row]:
            return np.zeros(len(self.profiles), dtype=np.float32)
        with single_threaded_blas():
            f = self.asks @ self.offers[row]
            r = self.offers @ self.asks[row] if self.reciprocal else None
            s = self.offers @ self.offers[row]
        values: NDArray[np.float32] = self.scorer.values(f, r, s)
        values[row] = 0.0
        return values

    def recommend_all(
        self,
        top: int = 10,
        progress: Callable[[int], None] | None = None,
        shown_before: Mapping[str, int] | None = None,
    ) -> dict[str, list[Match]]:
        """Every member's list, in profile order, with the exposure cap and lifting applied.

        ``progress`` is called with increments that add up to the number of
        profiles: finding candidates counts for most of it, writing reasons for
        the rest (about 70/30, their usual share of the time).
        ``shown_before`` counts how often members were already shown earlier in
        the period, so the cap holds across runs.
        """
        if top <= 0:
            return {p.id: [] for p in self.profiles}
        search_share, reason_share = _split_progress(len(self.profiles), progress)
        ids, values = self.index.search_all(self._pool(top), search_share)
        ids, values = rerank_pools(self, np.arange(len(ids)), ids, values)  # sense hook: sense.py
        before = None
        if shown_before:
            before = np.zeros(len(self.profiles), dtype=np.int64)
            for profile_id, count in shown_before.items():
                if profile_id in self._row:
                    before[self._row[profile_id]] = int(count)
        lists, list_values = allocate(
            self._filter(ids, values),
            values,
            self.industries,
            self.visible,
            top,
            self.settings.diversity,
            self.settings.exposure,
            before,
        )
        rows = np.arange(len(self.profiles))
        grouped = self._matches(rows, lists, list_values, reason_share)
        return {p.id: grouped[row] for row, p in enumerate(self.profiles)}

    def _matches(
        self,
        rows: NDArray[np.int64],
        lists: NDArray[np.int64],
        values: NDArray[np.float32],
        progress: Callable[[int], None] | None = None,
    ) -> list[list[Match]]:
        """Matches with reasons for each member in ``rows`` (lists are rows, ``-1`` padded)."""
        reasons = explain(self.profiles, self.items, rows, lists, self.help_floor, progress)
        ids = [p.id for p in self.profiles]
        out = []
        rounded = np.round(values.astype(np.float64), 6).tolist()
        for listed, scores, why in zip(lists.tolist(), rounded, reasons, strict=True):
            out.append(
                [
                    Match(id=ids[c], score=score, reason=reason)
                    for (c, score), reason in zip(
                        ((c, v) for c, v in zip(listed, scores, strict=True) if c >= 0),
                        why,
                        strict=True,
                    )
                ]
            )
        return out

    def pair_values(self, ids: Sequence[str] | None = None) -> NDArray[np.float32]:
        """Symmetric matrix of reciprocal pair values in [0, 1] (diagonal 0).

        For ``ids`` (e.g. an event's attendees, in that order) or every profile.
        Always reciprocal, whatever the engine's ``reciprocal`` flag, because
        seating two people together serves both.
        """
        rows = (
            np.arange(len(self.profiles))
            if ids is None
            else np.array([self.row_of(i) for i in ids], dtype=np.int64)
        )
        asks, offers = self.asks[rows], self.offers[rows]
        scorer = PairScorer(
            reciprocal=True,
            mutual_bonus=self.scorer.mutual_bonus,
            lookalike_threshold=self.scorer.lookalike_threshold,
            lookalike_penalty=self.scorer.lookalike_penalty,
            help_floor=self.scorer.help_floor,
            alike_floor=self.scorer.alike_floor,
        )
        values: NDArray[np.float32] = scorer.values(
            asks @ offers.T, offers @ asks.T, offers @ offers.T
        )
        values = np.maximum(values, values.T)  # exact symmetry despite float rounding
        np.fill_diagonal(values, 0.0)
        return values


SEARCH_SHARE = 0.7


def _split_progress(
    total: int, progress: Callable[[int], None] | None
) -> tuple[Callable[[int], None] | None, Callable[[int], None] | None]:
    """Callbacks for the two stages of a run, each counting ``total`` members of its own.

    Their reports to ``progress`` are scaled so that together they add up to ``total``.
    """
    if progress is None:
        return None, None
    first = int(total * SEARCH_SHARE)
    return _scaled(progress, total, first), _scaled(progress, total, total - first)


def _scaled(progress: Callable[[int], None], units: int, share: int) -> Callable[[int], None]:
    state = {"done": 0, "reported": 0}

    def report(count: int) -> None:
        state["done"] += count
        target = share * state["done"] // max(1, units)
        if target > state["reported"]:
            progress(target - state["reported"])
            state["reported"] = target

    return report


def _normalise(matrix: NDArray[np.float32] | sp.csr_matrix[np.float32]) -> NDArray[np.float32]:
    dense = np.asarray(
        matrix if isinstance(matrix, np.ndarray) else matrix.toarray(), dtype=np.float32
    )
    if dense.ndim != 2:
        dense = dense.reshape(len(dense), -1)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    np.divide(dense, norms, out=dense, where=norms > 0)
    return dense


def _side_matrix(lists: list[list[tuple[int, float]]], n_texts: int) -> sp.csr_matrix[np.float32]:
    rows = [i for i, entries in enumerate(lists) for _ in entries]
    cols = [t for entries in lists for t, _ in entries]
    weights = [w for entries in lists for _, w in entries]
    return sp.csr_matrix(
        (np.array(weights, dtype=np.float32), (rows, cols)),
        shape=(len(lists), max(1, n_texts)),
    )


def _pad(lists: list[list[int]], pad: int) -> NDArray[np.int64]:
    width = max(1, min(MAX_ITEMS, max((len(x) for x in lists), default=1)))
    table = np.full((len(lists), width), pad, dtype=np.int64)
    for i, entries in enumerate(lists):
        head = entries[:width]
        table[i, : len(head)] = head
    return table


def _industry_codes(profiles: Sequence[Profile], codes: dict[str, int]) -> NDArray[np.int64]:
    out = np.full(len(profiles), UNKNOWN_INDUSTRY, dtype=np.int64)
    for i, profile in enumerate(profiles):
        key = " ".join(profile.industry.lower().split())
        if key:
            out[i] = codes.setdefault(key, len(codes))
    return out
