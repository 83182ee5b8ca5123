"""Page-side glue shared by every app."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from mensch.core.prepared import PreparedRead

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


_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@cache
def _member_by_pk() -> PreparedRead[AbstractBaseUser]:
    """Made on first use, when the user model is known."""
    return PreparedRead(auth.get_user_model(), ("pk", "="))


def signed_in_user(request: HttpRequest) -> AbstractBaseUser | AnonymousUser:
    """``django.contrib.auth.get_user``, with the member read by a prepared read.

    Only the common case is answered here: the session names a member who logged in with
    the password (``ModelBackend``), who may still log in (active) and whose session hash
    is the current one. Anything else (no member in the session, another backend, a member
    deleted or deactivated, a changed password, a hash from a retired secret key) goes to
    Django's ``get_user``, which reads again and logs out, or rotates the session, as it
    always does.
    """
    session = request.session
    try:
        user_id = auth.get_user_model()._meta.pk.to_python(session[auth.SESSION_KEY])
        backend_path = session[auth.BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    if backend_path == _MODEL_BACKEND and backend_path in settings.AUTHENTICATION_BACKENDS:
        user = _member_by_pk()(user_id)
        session_hash = session.get(auth.HASH_SESSION_KEY)
        if (
            user is not None
            and ModelBackend().user_can_authenticate(user)  # type: ignore[arg-type]
            and session_hash
            and constant_time_compare(session_hash, user.get_session_auth_hash())
        ):
            return user
    return auth.get_user(request)


class MemberAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's ``AuthenticationMiddleware``, ``request.user`` read by :func:`signed_in_user`.

    Every signed-in page reads its member; through the ORM that read cost about as much
    Python as the rest of the cheapest page's floor together.
    """

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _cached_user(request))  # type: ignore[assignment]


def _cached_user(request: HttpRequest) -> AbstractBaseUser | AnonymousUser:
    """As Django's middleware keeps it: one read a request, where ``login`` finds it."""
    if not hasattr(request, "_cached_user"):
        request._cached_user = signed_in_user(request)  # type: ignore[attr-defined]
    return request._cached_user  # type: ignore[attr-defined]
