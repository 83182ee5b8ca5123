"""The site's 403, 404, CSRF-failure and 500 answers (wired as handler403/404/500 in mensch.urls
and CSRF_FAILURE_VIEW in settings).

A page under /api/ gets the API's JSON error shape (``{"status": …, "detail": …}``, as
mensch.api answers) instead of HTML: an exception that escapes an API operation reaches these
handlers, and a client of the API must still be able to read the answer.

The 500 page is rendered without the request: no context processor runs and nothing touches
the database, so it still renders when the database or a context processor is what broke.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"

# The navigation the 500 page shows as plain links: (label, URL name).
NAVIGATION = (
    ("Dashboard", "dashboard"),
    ("People to meet", "people_to_meet"),
    ("Events", "event_list"),
    ("Contacts", "contacts"),
    ("Follow-ups", "followups"),
    ("Find a specialist", "specialists"),
    ("Introductions", "introductions"),
    ("Connections", "connections"),
    ("Notifications", "notifications"),
)

FALLBACK_500 = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Something went wrong'
    " · Mensch</title></head><body><h1>Something went wrong on our side.</h1><p>Please try"
    ' again in a minute. <a href="/">Home</a> · <a href="/dashboard/">Dashboard</a></p>'
    "</body></html>"
)


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _api_error(status: int, detail: str) -> JsonResponse:
    """The API's error shape (mensch.api.ErrorOut), for errors Django answers itself."""
    return JsonResponse({"status": status, "detail": detail}, status=status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _api_error(404, "Not found.")
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The services raise PermissionDenied with a sentence meant for the member.
    reason = str(exception) if exception is not None else ""
    if _is_api(request):
        return _api_error(403, reason or "You may not do that.")
    return render(request, "403.html", {"reason": reason}, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form whose security token expired or was missing (CSRF_FAILURE_VIEW)."""
    if _is_api(request):
        return _api_error(
            403, "CSRF check failed: send the X-CSRFToken header, or use an API token."
        )
    referer = request.headers.get("referer", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return render(request, "403_csrf.html", {"back": referer if same_site else ""}, status=403)


def _nav_links() -> list[tuple[str, str]]:
    links = []
    for label, name in NAVIGATION:
        try:
            links.append((label, reverse(name)))
        except Exception:
            # A page that cannot be named is left out; the 500 page must still render.
            logger.warning("The 500 page leaves out %s: it has no URL.", name)
    return links


def _stylesheet() -> str:
    try:
        return static("mensch/mensch.css")
    except Exception:
        # For example no static manifest: the page goes unstyled rather than failing.
        return ""


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _api_error(500, "Something went wrong on our side. Please try again later.")
    context = {"links": _nav_links(), "stylesheet": _stylesheet()}
    try:
        # No request: no context processors, no session, no database.
        html = loader.get_template("500.html").render(context)
    except Exception:
        logger.exception("The 500 page itself failed to render.")
        html = FALLBACK_500
    return HttpResponse(html, status=500)
