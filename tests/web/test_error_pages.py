"""403, 404, an expired form and 500 answer the site's own pages, with its navigation and a
way on; under /api/ they answer the API's JSON error shape instead."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, path

from mensch.accounts.models import User
from mensch.urls import handler403, handler404, handler500
from mensch.urls import urlpatterns as site_urlpatterns

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SECRET = "kaboom-internal-detail-3f9a"


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET)


# A test-only URLconf: the site's routes and its error handlers, plus a page that breaks.
urlpatterns: list[URLPattern | URLResolver] = [path("boom/", _boom), *site_urlpatterns]
__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
THIS_URLCONF = __name__


def broken_context_processor(request: HttpRequest) -> dict[str, Any]:
    raise RuntimeError("a context processor broke")


def _assert_site_page(html: str, *, member: bool) -> None:
    assert '<nav class="nav" aria-label="Main">' in html
    assert 'href="/static/mensch/mensch.css"' in html
    if member:
        assert '<a href="/dashboard/"' in html
        assert '<a href="/contacts/"' in html
    else:
        assert '<a href="/login/">Log in</a>' in html
    assert "Traceback" not in html
    assert SECRET not in html


@pytest.fixture
def browser_client() -> Client:
    """A client that answers 500 pages like the server does, instead of raising."""
    client = Client()
    client.raise_request_exception = False
    return client


@pytest.fixture
def refused_queries() -> Iterator[None]:
    """The database is down: any query raises."""

    def refuse(*args: object) -> None:
        raise RuntimeError("database unavailable")

    with connection.execute_wrapper(refuse):
        yield


def test_unknown_page_answers_a_styled_404_with_the_navigation(
    client: Client, login_as: Callable[[User], Client], owner: User
) -> None:
    answer = client.get("/no-such-page/")
    assert answer.status_code == 404
    html = answer.content.decode()
    _assert_site_page(html, member=False)
    assert "We couldn't find that page." in html
    assert '<a class="button" href="/">Go to the home page</a>' in html

    answer = login_as(owner).get("/contacts/999999/")
    assert answer.status_code == 404
    html = answer.content.decode()
    _assert_site_page(html, member=True)
    assert "We couldn't find that page." in html
    assert '<a class="button" href="/dashboard/">Go to your dashboard</a>' in html


def test_forbidden_page_says_why_with_the_navigation(
    login_as: Callable[[User], Client], owner: User
) -> None:
    answer = login_as(owner).get("/roi/organizer/")
    assert answer.status_code == 403
    html = answer.content.decode()
    _assert_site_page(html, member=True)
    assert "You can't open this page." in html
    assert "Only organizers see event outcomes." in html
    assert '<a class="button" href="/dashboard/">Go to your dashboard</a>' in html


def test_expired_form_answers_a_friendly_403(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    answer = client.post(
        "/contacts/new/",
        {"name": "Rui"},
        headers={"referer": "http://testserver/contacts/new/"},
    )
    assert answer.status_code == 403
    html = answer.content.decode()
    _assert_site_page(html, member=True)
    assert "Your form expired — reload and try again." in html
    assert '<a class="button" href="http://testserver/contacts/new/">Reload the page</a>' in html
    assert "CSRF verification failed" not in html


def test_expired_form_offers_no_link_back_to_another_site(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    answer = client.post(
        "/contacts/new/", {"name": "Rui"}, headers={"referer": "https://evil.example/"}
    )
    assert answer.status_code == 403
    assert "evil.example" not in answer.content.decode()


@override_settings(ROOT_URLCONF=THIS_URLCONF)
def test_a_broken_page_answers_a_styled_500_without_the_stack_trace(
    browser_client: Client,
) -> None:
    answer = browser_client.get("/boom/")
    assert answer.status_code == 500
    html = answer.content.decode()
    assert "Something went wrong on our side." in html
    assert '<a href="/dashboard/">Dashboard</a>' in html
    assert '<a href="/events/">Events</a>' in html
    assert 'href="/static/mensch/mensch.css"' in html
    assert "Traceback" not in html
    assert SECRET not in html


@override_settings(ROOT_URLCONF=THIS_URLCONF)
def test_the_500_page_renders_with_the_database_down(
    browser_client: Client, refused_queries: None
) -> None:
    answer = browser_client.get("/boom/")
    assert answer.status_code == 500
    html = answer.content.decode()
    assert "Something went wrong on our side." in html
    assert '<a href="/contacts/">Contacts</a>' in html


@override_settings(ROOT_URLCONF=THIS_URLCONF)
def test_the_500_page_renders_when_a_context_processor_is_broken(
    browser_client: Client, settings: Any
) -> None:
    template = dict(settings.TEMPLATES[0])
    options = dict(template["OPTIONS"])
    options["context_processors"] = [
        *options["context_processors"],
        f"{__name__}.broken_context_processor",
    ]
    template["OPTIONS"] = options
    settings.TEMPLATES = [template]
    # Every ordinary page now fails …
    assert browser_client.get("/").status_code == 500
    # … and the 500 page still says so, with the navigation.
    answer = browser_client.get("/boom/")
    assert answer.status_code == 500
    html = answer.content.decode()
    assert "Something went wrong on our side." in html
    assert '<a href="/events/">Events</a>' in html


@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize(
    "path",
    ["/api/v1/no-such-thing", "/api/v1/contacts/999999/nope", "/api/elsewhere"],
)
def test_unknown_api_paths_answer_json_for_every_method(
    login_as: Callable[[User], Client], owner: User, method: str, path: str
) -> None:
    answer = getattr(login_as(owner), method)(path)
    assert answer.status_code == 404
    assert answer["Content-Type"].startswith("application/json")
    assert answer.json() == {"status": 404, "detail": "Not found."}


def test_a_missing_row_inside_a_known_api_prefix_answers_json(
    login_as: Callable[[User], Client], owner: User
) -> None:
    answer = login_as(owner).get("/api/v1/contacts/999999")
    assert answer.status_code == 404
    assert answer.json() == {"status": 404, "detail": "Not found."}


def test_forbidden_api_operation_answers_json(
    login_as: Callable[[User], Client], owner: User
) -> None:
    answer = login_as(owner).get("/api/v1/goals/roi/organizer")
    assert answer.status_code == 403
    assert answer["Content-Type"].startswith("application/json")
    assert answer.json()["status"] == 403


def test_an_exception_inside_an_api_operation_answers_json_500(
    login_as: Callable[[User], Client], owner: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mensch.contacts import selectors

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(selectors, "tags_of", broken)
    client = login_as(owner)
    client.raise_request_exception = False
    answer = client.get("/api/v1/contacts/tags")
    assert answer.status_code == 500
    assert answer["Content-Type"].startswith("application/json")
    assert answer.json() == {
        "status": 500,
        "detail": "Something went wrong on our side. Please try again later.",
    }
    assert SECRET not in answer.content.decode()
