"""Connections, message threads and blocking."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.connections import selectors, services
from mensch.connections.models import MESSAGE_MAX, Connection
from mensch.core.coach import coach_draft
from mensch.core.forms import apply_errors
from mensch.core.htmx import is_htmx
from mensch.profiles.models import Profile
from mensch.profiles.selectors import profile_for_viewer


class MessageForm(forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_MAX}),
        required=False,
        label="Your message",
    )
    # The listening coach's "send anyway" for a first message that reads like a pitch.
    confirm_pitch = forms.BooleanField(required=False, label="Send it anyway")


@login_required
def connections(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "connections/list.html", {"rows": selectors.connection_rows(request.user)}
    )


def _thread_of(request: AuthenticatedHttpRequest, profile_id: int) -> tuple[Profile, Connection]:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    connection = selectors.connection_between(request.user, profile.user)
    if connection is None:
        raise Http404("You are not connected with this member.")
    return profile, connection


@login_required
def thread(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponse:
    profile, connection = _thread_of(request, profile_id)
    form = MessageForm(request.POST or None)
    coach = None
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        try:
            services.message_send(
                sender=request.user,
                recipient=profile.user,
                body=body,
                confirm_pitch=form.cleaned_data["confirm_pitch"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
            if "confirm_pitch" in form.errors:
                coach = coach_draft(body, recipient_name=profile.name, context="first_message")
        else:
            form = MessageForm()
            if not is_htmx(request):
                return redirect("thread", profile_id=profile_id)
    services.thread_mark_read(reader=request.user, connection=connection)
    thread_messages = list(selectors.thread_messages(connection))
    context = {
        "profile": profile,
        "thread_messages": thread_messages,
        "form": form,
        "is_first_message": not thread_messages,
        "coach": coach,
        "confirm_errors": form.errors.get("confirm_pitch", []),
    }
    if is_htmx(request):
        return render(
            request, "connections/thread.html#thread", context, status=422 if form.errors else 200
        )
    return render(request, "connections/thread.html", context)


@login_required
def thread_poll(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponse:
    """The thread's messages alone, polled while the page is open: a reply appears
    without a reload and the composer (with any draft) is never swapped."""
    profile, connection = _thread_of(request, profile_id)
    services.thread_mark_read(reader=request.user, connection=connection)
    context = {"profile": profile, "thread_messages": list(selectors.thread_messages(connection))}
    return render(request, "connections/thread.html#messages", context)


@login_required
@require_POST
def block(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponse:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    services.member_block(blocker=request.user, blocked=profile.user)
    messages.success(
        request,
        f"You blocked {profile.name}. They cannot request introductions or message you; "
        "they are not told.",
    )
    return redirect("member_detail", profile_id=profile_id)


@login_required
@require_POST
def unblock(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponse:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    services.member_unblock(blocker=request.user, blocked=profile.user)
    messages.success(request, f"You unblocked {profile.name}.")
    return redirect("member_detail", profile_id=profile_id)
