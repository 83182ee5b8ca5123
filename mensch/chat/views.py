"""Event chat pages: read, post (htmx), poll, and the organizer's moderation."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.chat import selectors, services
from mensch.chat.models import CHAT_MESSAGE_MAX, ChatRestriction
from mensch.core.forms import apply_errors
from mensch.core.htmx import is_htmx
from mensch.events.models import Event
from mensch.profiles.selectors import profile_for_viewer


class ChatForm(forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": CHAT_MESSAGE_MAX}),
        required=False,
        label="Say something to the room",
        help_text="Ask a question, answer one, share what you learned. Links and contact "
        "details alone are folded away.",
    )


def _context(request: AuthenticatedHttpRequest, event: Event, form: ChatForm) -> dict[str, object]:
    is_organizer = event.organizer_id == request.user.pk
    return {
        "event": event,
        "chat_messages": selectors.chat_messages(event, request.user),
        "form": form,
        "is_organizer": is_organizer,
        "restriction": selectors.restriction_of(event, request.user),
        "restrictions": list(selectors.restrictions(event)) if is_organizer else [],
    }


@login_required
def chat_page(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.chat_event_for(member=request.user, event_id=event_id)
    form = ChatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.chat_message_post(
                author=request.user, event_id=event.pk, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            form = ChatForm()
            if not is_htmx(request):
                return redirect("chat", event_id=event.pk)
    context = _context(request, event, form)
    status = 422 if form.errors else 200
    if is_htmx(request):
        return render(request, "chat/chat.html#room", context, status=status)
    return render(request, "chat/chat.html", context, status=status)


@login_required
def chat_poll(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.chat_event_for(member=request.user, event_id=event_id)
    return render(request, "chat/chat.html#messages", _context(request, event, ChatForm()))


@login_required
@require_POST
def chat_message_hide(
    request: AuthenticatedHttpRequest, message_id: int, action: str
) -> HttpResponse:
    if action not in ("hide", "show"):
        raise Http404("Unknown action.")
    message = services.chat_message_hide(
        organizer=request.user, message_id=message_id, hidden=action == "hide"
    )
    return redirect("chat", event_id=message.event_id)


@login_required
@require_POST
def chat_member_moderate(
    request: AuthenticatedHttpRequest, event_id: int, profile_id: int, action: str
) -> HttpResponse:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    if action == "restore":
        services.chat_member_restore(organizer=request.user, event_id=event_id, member=profile.user)
        messages.success(request, f"{profile.name} can read and post again.")
    elif action in ("mute", "remove"):
        kind = ChatRestriction.Kind.MUTED if action == "mute" else ChatRestriction.Kind.REMOVED
        try:
            services.chat_member_restrict(
                organizer=request.user, event_id=event_id, member=profile.user, kind=kind
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{profile.name} is {kind} in this chat.")
    else:
        raise Http404("Unknown action.")
    return redirect("chat", event_id=event_id)
