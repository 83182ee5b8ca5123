"""htmx requests: one test for "is this a partial swap?", used by every view."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent this request (it swaps a part of the page, not the whole)."""
    return request.headers.get("HX-Request") == "true"
