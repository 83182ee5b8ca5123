"""The page an invitation link opens (see :mod:`mensch.events.invitations`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from mensch.events import invitations, services
from mensch.events.models import Event, Rsvp


def _problem(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "events/invitation_problem.html", {"message": message}, status=status)


@never_cache
def invitation_accept(request: HttpRequest, event_id: int, token: str) -> HttpResponse:
    """Someone not signed in is sent to sign up (or log in), landing back here once their
    address is confirmed; the member the invitation was for is then RSVP'd as going and
    sees the event's page."""
    try:
        invitation = invitations.read_token(token, event_id=event_id)
    except invitations.InvitationExpiredError:
        return _problem(request, "This invitation has expired. Ask the organizer again.", 410)
    except invitations.InvitationInvalidError:
        return _problem(
            request, "This invitation link is not valid. Check it was copied whole.", 400
        )
    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.status != Event.Status.PUBLISHED or event.ends_at < timezone.now():
        return _problem(request, "This event is no longer open.", 410)
    if not request.user.is_authenticated:
        query = urlencode({"next": request.path, "email": invitation.email})
        return redirect(f"{reverse('signup')}?{query}")
    if request.user.email.lower() != invitation.email.lower():
        messages.info(
            request,
            f"This invitation was sent to {invitation.email}, not to the address you are "
            "logged in with; RSVP below if you want to come.",
        )
        return redirect("event_detail", event_id=event.pk)
    rsvp = Rsvp.objects.filter(event=event, member=request.user).first()
    if rsvp is None or rsvp.status == Rsvp.Status.CANCELLED:
        try:
            rsvp = services.rsvp_create(event=event, member=request.user, waitlist=True)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("event_detail", event_id=event.pk)
    if rsvp.status == Rsvp.Status.GOING:
        messages.success(request, f"You're going to {event.title}.")
    else:
        messages.info(request, f"{event.title} is full: you're on the waitlist.")
    return redirect("event_detail", event_id=event.pk)
