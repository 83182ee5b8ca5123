"""URL converters that accept one of a few words (``ask|offer``, ``accept|decline``)."""

from __future__ import annotations

import re

from django.urls import register_converter


class ChoiceConverter:
    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def register_choice(name: str, *choices: str) -> None:
    """Register ``<name:…>`` for URLs, matching exactly one of ``choices``."""
    regex = "|".join(re.escape(choice) for choice in choices)
    converter = type(f"{name.title()}Converter", (ChoiceConverter,), {"regex": regex})
    register_converter(converter, name)
