"""Choosing a text model by name."""

from __future__ import annotations

import importlib

from mensch.engine.matching.models import TextModel

MODEL_NAMES: tuple[str, ...] = ("lexical", "semantic")


class ModelUnavailableError(RuntimeError):
    """The named model cannot be used here (unknown name, or its extra is not installed)."""


def get_model(name: str = "lexical") -> TextModel:
    """Return a fresh, unfitted text model: ``"lexical"`` or ``"semantic"``."""
    if name == "lexical":
        from mensch.engine.matching.lexical import LexicalModel

        return LexicalModel()
    if name == "semantic":
        try:
            # Imported lazily: the semantic model needs the optional ``semantic`` extra.
            semantic = importlib.import_module("mensch.engine.matching.semantic")
            return semantic.SemanticModel()
        except ImportError as exc:
            raise ModelUnavailableError(
                "the semantic model needs the 'semantic' extra: "
                "pip install -e '.[semantic]' "
                f"({exc})"
            ) from exc
    raise ModelUnavailableError(f"unknown model {name!r}; choose one of {', '.join(MODEL_NAMES)}")
