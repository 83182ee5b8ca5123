"""Validation for the free text members type.

Mensch stores plain text only. Markup is refused with a clear message instead
of being silently stripped, so what a member typed is what others read (and
Django's auto-escaping still guards every page on output).
"""

from __future__ import annotations

import re
import unicodedata

import nh3
from django.core.exceptions import ValidationError

_SCRIPT_URL = re.compile(r"\b(?:javascript|vbscript|data):", re.IGNORECASE)


def validate_plain_text(value: str) -> None:
    """Refuse HTML tags, script URLs and control characters in member text."""
    if nh3.is_html(value):
        raise ValidationError(
            "Please write plain text: HTML tags such as <b> or <script> are not allowed.",
            code="markup",
        )
    if _SCRIPT_URL.search(value):
        raise ValidationError("Script links (javascript:, data:) are not allowed.", code="markup")
    for char in value:
        if unicodedata.category(char) == "Cc" and char not in "\n\r\t":
            raise ValidationError("The text contains invisible control characters.", code="control")


def normalise_line(value: str) -> str:
    """Trim and collapse runs of whitespace in a one-line field."""
    return " ".join(value.split())
