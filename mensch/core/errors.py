"""Turn a Django ValidationError into the per-field dictionary pages and the API show."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def field_errors(exc: ValidationError) -> dict[str, list[str]]:
    """``{"field": ["message", ...]}``; errors not tied to a field go under ``"__all__"``."""
    if hasattr(exc, "error_dict"):
        return {
            field: [str(message) for message in ValidationError(errors).messages]
            for field, errors in exc.error_dict.items()
        }
    return {NON_FIELD_ERRORS: [str(message) for message in exc.messages]}
