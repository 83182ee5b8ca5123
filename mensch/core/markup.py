"""Markup written in Python where a template's loops cost more than the rest of a page:
each value written as a template's ``{{ value }}`` writes it (localized, then escaped), and
tests hold the output to the template's, byte for byte."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def as_written(value: object) -> str:
    """``value`` as a template's ``{{ value }}`` writes it: localized, then escaped."""
    if type(value) is str:  # most values: nothing to localize, and escaping is html.escape
        return html.escape(value)
    return str(conditional_escape(localize(value)))  # type: ignore[arg-type]


def _quoted(value: object) -> str:
    return as_written(str(value))


def attributes(attrs: Mapping[str, Any]) -> str:
    """Django's ``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {as_written(name)}" if value is True else f' {as_written(name)}="{_quoted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class _Written(forms.Widget):
    """A widget whose markup is written in Python (``written``) from the context Django's
    template would have had."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        return self.written(self.get_context(name, value, attrs)["widget"])

    def written(self, widget: Mapping[str, Any]) -> SafeString:
        raise NotImplementedError


class FastSelect(_Written, forms.Select):
    """Django's ``Select``, its markup (``select.html``, one ``select_option.html`` per
    choice) written in Python: the same bytes, without a template include per option (the
    ledger form lists every person and contact of the member)."""

    def written(self, widget: Mapping[str, Any]) -> SafeString:
        parts = [f'<select name="{as_written(widget["name"])}"{attributes(widget["attrs"])}>']
        for group_name, group_choices, _ in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{as_written(group_name)}">')
            parts.extend(
                f'\n  <option value="{as_written(str(option["value"]))}"'
                f"{attributes(option['attrs'])}>{as_written(option['label'])}</option>\n"
                for option in group_choices
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")  # the renderer strips the template's last newline
        return mark_safe("".join(parts))  # noqa: S308 - every value went through _out


def _input(widget: Mapping[str, Any]) -> SafeString:
    """Django's ``django/forms/widgets/input.html``."""
    value = "" if widget["value"] is None else f' value="{_quoted(widget["value"])}"'
    return mark_safe(  # noqa: S308 - every value went through as_written
        f'<input type="{as_written(widget["type"])}" name="{as_written(widget["name"])}"'
        f"{value}{attributes(widget['attrs'])}>"
    )


class _FastInput(_Written, forms.widgets.Input):
    """An ``<input>`` widget whose markup (``input.html``) is written in Python."""

    def written(self, widget: Mapping[str, Any]) -> SafeString:
        return _input(widget)


class FastTextInput(_FastInput, forms.TextInput):
    """Django's ``TextInput``, its markup written in Python (the same bytes)."""


class FastCheckboxInput(_FastInput, forms.CheckboxInput):
    """Django's ``CheckboxInput``, its markup (``checkbox.html``, which is ``input.html``)
    written in Python (the same bytes)."""


class FastDateInput(_FastInput, forms.DateInput):
    """Django's ``DateInput``, its markup written in Python (the same bytes)."""


class FastTextarea(_Written, forms.Textarea):
    """Django's ``Textarea``, its markup (``textarea.html``) written in Python (the same
    bytes)."""

    def written(self, widget: Mapping[str, Any]) -> SafeString:
        text = as_written(widget["value"]) if widget["value"] else ""
        return mark_safe(  # noqa: S308 - every value went through as_written
            f'<textarea name="{as_written(widget["name"])}"{attributes(widget["attrs"])}>\n'
            f"{text}</textarea>"
        )


def form_fields(form: forms.BaseForm) -> SafeString:
    """``includes/form_fields.html`` written in Python (the same bytes): the form's own
    errors, then each field with its label, widget, help text and errors."""
    parts = []
    if form.non_field_errors():
        parts.append('<div class="errors" role="alert">')
        parts.extend(f"<p>{as_written(error)}</p>" for error in form.non_field_errors())
        parts.append("</div>")
    parts.append("\n")
    for field in form:
        errors = field.errors
        help_text = f'<p class="hint">{as_written(field.help_text)}</p>' if field.help_text else ""
        parts.append(
            f'\n  <div class="field{" has-error" if errors else ""}">\n'
            f'    <label for="{as_written(field.id_for_label)}">{as_written(field.label)}</label>\n'
            f"    {as_written(field)}\n"
            f"    {help_text}\n"
            "    "
            + "".join(f'<p class="error" role="alert">{as_written(error)}</p>' for error in errors)
            + "\n  </div>\n"
        )
    parts.append("\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value went through as_written


_SLOT = 987654321


def url_for_ids(name: str, *first: int) -> Callable[[int], str]:
    """``reverse(name, args=[*first, pk])`` for any number of ids at the cost of one
    reverse: the URL is reversed once with a placeholder for the last id, which each id
    then takes the place of (the pattern's last ``<int:…>``; the text around it is the
    same for every id)."""
    head, _, tail = reverse(name, args=[*first, _SLOT]).rpartition(str(_SLOT))
    return lambda pk: f"{head}{pk}{tail}"
