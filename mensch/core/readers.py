"""A read that a lower app needs and a higher app answers.

A lower floor may not import a higher one. Where it must read something a higher app
keeps (trust bands for introductions' daily limit; verified favours and follow-ups kept
for trust), it declares a :class:`Reader` with a neutral default, and the higher app
installs the real function in its ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Reader[F: Callable[..., Any]]:
    """One process-wide function, set once at start: ``reader.read(...)`` calls it."""

    def __init__(self, default: F) -> None:
        self.read: F = default

    def install(self, function: F) -> None:
        self.read = function
