"""The web shell's API, mounted at /api/v1 (``WebConfig.api_prefix = "/"``):

* ``/export``: all my data, the same document as the page's download;
* ``/calendar``: the calendar feed's address: read it, replace it, switch it off.

Each route acts on the signed-in member's own data only; there is no way to name another.
"""

from __future__ import annotations

from datetime import datetime

from django.http import Http404
from ninja import Router, Schema, Status

from mensch.accounts.calendar_feed import active_feed, feed_renew, feed_revoke
from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.accounts.models import CalendarFeed
from mensch.web.calendar_views import feed_url
from mensch.web.export import member_export

router = Router()


@router.get(
    "/export",
    tags=["export"],
    summary="All my data",
    description=(
        "Everything you own or wrote, in one JSON document: profile, contacts, follow-ups, "
        "introductions, connections, messages, events, meetings, ledger, referral exchanges, "
        "goals, endorsements, notifications, chat and API tokens (names and dates only)."
    ),
)
def data_export(request: AuthenticatedHttpRequest) -> dict[str, object]:
    return member_export(request.user)


class CalendarOut(Schema):
    url: str
    created_at: datetime


def _out(request: AuthenticatedHttpRequest, feed: CalendarFeed) -> dict[str, object]:
    return {"url": feed_url(request, feed), "created_at": feed.created_at}


@router.get(
    "/calendar",
    tags=["calendar"],
    response=CalendarOut,
    summary="Your private calendar address (404 until you make one)",
)
def calendar_address(request: AuthenticatedHttpRequest) -> dict[str, object]:
    feed = active_feed(request.user)
    if feed is None:
        raise Http404("You have no calendar address.")
    return _out(request, feed)


@router.post(
    "/calendar/renew",
    tags=["calendar"],
    response=CalendarOut,
    summary="Make your calendar address, or replace it (the old one stops working)",
)
def calendar_renew(request: AuthenticatedHttpRequest) -> dict[str, object]:
    return _out(request, feed_renew(member=request.user))


@router.delete(
    "/calendar", tags=["calendar"], response={204: None}, summary="Switch your calendar address off"
)
def calendar_revoke(request: AuthenticatedHttpRequest) -> Status:
    feed_revoke(member=request.user)
    return Status(204, None)
