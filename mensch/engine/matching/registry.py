"""Choosing a text model by name."""

from __future__ import annotations

from mensch.engine.matching.lexical import LexicalModel
from mensch.engine.matching.models import ModelUnavailableError, TextModel
from mensch.engine.matching.semantic import SemanticModel

__all__ = ["MODEL_NAMES", "ModelUnavailableError", "get_model"]

MODEL_NAMES: tuple[str, ...] = ("lexical", "semantic")


def get_model(name: str = "lexical") -> TextModel:
    """Return a fresh, unfitted text model: ``"lexical"`` or ``"semantic"``.

    Raises :class:`ModelUnavailableError` for an unknown name, and (as its subclass
    ``SemanticModelUnavailableError``) when the ``semantic`` extra or its model
    files are missing.
    """
    if name == "lexical":
        return LexicalModel()
    if name == "semantic":
        return SemanticModel()
    raise ModelUnavailableError(f"unknown model {name!r}; choose one of {', '.join(MODEL_NAMES)}")
