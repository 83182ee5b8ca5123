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

``{% navigation_links %}`` is the main navigation's links, written here in Python rather
than in the base template: for a member, the main links (the current page marked), the
unread badge and the menu (organizer and staff entries as they apply, the log-out form);
for a visitor, log in and join. As template tags it was some 100 nodes, which every page
paid twice: once rendering them and once more when ``{% extends %}`` walks the whole base
template for its blocks. tests/core/test_navigation_links.py holds the template it
replaced and checks it renders the same, byte for byte.
"""

from __future__ import annotations

from threading import Lock
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from django import template
from django.core.files.storage import storages
from django.template.base import render_value_in_context
from django.template.defaulttags import CsrfTokenNode
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


# The main links: URL name, label, and the pages (URL names) on which it is the current one.
_MAIN_LINKS = (
    ("dashboard", "Dashboard", ("dashboard",)),
    ("people_to_meet", "People to meet", ("people_to_meet",)),
    ("event_list", "Events", ("event_list",)),
    ("contacts", "Contacts", ("contacts",)),
    ("followups", "Follow-ups", ("followups",)),
    ("specialists", "Find a specialist", ("specialists",)),
    ("introductions", "Introductions", ("introductions",)),
    ("connections", "Connections", ("connections", "thread")),
)
# The member's menu: URL name and label, in three runs around the organizer's and staff's.
_MENU = (
    ("profile_edit", "My profile"),
    ("scan_code", "My code to connect"),
    ("directory", "Directory"),
    ("meetings", "Meetings"),
    ("introduction_broker", "Introduce two people"),
    ("trust_mine", "My trust"),
    ("ledger", "Give-first ledger"),
    ("referral_exchanges", "Referral exchanges"),
    ("goals", "Goals"),
    ("roi", "ROI"),
)
_ORGANIZER_MENU = (
    ("events_organized", "My events (organizer)"),
    ("roi_organizer", "Event outcomes"),
)
_STAFF_MENU = (("endorsement_review_list", "Review endorsements"),)
_SETTINGS_MENU = (
    ("email_settings", "Email preferences"),
    ("calendar_settings", "Calendar feed"),
    ("time_zone_settings", "Time zone"),
    ("tokens", "API tokens"),
    ("data_export", "All my data"),
)
_NAMES = (
    *(name for name, _, _ in _MAIN_LINKS),
    "notifications",
    *(name for name, _ in _MENU + _ORGANIZER_MENU + _STAFF_MENU + _SETTINGS_MENU),
    "logout",
    "login",
    "signup",
)


_INDENT = {"main": " " * 10, "menu": " " * 16}


def _item(href: str, label: str, attributes: str | None = None) -> str:
    """A list item with one link; ``attributes`` ("" included) follow the address after a
    space, as the template wrote them."""
    more = "" if attributes is None else f" {attributes}"
    return f'<li><a href="{href}"{more}>{label}</a></li>'


class _Links:
    """Every address the navigation carries, reversed once per resolver, script prefix and
    escaping, and the markup that depends on nothing else."""

    def __init__(self, urlconf: str | None, autoescape: bool) -> None:
        address = {}
        for name in _NAMES:
            reversed_ = reverse(name, urlconf=urlconf)
            address[name] = str(conditional_escape(reversed_)) if autoescape else reversed_
        self.address = address

        def lines(links: tuple[tuple[str, str], ...]) -> str:
            return "".join(f"{_INDENT['menu']}{_item(address[n], label)}\n" for n, label in links)

        self.menu = lines(_MENU)
        self.organizer = "".join(_item(address[n], label) for n, label in _ORGANIZER_MENU)
        self.staff = "".join(_item(address[n], label) for n, label in _STAFF_MENU)
        self.settings = lines(_SETTINGS_MENU)
        self.log_out = (
            f"{_INDENT['menu']}<li>\n"
            f'{_INDENT["menu"]}  <form method="post" action="{address["logout"]}"'
            ' class="inline-form">\n'
            f"{_INDENT['menu']}    "
        )
        self.visitor = (
            '\n        <ul class="nav-links">\n'
            f"{_INDENT['main']}{_item(address['login'], 'Log in')}\n"
            f'{_INDENT["main"]}<li><a class="button button-small" href="{address["signup"]}">'
            "Join</a></li>\n"
            "        </ul>\n      "
        )


_MEMBER_OPEN = (
    "\n        "
    '<button type="button" class="nav-toggle" aria-expanded="false"'
    ' aria-controls="nav-links" hidden>Menu</button>\n'
    "        \n"
    '        <ul class="nav-links" id="nav-links">\n'
)
_MENU_OPEN = (
    f'{_INDENT["main"]}<li class="nav-menu">\n'
    f'{_INDENT["main"]}  <details class="menu">\n'
    f"{_INDENT['main']}    <summary>"
)
_MENU_LIST = f'</summary>\n{_INDENT["main"]}    <ul class="menu-list">\n'
_MEMBER_CLOSE = (
    "\n"
    f'{_INDENT["menu"]}    <button type="submit" class="link-button">Log out</button>\n'
    f"{_INDENT['menu']}  </form>\n"
    f"{_INDENT['menu']}</li>\n"
    f"{_INDENT['main']}    </ul>\n"
    f"{_INDENT['main']}  </details>\n"
    f"{_INDENT['main']}</li>\n"
    "        </ul>\n"
    "        \n"
    "      "
)
_CURRENT = 'aria-current="page"'

_link_sets: WeakKeyDictionary[Any, dict[tuple[str, bool], _Links]] = WeakKeyDictionary()


def _links(context: Context) -> _Links:
    prefix, urlconf, resolver = _where(context)
    key = (prefix, bool(context.autoescape))
    links = _link_sets.get(resolver, {}).get(key)
    if links is None:
        links = _Links(urlconf, key[1])
        with _lock:
            _link_sets.setdefault(resolver, {})[key] = links
    return links


def _called(value: Any) -> Any:
    """A callable as a template variable reads it: called, unless it says not to be."""
    if callable(value) and not getattr(value, "do_not_call_in_templates", False):
        return value()
    return value


def _lookup(value: Any, attribute: str) -> Any:
    """``value.attribute`` as a template variable reads it: missing is ``""``."""
    return _called(getattr(value, attribute, ""))


class NavigationLinksNode(template.Node):
    child_nodelists = ()

    def __repr__(self) -> str:
        return "<NavigationLinksNode>"

    def render(self, context: Context) -> str:
        links = _links(context)
        user = context.get("user", "")
        if not _lookup(user, "is_authenticated"):
            return links.visitor
        here = _lookup(_lookup(context.get("request", ""), "resolver_match"), "url_name")
        address = links.address
        parts = [_MEMBER_OPEN]
        for name, label, current_on in _MAIN_LINKS:
            current = _CURRENT if here in current_on else ""
            parts.append(f"{_INDENT['main']}{_item(address[name], label, current)}\n")
        count = _called(context.get("unread_notifications", ""))
        label = "Notifications"
        if count:
            shown = render_value_in_context(count, context)
            label += f' <span class="badge" aria-label="{shown} unread">{shown}</span>'
        current = _CURRENT if here == "notifications" else ""
        first_name = _lookup(user, "first_name") or "Me"
        parts += [
            f"{_INDENT['main']}{_item(address['notifications'], label, current)}\n",
            _MENU_OPEN,
            render_value_in_context(first_name, context),
            _MENU_LIST,
            links.menu,
            f"{_INDENT['menu']}{links.organizer if _lookup(user, 'is_organizer') else ''}\n",
            f"{_INDENT['menu']}{links.staff if _lookup(user, 'is_staff') else ''}\n",
            links.settings,
            links.log_out,
            CsrfTokenNode().render(context),
            _MEMBER_CLOSE,
        ]
        return "".join(parts)


@register.tag
def navigation_links(parser: Parser, token: Token) -> NavigationLinksNode:
    """``{% navigation_links %}``: the main navigation's links for the member or visitor."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("navigation_links takes nothing.")
    return NavigationLinksNode()
