"""{% fixed_url %} and {% fixed_static %}: the same addresses as {% url %} and {% static %}."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template, TemplateSyntaxError, engines
from django.test import RequestFactory
from django.urls import resolve, reverse, set_script_prefix

from mensch.accounts.models import User
from mensch.notifications.models import Notification

pytestmark = [pytest.mark.integration]

BASE = Path(__file__).resolve().parents[2] / "mensch" / "web" / "templates" / "base.html"
# The navigation's links as template tags: what {% navigation_links %} replaced.
NAVIGATION = Path(__file__).resolve().parent / "navigation_reference.html"


def render(source: str, context: dict[str, object] | None = None) -> str:
    return Template("{% load navigation %}" + source).render(Context(context or {}))


@pytest.fixture
def script_prefix() -> Iterator[Callable[[str], None]]:
    yield set_script_prefix
    set_script_prefix("/")


def test_a_fixed_url_is_the_reversed_url() -> None:
    assert render("{% fixed_url 'dashboard' %}") == reverse("dashboard")
    assert render('{% fixed_url "time_zone_settings" %}') == reverse("time_zone_settings")
    assert render("{% fixed_url 'api:openapi-view' %}") == reverse("api:openapi-view")


def test_a_fixed_url_follows_the_script_prefix(script_prefix: Callable[[str], None]) -> None:
    assert render("{% fixed_url 'dashboard' %}") == "/dashboard/"
    script_prefix("/mensch/")
    assert render("{% fixed_url 'dashboard' %}") == "/mensch/dashboard/"
    script_prefix("/")
    assert render("{% fixed_url 'dashboard' %}") == "/dashboard/"


def test_a_fixed_static_is_the_static_url(settings: object) -> None:
    source = "{% load static %}{% static 'mensch/mensch.css' %}"
    assert render("{% fixed_static 'mensch/mensch.css' %}") == Template(source).render(Context())
    # New settings, a new storage: the address is not kept from the old one.
    settings.STATIC_URL = "/assets/"  # type: ignore[attr-defined]
    assert render("{% fixed_static 'mensch/mensch.css' %}") == "/assets/mensch/mensch.css"


def test_an_unknown_name_fails_as_url_does() -> None:
    with pytest.raises(Exception, match="nowhere"):
        render("{% fixed_url 'nowhere' %}")


@pytest.mark.parametrize(
    "source",
    [
        "{% fixed_url %}",
        "{% fixed_url name %}",
        "{% fixed_url 'thread' 3 %}",
        "{% fixed_url 'dashboard' as here %}",
        "{% fixed_static path %}",
        "{% fixed_static 'a' 'b' %}",
    ],
)
def test_only_a_quoted_name_is_taken(source: str) -> None:
    with pytest.raises(TemplateSyntaxError, match="quoted"):
        render(source)


def _as_django_tags(source: str) -> str:
    """base.html as it was written with Django's own tags."""
    source = source.replace(
        "{% navigation_links %}", NAVIGATION.read_text(encoding="utf-8").removesuffix("\n")
    )
    source = re.sub(r"\{% fixed_url ('[^']+') %\}", r"{% url \1 %}", source)
    source = re.sub(r"\{% fixed_static ('[^']+') %\}", r"{% static \1 %}", source)
    return source.replace("{% load navigation %}", "{% load static %}", 1)


def _without_tokens(html: str) -> str:
    """CSRF tokens are masked afresh each time they are shown."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", html)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "TOKEN", html)


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [True, False])
@pytest.mark.parametrize("path", ["/settings/time-zone/", "/connections/", "/login/"])
def test_the_base_template_renders_as_with_url_and_static(
    owner: User, signed_in: bool, path: str, script_prefix: Callable[[str], None]
) -> None:
    source = BASE.read_text(encoding="utf-8")
    assert "{% url " not in source
    assert "{% static " not in source
    engine = engines["django"]
    fixed, plain = engine.from_string(source), engine.from_string(_as_django_tags(source))
    owner.is_staff = owner.is_organizer = True
    for title in ("One", "Two"):
        Notification.objects.create(recipient=owner, kind="test", title=title)
    for prefix in ("/", "/sub/"):
        script_prefix(prefix)
        request = RequestFactory().get(path)
        request.user = owner if signed_in else AnonymousUser()
        request.resolver_match = resolve(path)
        html = fixed.render(request=request)
        assert _without_tokens(html) == _without_tokens(plain.render(request=request))
        assert 'aria-label="2 unread"' in html or not signed_in
        assert f'href="{prefix}settings/time-zone/"' in html or not signed_in
        assert f'href="{prefix}login/"' in html or signed_in


def test_autoescape_off_gives_the_address_as_is() -> None:
    assert render("{% autoescape off %}{% fixed_url 'dashboard' %}{% endautoescape %}") == (
        "/dashboard/"
    )
