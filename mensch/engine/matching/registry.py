"""Choosing a text model by name."""

from __future__ import annotations

import importlib.util

from mensch.engine.matching.lexical import LexicalModel
from mensch.engine.matching.models import ModelUnavailableError, TextModel
from mensch.engine.matching.semantic import (
    SemanticModel,
    SemanticModelUnavailableError,
    default_model_dir,
)

__all__ = ["MODEL_NAMES", "ModelUnavailableError", "get_model", "resolve_model_name"]

MODEL_NAMES: tuple[str, ...] = ("auto", "lexical", "semantic")


def get_model(name: str = "lexical") -> TextModel:
    """Return a fresh, unfitted text model: ``"lexical"``, ``"semantic"``, or ``"auto"``
    (the semantic model where its runtime and weights are installed, else the lexical one).

    Raises :class:`ModelUnavailableError` for an unknown name, and (as its subclass
    ``SemanticModelUnavailableError``) when the ``semantic`` extra or its model
    files are missing.
    """
    if name == "lexical":
        return LexicalModel()
    if name == "semantic":
        return SemanticModel()
    if name == "auto":
        try:
            return SemanticModel()
        except SemanticModelUnavailableError:
            return LexicalModel()
    raise ModelUnavailableError(f"unknown model {name!r}; choose one of {', '.join(MODEL_NAMES)}")


def resolve_model_name(name: str) -> str:
    """The model ``get_model(name)`` gives, without loading any weights: ``"auto"`` is
    ``"semantic"`` when the runtime and weights are installed, else ``"lexical"``."""
    if name != "auto":
        return name
    find = importlib.util.find_spec
    if find("tokenizers") is None or find("safetensors") is None:
        return "lexical"
    try:
        folder = default_model_dir()
    except SemanticModelUnavailableError:
        return "lexical"
    return "semantic" if (folder / "model.safetensors").is_file() else "lexical"
