"""{% navigation_links %}: byte for byte what the template tags it replaced render."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import WSGIRequest
from django.template import Context, Template, TemplateSyntaxError, engines
from django.test import RequestFactory
from django.urls import resolve, set_script_prefix

from mensch.accounts.models import User

pytestmark = [pytest.mark.integration]

REFERENCE = (
    (Path(__file__).resolve().parent / "navigation_reference.html")
    .read_text(encoding="utf-8")
    .removesuffix("\n")
)

# Every page the main navigation marks, one it doesn't, and pages without a resolved name.
PATHS = [
    "/dashboard/",
    "/people-to-meet/",
    "/events/",
    "/contacts/",
    "/followups/",
    "/specialists/",
    "/introductions/",
    "/connections/",
    "/notifications/",
    "/settings/time-zone/",
]


@pytest.fixture(autouse=True)
def _root_prefix() -> Iterator[None]:
    yield
    set_script_prefix("/")


def _pair(source_tail: str = "") -> tuple[Any, Any]:
    """The tag and the template tags it replaced, as the Django backend's templates."""
    engine = engines["django"]
    new = engine.from_string("{% load navigation %}{% navigation_links %}" + source_tail)
    old = engine.from_string(REFERENCE + source_tail)
    return new, old


def _without_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", html)


def _member(**fields: object) -> User:
    values: dict[str, object] = {"email": "ada@example.org", "first_name": "Ada", **fields}
    return User(pk=7, **values)


def _request(path: str, user: User | AnonymousUser) -> WSGIRequest:
    request = RequestFactory().get(path)
    request.user = user
    request.resolver_match = resolve(path)
    return request


def test_every_page_and_role_renders_as_the_template_tags(db: None) -> None:
    new, old = _pair()
    roles = list(itertools.product([False, True], [False, True]))
    for path, (organizer, staff), count in itertools.product(PATHS, roles, [0, 1, 12]):
        member = _member(is_organizer=organizer, is_staff=staff)
        request = _request(path, member)
        context = {"unread_notifications": lambda count=count: count}
        html = new.render(context, request)
        assert _without_token(html) == _without_token(old.render(context, request))
        assert ('aria-current="page"' in html) == (path != "/settings/time-zone/")
        assert ("Event outcomes" in html) == organizer
        assert ("Review endorsements" in html) == staff
        assert (f'aria-label="{count} unread"' in html) == (count > 0)
        assert 'name="csrfmiddlewaretoken"' in html


@pytest.mark.parametrize("first_name", ["", "Zoë", "<b>Bo & Co</b>", "{{ x }}"])
def test_the_members_name_is_escaped_or_me_as_before(db: None, first_name: str) -> None:
    new, old = _pair()
    request = _request("/connections/", _member(first_name=first_name))
    html = new.render({}, request)
    assert _without_token(html) == _without_token(old.render({}, request))
    assert "<b>" not in html
    shown = first_name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f"<summary>{shown or 'Me'}</summary>" in html


def test_a_visitor_gets_log_in_and_join(db: None) -> None:
    new, old = _pair()
    for path in ("/login/", "/signup/", "/dashboard/"):
        request = _request(path, AnonymousUser())
        html = new.render({}, request)
        assert html == old.render({}, request)
        assert 'href="/login/"' in html
        assert "Log out" not in html


def test_without_a_request_or_user_it_is_the_visitors_links() -> None:
    new, old = _pair()
    assert new.render({}) == old.render({})
    assert "Log in" in new.render({})


def test_a_page_without_a_resolved_name_marks_no_link(db: None) -> None:
    """The 404 page: the request has no resolver match."""
    new, old = _pair()
    request = RequestFactory().get("/nowhere/")
    request.user = _member()
    request.resolver_match = None
    html = new.render({}, request)
    assert _without_token(html) == _without_token(old.render({}, request))
    assert "aria-current" not in html


def test_the_script_prefix_and_autoescape_are_followed(db: None) -> None:
    for prefix in ("/", "/sub/", "/a&b/"):
        set_script_prefix(prefix)
        for tail in ("", "{% autoescape off %}{% endautoescape %}"):
            new, old = _pair(tail)
            for user in (_member(), AnonymousUser()):
                request = _request("/dashboard/", user)
                html = new.render({}, request)
                assert _without_token(html) == _without_token(old.render({}, request))
        off_new = Template(
            "{% load navigation %}{% autoescape off %}{% navigation_links %}{% endautoescape %}"
        )
        off_old = Template("{% autoescape off %}" + REFERENCE + "{% endautoescape %}")
        request = _request("/dashboard/", _member(first_name="A&B"))
        context = Context({"request": request, "user": request.user, "csrf_token": "tok"})
        assert off_new.render(context) == off_old.render(context)
        assert "<summary>A&B</summary>" in off_new.render(context)
        assert f'href="{prefix}dashboard/"' in off_new.render(context)


def test_without_a_token_the_log_out_form_has_none_as_before(db: None) -> None:
    """Rendered outside a request (no CSRF token in the context), as {% csrf_token %}."""
    new = Template("{% load navigation %}{% navigation_links %}")
    old = Template(REFERENCE)
    member = _member()
    for token in (None, "abc"):
        context = {"user": member, **({"csrf_token": token} if token else {})}
        assert new.render(Context(context)) == old.render(Context(context))


def test_the_tag_takes_nothing() -> None:
    with pytest.raises(TemplateSyntaxError, match="takes nothing"):
        Template("{% load navigation %}{% navigation_links 'x' %}")
