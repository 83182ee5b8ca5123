"""Notification list, email preferences and the one-click unsubscribe page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.notifications import selectors, services


@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "notifications/list.html",
        {"notifications": selectors.recent_notifications(request.user)},
    )


@login_required
@require_POST
def notifications_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.notifications_mark_read(member=request.user)
    return redirect("notifications")


class EmailPreferenceForm(forms.Form):
    notifications = forms.BooleanField(
        required=False, label="Introduction requests, decisions and messages"
    )
    daily_digest = forms.BooleanField(
        required=False, label="A daily digest of follow-ups that are due"
    )


@login_required
def email_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    preference = services.email_preference(request.user)
    form = EmailPreferenceForm(
        request.POST or None,
        initial={
            "notifications": preference.notifications,
            "daily_digest": preference.daily_digest,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.email_preference_update(member=request.user, **form.cleaned_data)
        messages.success(request, "Email preferences saved.")
        return redirect("email_settings")
    return render(request, "notifications/email_settings.html", {"form": form})


# Mail clients post here without a session or CSRF token (RFC 8058 one-click); the
# signed token is the proof, and it can only ever switch an email topic off.
@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method != "POST":
        return render(request, "notifications/unsubscribe.html", {"token": token})
    result = services.unsubscribe_with_token(token)
    if result is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    _, topic = result
    return render(request, "notifications/unsubscribe.html", {"done": True, "topic": topic})
