"""Django's own widgets in place of Mensch's fast ones (``mensch.core.markup``), for the
tests that compare what the two write."""

from __future__ import annotations

from django import forms

from mensch.core.markup import FastCheckboxInput, FastDateInput, FastSelect, FastTextInput


def plain_widgets[F: forms.Form](form: F) -> F:
    """The same form with Django's own widgets in place of the fast ones."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, FastSelect):
            field.widget = forms.Select(choices=widget.choices, attrs=widget.attrs)
        elif isinstance(widget, FastDateInput):
            field.widget = forms.DateInput(attrs={**widget.attrs, "type": widget.input_type})
        elif isinstance(widget, FastCheckboxInput):
            field.widget = forms.CheckboxInput(attrs=widget.attrs)
        elif isinstance(widget, FastTextInput):
            field.widget = forms.TextInput(attrs=widget.attrs)
    return form
