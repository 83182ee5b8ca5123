"""Validation for the free text members type.

Mensch stores plain text only. Markup is refused with a clear message instead
of being silently stripped, so what a member typed is what others read (and
Django's auto-escaping still guards every page on output).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

import nh3
from django.core.exceptions import ValidationError
from pydantic import AfterValidator

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
    """Trim and collapse runs of whitespace in a one-line field.

    Line breaks become spaces: a name, a title or an email subject is one line."""
    return " ".join(value.split())


# -- NUL characters ------------------------------------------------------------------------
# PostgreSQL cannot store or compare a string holding NUL (U+0000): the query fails
# ("A string literal cannot contain NUL (0x00) characters"). No member types one, so text
# arriving with it is refused where it enters (API parameters and bodies: ``NoNulStr``;
# forms: Django's CharField refuses it already) or, for a search box, dropped.

NUL_MESSAGE = "The text contains a NUL character (U+0000), which is not allowed."


def refuse_nul(value: str) -> str:
    """The value unchanged; ValueError (a 422 in the API) when it holds a NUL character."""
    if "\x00" in value:
        raise ValueError(NUL_MESSAGE)
    return value


def strip_nul(value: str) -> str:
    """The value without NUL characters: for search boxes and filters read from a URL."""
    return value.replace("\x00", "")


# A string an API parameter or body field may carry: any text but NUL.
NoNulStr = Annotated[str, AfterValidator(refuse_nul)]
