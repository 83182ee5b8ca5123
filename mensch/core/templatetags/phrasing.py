"""Template filters for sentences built from data; the rules live in ``mensch.phrasing``.

{% load phrasing %}
You gave {{ e.get_kind_display|with_article }} to Ann.   -> "an introduction", "advice"
{{ ask.text|need_phrase }}                               -> "Hiring: a chef?" -> "a chef"
{{ n|count:"meeting" }}                                  -> "1 meeting", "2 meetings"
"""

from __future__ import annotations

from django import template

from mensch import phrasing

register = template.Library()


@register.filter
def with_article(value: object) -> str:
    return phrasing.with_article(str(value))


@register.filter
def need_phrase(value: object) -> str:
    return phrasing.need_phrase(str(value))


@register.filter
def offer_phrase(value: object) -> str:
    return phrasing.offer_phrase(str(value))


@register.filter
def count(value: object, noun: str) -> str:
    """``noun`` may give the plural after a comma: ``{{ n|count:"person,people" }}``."""
    singular, _, plural_form = noun.partition(",")
    try:
        number = int(str(value))
    except ValueError:
        return f"{value} {plural_form or phrasing.pluralise(singular)}"
    return phrasing.plural(number, singular, plural_form or None)
