"""Matching engine: who should meet whom, and why (PRODUCT.md §2).

Pure Python + numpy/scipy/scikit-learn; no Django import. Plain data in, plain
data out::

    from mensch.engine.matching import MatchEngine, Profile, Item

    engine = MatchEngine(profiles)                 # lexical model, reciprocal scoring
    engine.recommend("p1", top=10)                 # -> list[Match] for one member
    engine.recommend_all(top=10)                   # -> {id: [Match, ...]} with exposure cap
    engine.pair_values()                           # -> N x N symmetric value in [0, 1]
    engine.rank_for_need("a bookkeeper", top=20)   # -> [NeedMatch(id, score, best_offer)]

* ``get_model("lexical")`` (default, no download) or ``get_model("semantic")``
  (needs the ``semantic`` extra) gives a :class:`TextModel`.
* ``read_profiles_jsonl(path_or_lines)`` reads the ``mensch match`` input format
  and raises :class:`ProfileInputError` naming the line and the field.
* :class:`MatchSettings` tunes scoring; its ``diversity`` (:class:`DiversitySettings`),
  ``exposure`` (:class:`ExposureSettings`: the per-run cap and lifting) and ``index``
  (:class:`IndexSettings`: exact below 20,000 members, an IVF index above) parts
  have documented defaults.
* ``reciprocal=False`` ranks by how well the candidate's offers meet the
  member's asks only: the one-sided baseline for the evaluation.
"""

from __future__ import annotations

from mensch.engine.matching.engine import MatchEngine, MatchSettings, NeedMatch
from mensch.engine.matching.index import IndexSettings
from mensch.engine.matching.io import (
    match_to_record,
    profile_from_record,
    profile_to_record,
    read_profiles_jsonl,
)
from mensch.engine.matching.lexical import LexicalModel
from mensch.engine.matching.models import (
    Item,
    Match,
    ModelUnavailableError,
    Profile,
    ProfileInputError,
    TextModel,
)
from mensch.engine.matching.registry import MODEL_NAMES, get_model
from mensch.engine.matching.rerank import DiversitySettings, ExposureSettings

__all__ = [
    "MODEL_NAMES",
    "DiversitySettings",
    "ExposureSettings",
    "IndexSettings",
    "Item",
    "LexicalModel",
    "Match",
    "MatchEngine",
    "MatchSettings",
    "NeedMatch",
    "ModelUnavailableError",
    "Profile",
    "ProfileInputError",
    "TextModel",
    "get_model",
    "match_to_record",
    "profile_from_record",
    "profile_to_record",
    "read_profiles_jsonl",
]
