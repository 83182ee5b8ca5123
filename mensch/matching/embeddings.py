"""The configured text model, and the embeddings it made, kept in the database.

Every engine built on members' texts (the recommendation worker, the shared engine behind
the specialist directory, an event's seating) asks for its model through
:func:`text_model` and passes :class:`StoredEmbeddings`, so a text is embedded once per
model, whichever process saw it first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from django.conf import settings
from numpy.typing import NDArray

from mensch.engine.matching import TextModel, get_model
from mensch.engine.matching.registry import resolve_model_name
from mensch.matching.models import TextEmbedding

# Digests looked up (and rows written) per query.
CHUNK = 2000


class StoredEmbeddings:
    """The engine's :class:`~mensch.engine.matching.engine.EmbeddingStore` on
    :class:`TextEmbedding` rows."""

    def load(self, model: str, digests: Sequence[str]) -> dict[str, NDArray[np.float32]]:
        found: dict[str, NDArray[np.float32]] = {}
        for start in range(0, len(digests), CHUNK):
            rows = TextEmbedding.objects.filter(
                model=model, digest__in=digests[start : start + CHUNK]
            ).values_list("digest", "vector")
            for digest, vector in rows:
                found[digest] = np.frombuffer(bytes(vector), dtype="<f4")
        return found

    def save(self, model: str, vectors: Mapping[str, NDArray[np.float32]]) -> None:
        rows = [
            TextEmbedding(
                model=model, digest=digest, vector=np.asarray(vector, dtype="<f4").tobytes()
            )
            for digest, vector in vectors.items()
        ]
        # Two workers may embed the same new text at once: the first row stays.
        TextEmbedding.objects.bulk_create(rows, batch_size=CHUNK, ignore_conflicts=True)


def text_model() -> TextModel:
    """The configured text model (``auto``: semantic when its weights are installed)."""
    return get_model(settings.MATCH_MODEL)


def model_in_use() -> str:
    """``"semantic"`` or ``"lexical"``: what lists are computed with here (loads nothing)."""
    return resolve_model_name(settings.MATCH_MODEL)
