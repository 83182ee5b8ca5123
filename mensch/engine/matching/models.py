"""Plain data for the matching engine: profiles in, matches out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True, slots=True)
class Item:
    """One ask or offer: a kind from ``mensch.vocabulary.ITEM_KINDS`` and free text."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Profile:
    """What the engine knows about a member. ``hidden`` members never appear in lists."""

    id: str
    name: str
    headline: str = ""
    industry: str = ""
    location: str = ""
    asks: tuple[Item, ...] = ()
    offers: tuple[Item, ...] = ()
    hidden: bool = False
    languages: tuple[str, ...] = ()  # shown in a reason when nothing asked is offered

    @property
    def first_name(self) -> str:
        parts = self.name.split()
        return parts[0] if parts else self.id


@dataclass(frozen=True, slots=True)
class Match:
    """One recommendation: who, how good (0..1, higher is better) and why, in one sentence."""

    id: str
    score: float
    reason: str


@runtime_checkable
class TextModel(Protocol):
    """Turns short texts into comparable vectors.

    ``fit`` sees every text of a run once (the lexical model learns its vocabulary
    there; the semantic model ignores it). ``encode`` returns a float32 array with
    one L2-normalised row per text (an all-zero row for an empty text), so a dot
    product is a cosine similarity.
    """

    name: str

    def fit(self, texts: Sequence[str]) -> None: ...

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


class ModelUnavailableError(RuntimeError):
    """The named model cannot be used here (unknown name, or its extra is not installed)."""


class ProfileInputError(ValueError):
    """A profile record that cannot be used; names the line (1-based, 0 if unknown)."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}" if line else message)
