"""Sign-up, log-in and personal API tokens. Views stay thin: parse, call a service, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mensch.accounts import confirmation, selectors, services, throttles
from mensch.accounts.forms import (
    ConfirmPasswordForm,
    LoginForm,
    ResendForm,
    SignupForm,
    TokenForm,
)
from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.accounts.models import User
from mensch.core.forms import apply_errors


def _throttled(request: HttpRequest, *, heading: str, message: str) -> HttpResponse:
    return render(
        request, "accounts/throttled.html", {"heading": heading, "message": message}, status=429
    )


class LoginView(auth_views.LoginView):
    """Django's log-in, refusing a client that failed too many log-ins across accounts.

    django-axes pauses one account from one address; spraying one password over many
    accounts never trips that, so failures are also counted per client.
    """

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if throttles.login_blocked(request):
            return _throttled(
                request,
                heading="Too many failed log-ins",
                message=(
                    "Too many log-ins failed from your network in the last hour, so log-ins "
                    "from it are paused. Try again later, or reset your password."
                ),
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        throttles.login_failed(self.request)
        return super().form_invalid(form)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with at most a few emails per address and per client an hour.

    Over the per-address limit the page answers as always and sends nothing (it must not
    tell whether the address has an account); over the per-client limit it says so.
    """

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if not throttles.reset_client_allowed(self.request):
            return _throttled(
                self.request,
                heading="Too many reset requests",
                message=(
                    "Too many password resets were asked for from your network in the last "
                    "hour. Wait a while, then try again; a link sent earlier still works."
                ),
            )
        if not throttles.reset_address_allowed(form.cleaned_data["email"]):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


BROWSER_KEY = "signup_browser_key"


def _browser_key(request: HttpRequest) -> str:
    """This browser's sign-up key, kept in its session (made on its first sign-up)."""
    key = request.session.get(BROWSER_KEY)
    if not isinstance(key, str) or not key:
        key = services.browser_key_new()
        request.session[BROWSER_KEY] = key
    return key


def _check_email(request: HttpRequest, email: str) -> HttpResponse:
    """The one answer to a sign-up or a request for the link again, whatever the address."""
    return render(
        request,
        "accounts/signup_check_email.html",
        {"email": email, "hours": settings.SIGNUP_CONFIRM_HOURS},
    )


def signup(request: HttpRequest) -> HttpResponse:
    """Sign-up answers "check your email" for every address: a new one gets a link to
    confirm it (no account exists until then), a registered one's owner a note to log in;
    which it was shows neither in the page, its status, nor the work done for it."""
    next_url = confirmation.safe_next(request.POST.get("next") or request.GET.get("next"))
    if request.user.is_authenticated:
        return redirect(next_url or "dashboard")
    form = SignupForm(request.POST or None, initial={"email": request.GET.get("email", "")[:254]})
    if request.method == "POST" and form.is_valid():
        if not throttles.signup_allowed(request):
            return _throttled(
                request,
                heading="Too many new accounts",
                message=(
                    "Too many accounts were created from your network in the last hour. "
                    "Please try again later."
                ),
            )
        try:
            email = services.signup_request(**form.cleaned_data, browser_key=_browser_key(request))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if throttles.signup_notice_allowed(email):
                services.signup_email_queue(email, next_url)
            return _check_email(request, email)
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


def signup_resend(request: HttpRequest) -> HttpResponse:
    """Send the confirmation link again; answers the same for any address."""
    form = ResendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttles.resend_client_allowed(request):
            return _throttled(
                request,
                heading="Too many requests",
                message=(
                    "Too many links were asked for from your network in the last hour. "
                    "Wait a while, then try again; a link sent earlier still works."
                ),
            )
        email = throttles.normalize_email(form.cleaned_data["email"])
        if throttles.signup_notice_allowed(email):
            services.signup_email_queue(email)
        return _check_email(request, email)
    return render(request, "accounts/signup_resend.html", {"form": form})


LINK_ERRORS = (
    confirmation.LinkExpiredError,
    confirmation.LinkInvalidError,
    services.LinkUsedError,
)


def _link_problem(request: HttpRequest, error: Exception) -> HttpResponse:
    """A clear page for a link that does not work (any more), with a way on."""
    if isinstance(error, confirmation.LinkExpiredError):
        kind, email, status = "expired", error.email, 410
    elif isinstance(error, services.LinkUsedError):
        kind, email, status = "used", error.email, 410
    else:
        kind, email, status = "invalid", "", 400
    return render(
        request,
        "accounts/signup_link_problem.html",
        {"kind": kind, "email": email, "hours": settings.SIGNUP_CONFIRM_HOURS},
        status=status,
    )


def _welcome(request: HttpRequest, user: User, token: str) -> HttpResponse:
    """Sign the new member in and show them the profile to fill in, or the page their
    sign-up started from (an invitation's ``next``, carried in the signed link)."""
    request.session.pop(BROWSER_KEY, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, "Welcome to Mensch. Start with what you ask for and offer.")
    try:
        next_url = confirmation.read_token(token).next_url
    except LINK_ERRORS:
        next_url = ""
    return redirect(next_url or "profile_edit")


@never_cache
def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link. The browser that signed up is signed straight in; any other
    browser chooses the password first (see :class:`~mensch.accounts.models.PendingSignup`),
    which also keeps a link preview or a mail scanner from using the link up."""
    try:
        pending = services.pending_for_link(token)
    except LINK_ERRORS as exc:
        return _link_problem(request, exc)
    form = ConfirmPasswordForm(
        request.POST or None,
        initial={"first_name": pending.first_name, "last_name": pending.last_name},
    )
    try:
        if request.method != "POST":
            key = request.session.get(BROWSER_KEY)
            return _welcome(
                request,
                services.signup_confirm(
                    token=token, browser_key=key if isinstance(key, str) else ""
                ),
                token,
            )
        if form.is_valid():
            try:
                return _welcome(
                    request,
                    services.signup_confirm_with_password(token=token, **form.cleaned_data),
                    token,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
    except services.PasswordNeededError:
        pass
    except LINK_ERRORS as exc:
        return _link_problem(request, exc)
    return render(
        request,
        "accounts/signup_confirm_password.html",
        {"form": form, "email": pending.email},
        status=422 if form.is_bound else 200,
    )


@login_required
def tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _, new_secret = services.api_token_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": selectors.own_tokens(request.user), "new_secret": new_secret},
    )


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    token = selectors.own_token(user=request.user, token_id=token_id)
    services.api_token_revoke(token=token)
    messages.success(request, f"Token “{token.name}” revoked; it no longer works.")
    return redirect("tokens")
