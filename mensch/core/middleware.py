"""Page-side glue shared by every app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

# Answers that are a member's own data wherever they are asked for without a session:
# the API (token auth), the calendar feed (a secret address) and downloads.
_PRIVATE_CONTENT_TYPES = ("text/calendar", "text/vcard", "text/x-vcard")


class NotFoundMiddleware:
    """Selectors raise ``DoesNotExist`` for rows the viewer may not see; pages answer 404.

    The same selectors serve the API, whose exception handler does the same, so a
    stranger cannot tell "not yours" from "does not exist".
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, ObjectDoesNotExist):
            raise Http404("Not found.") from exception


def is_private_answer(request: HttpRequest, response: HttpResponse) -> bool:
    """A signed-in member's page, an API answer, a calendar feed or a download."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    if request.path.startswith("/api/"):
        return True
    content_type = str(response.get("Content-Type", "")).split(";")[0].strip().lower()
    if content_type in _PRIVATE_CONTENT_TYPES:
        return True
    return str(response.get("Content-Disposition", "")).lower().startswith("attachment")


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on everything that belongs to one member.

    Without it a shared proxy or the browser's disk cache may keep a member's contacts,
    notes or export after they log out, and the back button shows them to the next person
    at a shared computer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_private_answer(request, response):
            if "Cache-Control" in response:
                # Nothing may say otherwise: drop public/max-age a view may have set.
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
        return response


class OversizeFormMiddleware:
    """A page form larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` answers 413 with a message.

    Django raises ``RequestDataTooBig`` when the form is first read, by the CSRF check
    right after this, which ends as a bare "400 Bad Request". Reading it here a moment
    earlier, for exactly the posts the CSRF check reads, turns that into a page that says
    what happened. Views exempt from CSRF and the API (its own limits and JSON errors) are
    left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if request.method != "POST" or request.path.startswith("/api/"):
            return None
        if getattr(view_func, "csrf_exempt", False):
            return None  # its view reads the body itself, maybe with its own upload handlers
        try:
            request.POST  # noqa: B018 -- reading the form is the check
        except RequestDataTooBig:
            return render(request, "web/too_large.html", status=413)
        return None
