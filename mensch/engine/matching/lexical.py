"""The lexical text model: TF-IDF over stemmed words and concept tags; no download."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from mensch.engine.matching.text import analyze
from mensch.engine.matching.threads import single_threaded_blas

# Up to this many distinct texts the vectors keep every TF-IDF dot product exactly
# (a thin SVD of the whole matrix); above it they are reduced to ``dim`` columns.
EXACT_TEXT_LIMIT = 1024
# Rows used to fit the reduction; more adds build time and little accuracy.
SVD_SAMPLE = 40_000


def _analyze(text: str) -> list[str]:
    return list(analyze(text))


class LexicalModel:
    """TF-IDF (sublinear term frequency) over :func:`mensch.engine.matching.text.analyze`.

    ``encode`` returns dense float32 rows: the TF-IDF vectors themselves when the
    vocabulary is small, otherwise a latent-semantic projection to ``dim``
    columns, re-normalised so dot products stay cosine similarities.
    """

    name = "lexical"

    def __init__(self, *, dim: int = 256, seed: int = 0) -> None:
        self.dim = dim
        self.seed = seed
        self._vectorizer: TfidfVectorizer | None = None
        self._components: NDArray[np.float32] | None = None

    def fit(self, texts: Sequence[str]) -> None:
        unique = list(dict.fromkeys(t for t in texts if t.strip())) or [""]
        vectorizer = TfidfVectorizer(
            analyzer=_analyze, sublinear_tf=True, dtype=np.float32, norm="l2"
        )
        try:
            matrix: sp.csr_matrix[np.float32] = vectorizer.fit_transform(unique)
        except ValueError:
            # Nothing but stop words anywhere: an empty vocabulary.
            self._vectorizer = None
            self._components = None
            return
        self._vectorizer = vectorizer
        with single_threaded_blas():
            self._components = self._fit_projection(matrix)

    def _fit_projection(self, matrix: sp.csr_matrix[np.float32]) -> NDArray[np.float32] | None:
        n_texts, n_features = matrix.shape
        if n_features <= self.dim:
            return None
        if n_texts <= EXACT_TEXT_LIMIT:
            # The row space of the fitted texts keeps their dot products exact.
            _, singular, vt = np.linalg.svd(matrix.toarray(), full_matrices=False)
            keep = singular > 1e-6
            return np.ascontiguousarray(vt[keep], dtype=np.float32)
        rng = np.random.default_rng(self.seed)
        rows = matrix
        if n_texts > SVD_SAMPLE:
            rows = matrix[np.sort(rng.choice(n_texts, SVD_SAMPLE, replace=False))]
        svd = TruncatedSVD(n_components=self.dim, n_iter=4, random_state=self.seed)
        svd.fit(rows)
        return np.ascontiguousarray(svd.components_, dtype=np.float32)

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if self._vectorizer is None:
            return np.zeros((len(texts), 1), dtype=np.float32)
        matrix: sp.csr_matrix[np.float32] = self._vectorizer.transform(list(texts))
        dense: NDArray[np.float32]
        if self._components is None:
            dense = matrix.toarray().astype(np.float32, copy=False)
        else:
            dense = np.asarray(matrix @ self._components.T, dtype=np.float32)
        norms = np.linalg.norm(dense, axis=1, keepdims=True)
        np.divide(dense, norms, out=dense, where=norms > 0)
        return dense
