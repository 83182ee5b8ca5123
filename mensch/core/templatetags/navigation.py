"""The links every page carries (navigation, footer, styles, scripts), worked out once.

{% load navigation %}
<a href="{% fixed_url 'dashboard' %}">Dashboard</a>
<link rel="stylesheet" href="{% fixed_static 'mensch/mensch.css' %}">

``{% fixed_url %}`` is ``{% url %}`` for a quoted name without arguments: such an address
depends only on the URLconf, the script prefix (``SCRIPT_NAME``) and, for a namespaced
name, the current app, so it is reversed once for each of them and then read back.
``{% fixed_static %}`` is ``{% static %}`` for a quoted path: the address depends only on
the static files storage (a new one when a test changes its settings; the manifest of
hashed names is read when it is made) and the script prefix. The base template carries
some 30 links, and reversing them all was a tenth of what the cheapest signed-in page
costs. Anything that takes arguments or a variable stays with ``{% url %}`` and
``{% static %}``.
"""

from __future__ import annotations

from threading import Lock
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from django import template
from django.core.files.storage import storages
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

if TYPE_CHECKING:
    from django.template.base import Parser, Token
    from django.template.context import Context
    from django.urls.resolvers import URLResolver

register = template.Library()

# Per URL resolver (a new one after clear_url_caches) or static files storage, per
# (script prefix, current app or None, name or path): the address, and the address
# escaped for HTML.
_Known = dict[tuple[str, str | None, str], tuple[str, str]]
_addresses: WeakKeyDictionary[Any, _Known] = WeakKeyDictionary()
_lock = Lock()
# Where the render context keeps the script prefix, URLconf and its resolver.
_WHERE = "mensch.navigation.where"


def _where(context: Context) -> tuple[str, str | None, URLResolver]:
    """The script prefix, the URLconf (thread-locals) and its resolver, found once per
    template."""
    where: tuple[str, str | None, URLResolver] | None = context.render_context.get(_WHERE)
    if where is None:
        urlconf = get_urlconf()
        where = (get_script_prefix(), urlconf, get_resolver(urlconf))
        context.render_context[_WHERE] = where
    return where


def _current_app(context: Context) -> str | None:
    """As ``{% url %}`` finds it."""
    request = getattr(context, "request", None)
    try:
        return request.current_app  # type: ignore[union-attr]
    except AttributeError:
        try:
            return request.resolver_match.namespace  # type: ignore[union-attr]
        except AttributeError:
            return None


def _known(owner: object, key: tuple[str, str | None, str]) -> tuple[str, str] | None:
    known = _addresses.get(owner)
    return None if known is None else known.get(key)


def _remember(owner: object, key: tuple[str, str | None, str], address: str) -> tuple[str, str]:
    found = (address, str(conditional_escape(address)))
    with _lock:
        _addresses.setdefault(owner, {})[key] = found
    return found


class FixedURLNode(template.Node):
    child_nodelists = ()

    def __init__(self, view_name: str) -> None:
        self.view_name = view_name
        self.namespaced = ":" in view_name

    def __repr__(self) -> str:
        return f"<FixedURLNode view_name={self.view_name!r}>"

    def render(self, context: Context) -> str:
        prefix, urlconf, resolver = _where(context)
        current_app = _current_app(context) if self.namespaced else None
        key = (prefix, current_app, self.view_name)
        found = _known(resolver, key)
        if found is None:
            address = reverse(self.view_name, urlconf=urlconf, current_app=current_app)
            found = _remember(resolver, key, address)
        return found[1] if context.autoescape else found[0]


class FixedStaticNode(template.Node):
    child_nodelists = ()

    def __init__(self, path: str) -> None:
        self.path = path

    def __repr__(self) -> str:
        return f"<FixedStaticNode path={self.path!r}>"

    def render(self, context: Context) -> str:
        storage = storages["staticfiles"]
        key = (_where(context)[0], None, self.path)
        found = _known(storage, key)
        if found is None:
            found = _remember(storage, key, storage.url(self.path))
        return found[1] if context.autoescape else found[0]


def _quoted(token: Token, what: str) -> str:
    bits = token.split_contents()
    value = bits[1] if len(bits) == 2 else ""
    if len(value) < 3 or value[0] != value[-1] or value[0] not in "'\"":
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes one quoted {what} and nothing else; "
            f"use {{% {bits[0].removeprefix('fixed_')} %}} for more."
        )
    return value[1:-1]


@register.tag
def fixed_url(parser: Parser, token: Token) -> FixedURLNode:
    """``{% fixed_url 'name' %}``: a quoted URL name, no arguments."""
    return FixedURLNode(_quoted(token, "URL name"))


@register.tag
def fixed_static(parser: Parser, token: Token) -> FixedStaticNode:
    """``{% fixed_static 'path' %}``: a quoted static file path."""
    return FixedStaticNode(_quoted(token, "path"))
