"""The member's one calendar feed: its settings page (show, copy, replace, switch off) and
the feed itself, which calendar apps fetch without logging in.

What the feed carries comes from every app's ``calendar`` module
(:mod:`mensch.accounts.calendar_feed`); this page only shows and serves it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from mensch.accounts.calendar_feed import (
    active_feed,
    feed_owner,
    feed_renew,
    feed_revoke,
    member_calendar,
)
from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.accounts.models import CalendarFeed
from mensch.core.calendars import CONTENT_TYPE


def feed_url(request: HttpRequest, feed: CalendarFeed) -> str:
    """The feed's absolute address, for pages and the API."""
    return request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))


@login_required
def calendar_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed = active_feed(request.user)
    url = feed_url(request, feed) if feed else ""
    return render(request, "web/calendar.html", {"feed": feed, "url": url})


@login_required
@require_POST
def calendar_renew(request: AuthenticatedHttpRequest) -> HttpResponse:
    had_one = active_feed(request.user) is not None
    feed_renew(member=request.user)
    messages.success(
        request,
        "Your calendar has a new address; the old one stopped working."
        if had_one
        else "Your private calendar address is ready.",
    )
    return redirect("calendar_settings")


@login_required
@require_POST
def calendar_revoke(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed_revoke(member=request.user)
    messages.success(request, "Your calendar address is switched off.")
    return redirect("calendar_settings")


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login (calendar apps cannot sign in): the unguessable token is the only key."""
    member = feed_owner(token)
    if member is None:
        raise Http404("No such calendar.")
    response = HttpResponse(member_calendar(member), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="mensch.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
