"""Markup written in Python where a template's loops cost more than the rest of a page:
each value written as a template's ``{{ value }}`` writes it (localized, then escaped), and
tests hold the output to the template's, byte for byte."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def as_written(value: object) -> str:
    """``value`` as a template's ``{{ value }}`` writes it: localized, then escaped."""
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


class FastSelect(forms.Select):
    """Django's ``Select``, its markup (``select.html``, one ``select_option.html`` per
    choice) written in Python: the same bytes, without a template include per option (the
    ledger form lists every person and contact of the member)."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
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
