"""Page-side glue shared by every app."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse


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
