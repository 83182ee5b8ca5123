"""Sign-up, log-in and personal API tokens. Views stay thin: parse, call a service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from mensch.accounts import selectors, services, throttles
from mensch.accounts.forms import LoginForm, SignupForm, TokenForm
from mensch.accounts.http import AuthenticatedHttpRequest
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


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None)
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
            user = services.member_signup(**form.cleaned_data)
        except services.EmailInUseError as exc:
            # Answer as a new address would not reveal it; the owner gets an email instead.
            if throttles.signup_notice_allowed(exc.email):
                services.signup_notice_send(email=exc.email)
            return render(request, "accounts/signup_check_email.html", {"email": exc.email})
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome to Mensch. Start with what you ask for and offer.")
            return redirect("profile_edit")
    return render(request, "accounts/signup.html", {"form": form})


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
