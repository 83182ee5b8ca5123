"""Show a service's ValidationError on a Django form, field by field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from mensch.core.errors import field_errors


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    for field, messages in field_errors(exc).items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
