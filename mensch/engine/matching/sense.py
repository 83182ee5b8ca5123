"""Sense before similarity: read each ask and offer in the context it is written in.

A word with two senses fools a text model: "our sales pipeline" sits close to a
plumber's "pipeline installation", a bookkeeper's "accounts" close to a
salesperson's "key accounts". A person reading the profile is not fooled,
because they read the word next to who wrote it: a head of sales at a software
company, a master plumber in construction.

:func:`with_sense` does the same for the engine. Each member's context is their
headline and industry. Every ask and offer is encoded again *with* that context
("Someone to fill our sales pipeline — Head of sales at a B2B software startup,
Software"), and the member's ask and offer vectors move toward these readings by
``SenseSettings.weight``. Pairs whose words only meet in the wrong sense drift
apart, because their contexts disagree; pairs that mean the same thing in
different words keep or gain similarity, because their contexts agree.

It runs once per engine build, before the candidate index, so every consumer of
the engine (lists, pair values, the directory) sees the same sense-aware
vectors. Pure numpy; no Django.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from weakref import WeakKeyDictionary

import numpy as np
from numpy.typing import NDArray

from mensch.engine.matching.models import Item, Profile, TextModel
from mensch.engine.matching.scoring import PairScorer, estimate_floors


@dataclass(frozen=True, slots=True)
class SenseSettings:
    """How candidates are re-scored; both parts at 0 turn sense off.

    * ``strength``: share of an ask-offer similarity taken away when it does not
      survive reading both texts in their writers' context (costs one more
      encoding of every ask and offer).
    * ``fit_weight``: share of the help taken away when the helper's offer does
      not fit the asker's world at all (their headline and industry);
      ``fit_full`` is the rescaled context-offer similarity at which it fits
      fully (costs one encoding per member).
    """

    strength: float = 0.0
    fit_weight: float = 0.0
    fit_full: float = 0.5


# Chosen on eval/matching and the trap set (eval/matching/README.md): for the
# semantic model the world fit helps and re-reading adds nothing. For the lexical model,
# re-reading in context (``LEXICAL_REREAD``) wins traps but only at full strength, and
# there it also cuts true pairs' scores by three quarters (a bookkeeper for design
# studios and the designer who asks for one: 0.47 to 0.10), below what events and
# follow-ups call a strong match; so the lexical fallback stays without sense.
LEXICAL_REREAD = SenseSettings(strength=1.0)
SENSE_BY_MODEL: dict[str, SenseSettings] = {
    "lexical": SenseSettings(),
    "semantic": SenseSettings(fit_weight=0.5, fit_full=0.5),
}
NO_SENSE = SenseSettings()
# As shipped (tests may change SENSE_BY_MODEL).
SENSE_BY_MODEL_DEFAULTS: dict[str, SenseSettings] = dict(SENSE_BY_MODEL)
# Models whose vectors do not depend on what they were fitted on.
FIXED_MODELS = frozenset({"semantic"})
# A candidate keeps at least this value (or its own, if lower) after re-scoring: above
# the engine's default ``min_score``, so sense reorders lists but never shortens them.
KEEP_VALUE = 0.05
# Rows re-scored at once: bounds memory to about ROW_BLOCK * pool * dim floats.
ROW_BLOCK = 1024


def sense_for(model_name: str) -> SenseSettings:
    """The settings for a model by name (sense off for a model not measured)."""
    return SENSE_BY_MODEL.get(model_name, NO_SENSE)


def context_of(profile: Profile) -> str:
    """The words that tell which sense a member means: headline and industry."""
    parts = [" ".join(part.split()) for part in (profile.headline, profile.industry)]
    return ", ".join(part for part in parts if part)


def in_context(item: Item, context: str) -> str:
    """An ask or offer as a reader takes it: the text, then who wrote it."""
    return f"{item.text} ({context})" if context else item.text


class SenseReader:
    """Each member's asks and offers read in their context, for re-scoring candidates.

    Built once per engine from the fitted ``model``. :meth:`rerank` re-scores
    candidate pools: the help each side gives the other counts only as far as
    it survives reading both texts in context.
    """

    def __init__(
        self,
        profiles: Sequence[Profile],
        model: TextModel,
        asks: NDArray[np.float32],
        offers: NDArray[np.float32],
        scorer: PairScorer,
        settings: SenseSettings,
        known: dict[str, NDArray[np.float32]] | None = None,
    ) -> None:
        # Encodings by text, kept across rebuilds so an edit re-encodes only new texts.
        self.known: dict[str, NDArray[np.float32]] = {} if known is None else known
        self.model = model
        self.profiles = list(profiles)
        self.dim = asks.shape[1]
        self.asks = asks
        self.offers = offers
        self.scorer = scorer
        self.settings = settings
        dim = asks.shape[1]
        n = len(profiles)
        self.read_asks = np.zeros((n, dim), dtype=np.float32)
        self.read_offers = np.zeros((n, dim), dtype=np.float32)
        self.contexts = np.zeros((n, dim), dtype=np.float32)
        self.read_floor = self.fit_floor = 0.0
        if settings.strength > 0:
            self.read_asks, self.read_offers = _read_in_context(profiles, model, dim, self.known)
            self.read_floor, _ = estimate_floors(self.read_asks, self.read_offers)
        if settings.fit_weight > 0:
            self.contexts = _contexts(profiles, model, dim, self.known)
            self.fit_floor, _ = estimate_floors(self.contexts, offers)

    def refresh(self, profiles: Sequence[Profile], rows: Sequence[int]) -> None:
        """Read again the members at ``rows`` whose profile changed in place (an edit)."""
        changed = [row for row in rows if profiles[row] is not self.profiles[row]]
        if not changed:
            return
        fresh = [profiles[row] for row in changed]
        if self.settings.strength > 0:
            read_asks, read_offers = _read_in_context(fresh, self.model, self.dim, self.known)
            self.read_asks[changed] = read_asks
            self.read_offers[changed] = read_offers
        if self.settings.fit_weight > 0:
            self.contexts[changed] = _contexts(fresh, self.model, self.dim, self.known)
        for row, profile in zip(changed, fresh, strict=True):
            self.profiles[row] = profile

    @property
    def active(self) -> bool:
        return self.settings.strength > 0 or self.settings.fit_weight > 0

    def rerank(
        self, rows: NDArray[np.int64], ids: NDArray[np.int64], values: NDArray[np.float32]
    ) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """Pools ``(ids, values)`` for ``rows`` re-scored with sense, best first (``-1`` last)."""
        if not self.active or ids.size == 0:
            return ids, values
        if len(rows) <= ROW_BLOCK:
            return self._rerank_block(rows, ids, values)
        parts = [
            self._rerank_block(
                rows[start : start + ROW_BLOCK],
                ids[start : start + ROW_BLOCK],
                values[start : start + ROW_BLOCK],
            )
            for start in range(0, len(rows), ROW_BLOCK)
        ]
        return np.vstack([p[0] for p in parts]), np.vstack([p[1] for p in parts])

    def _rerank_block(
        self, rows: NDArray[np.int64], ids: NDArray[np.int64], values: NDArray[np.float32]
    ) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        valid = ids >= 0
        cand = np.maximum(ids, 0)
        me = rows[:, None]
        forward = self._survives(
            np.einsum("rd,rkd->rk", self.asks[rows], self.offers[cand]),
            np.einsum("rd,rkd->rk", self.read_asks[rows], self.read_offers[cand]),
            np.einsum("rd,rkd->rk", self.contexts[rows], self.offers[cand]),
        )
        back = self._survives(
            np.einsum("rkd,rd->rk", self.asks[cand], self.offers[rows]),
            np.einsum("rkd,rd->rk", self.read_asks[cand], self.read_offers[rows]),
            np.einsum("rkd,rd->rk", self.contexts[cand], self.offers[rows]),
        )
        alike = np.einsum("rd,rkd->rk", self.offers[rows], self.offers[cand])
        scored = self.scorer.values(forward, back, alike)
        # Sense orders candidates; it takes nobody off a list the index put them on.
        scored = np.maximum(scored, np.minimum(values, KEEP_VALUE))
        scored = np.where(valid & (cand != me), scored, -1.0).astype(np.float32)
        order = np.argsort(-scored, axis=1, kind="stable")
        new_ids = np.take_along_axis(np.where(valid, ids, -1), order, axis=1)
        new_values = np.take_along_axis(scored, order, axis=1)
        new_ids = np.where(new_values >= 0, new_ids, -1)
        return new_ids, np.maximum(new_values, 0.0).astype(np.float32)

    def _survives(
        self, plain: NDArray[np.float32], read: NDArray[np.float32], fit: NDArray[np.float32]
    ) -> NDArray[np.float32]:
        """``plain`` lowered by the part of it that reading in context takes away."""
        floor = self.scorer.help_floor
        kept = plain if self.settings.strength <= 0 else self._kept(plain, read, floor)
        if self.settings.fit_weight <= 0:
            return kept.astype(np.float32)
        fits = np.clip((fit - self.fit_floor) / max(1e-6, 1.0 - self.fit_floor), 0.0, None)
        fits = np.minimum(1.0, fits / max(1e-6, self.settings.fit_full))
        gate = 1.0 - self.settings.fit_weight * (1.0 - fits)
        out: NDArray[np.float32] = np.asarray(floor + (kept - floor) * gate, dtype=np.float32)
        return out

    def _kept(
        self, plain: NDArray[np.float32], read: NDArray[np.float32], floor: float
    ) -> NDArray[np.float32]:
        scale = (1.0 - floor) / max(1e-6, 1.0 - self.read_floor)
        mapped = floor + (read - self.read_floor) * scale
        lost = np.maximum(plain - mapped, 0.0)
        kept: NDArray[np.float32] = np.asarray(plain - self.settings.strength * lost, np.float32)
        return kept


def _read_in_context(
    profiles: Sequence[Profile],
    model: TextModel,
    dim: int,
    known: dict[str, NDArray[np.float32]],
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Side vectors of every ask and offer encoded with its writer's context."""
    texts: dict[str, int] = {}
    ask_rows: list[list[int]] = []
    offer_rows: list[list[int]] = []
    for profile in profiles:
        context = context_of(profile)
        ask_rows.append(
            [texts.setdefault(in_context(i, context), len(texts)) for i in profile.asks]
        )
        offer_rows.append(
            [texts.setdefault(in_context(i, context), len(texts)) for i in profile.offers]
        )
    n = len(profiles)
    if not texts:
        return np.zeros((n, dim), dtype=np.float32), np.zeros((n, dim), dtype=np.float32)
    vectors = _encode(model, list(texts), dim, known)
    return _side(vectors, ask_rows, n, dim), _side(vectors, offer_rows, n, dim)


def _encode(
    model: TextModel, texts: list[str], dim: int, known: dict[str, NDArray[np.float32]]
) -> NDArray[np.float32]:
    """Rows for ``texts``, encoding only those not in ``known`` (which is updated)."""
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    if missing:
        fresh = np.asarray(model.encode(missing), dtype=np.float32)
        if fresh.ndim != 2 or fresh.shape[1] != dim:
            fresh = np.zeros((len(missing), dim), dtype=np.float32)  # an empty vocabulary
        known.update(zip(missing, fresh, strict=True))
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    return np.vstack([known[t] for t in texts]).astype(np.float32)


def _contexts(
    profiles: Sequence[Profile],
    model: TextModel,
    dim: int,
    known: dict[str, NDArray[np.float32]],
) -> NDArray[np.float32]:
    """One vector per member for their headline and industry (zero when both are blank).

    The two are encoded apart and added: headlines are texts the engine encodes
    anyway (an embedding store has them), and a community has few industries.
    """
    out = np.zeros((len(profiles), dim), dtype=np.float32)
    for field in ("headline", "industry"):
        texts = [" ".join(str(getattr(p, field)).split()) for p in profiles]
        filled = [row for row, text in enumerate(texts) if text]
        if filled:
            vectors = _encode(model, [texts[row] for row in filled], dim, known)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            np.divide(vectors, norms, out=vectors, where=norms > 0)
            out[filled] += vectors
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


def _side(
    vectors: NDArray[np.float32], rows: list[list[int]], n: int, dim: int
) -> NDArray[np.float32]:
    out = np.zeros((n, dim), dtype=np.float32)
    for row, ids in enumerate(rows):
        if ids:
            out[row] = vectors[ids].sum(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


class SenseSource(Protocol):
    """What :func:`rerank_pools` needs from an engine (``MatchEngine`` has all of it)."""

    @property
    def profiles(self) -> Sequence[Profile]: ...
    @property
    def model(self) -> TextModel: ...
    @property
    def asks(self) -> NDArray[np.float32]: ...
    @property
    def offers(self) -> NDArray[np.float32]: ...
    @property
    def scorer(self) -> PairScorer: ...


_READERS: WeakKeyDictionary[object, SenseReader] = WeakKeyDictionary()
_READERS_LOCK = threading.Lock()


def reader_for(engine: SenseSource) -> SenseReader:
    """The engine's reader, built on first use and again when its vectors are replaced."""
    with _READERS_LOCK:
        reader = _READERS.get(engine)
        if (
            reader is None
            or reader.asks is not engine.asks
            or reader.offers is not engine.offers
            or reader.scorer is not engine.scorer
        ):
            reader = SenseReader(
                engine.profiles,
                engine.model,
                engine.asks,
                engine.offers,
                engine.scorer,
                sense_for(engine.model.name),
                # Encodings are kept only for a model whose fit changes nothing (a lexical
                # model fitted again has a new vocabulary, so its old vectors mean nothing).
                reader.known
                if reader is not None
                and reader.model is engine.model
                and engine.model.name in FIXED_MODELS
                and reader.dim == engine.asks.shape[1]
                else None,
            )
            _READERS[engine] = reader
        return reader


def rerank_pools(
    engine: SenseSource,
    rows: NDArray[np.int64],
    ids: NDArray[np.int64],
    values: NDArray[np.float32],
) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """Candidate pools from the index re-scored with sense (the engine's hook)."""
    settings = sense_for(engine.model.name)
    if settings.strength <= 0 and settings.fit_weight <= 0:
        return ids, values
    reader = reader_for(engine)
    # A profile edited in place (MatchEngine.update_profile) is read again, alone.
    involved = np.unique(np.concatenate([rows, ids[ids >= 0]])).tolist()
    with _READERS_LOCK:
        reader.refresh(engine.profiles, involved)
    return reader.rerank(rows, ids, values)
