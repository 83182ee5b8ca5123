"""Member pages: events that fit, the event page with RSVP and who to meet, topic tables,
the live table page, whom I met, and the event's .ics download."""

from __future__ import annotations

import functools
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_etags, quote_etag
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.core.calendars import CONTENT_TYPE
from mensch.core.forms import apply_errors
from mensch.core.htmx import is_htmx
from mensch.core.markup import form_fields, url_for_ids
from mensch.events import fit, live, selectors, services
from mensch.events import rows as event_rows
from mensch.events.calendar import event_ics as event_ics_bytes
from mensch.events.forms import RsvpForm, TopicForm
from mensch.events.models import Event, Rsvp
from mensch.meetings.services import meeting_follow_up
from mensch.profiles.selectors import profile_for_viewer


@login_required
def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    fits = fit.listed_fits(request.user)
    # Each row's link, the pattern reversed once for the page rather than once a row.
    event_url = url_for_ids("event_detail") if fits else None
    rows = [(f, event_url(f.event.pk) if event_url else "") for f in fits]
    return render(request, "events/list.html", {"fits": fits, "fit_rows": rows})


def _detail_context(
    request: AuthenticatedHttpRequest,
    page: event_rows.EventPage,
    rsvp_form: RsvpForm | None = None,
    offer_waitlist: bool = False,
) -> dict[str, object]:
    event, rsvp = page.event, page.rsvp
    active = rsvp is not None and rsvp.status != Rsvp.Status.CANCELLED
    if rsvp_form is None:
        initial = {"goal": rsvp.goal, "contact_consent": rsvp.contact_consent} if rsvp else {}
        rsvp_form = RsvpForm(initial=initial)
    started = event.starts_at <= timezone.now()
    going = rsvp is not None and rsvp.status == Rsvp.Status.GOING
    # The viewer's own profile, read once for who to meet and the fit (both only ever
    # shown for a published event).
    published = event.status == Event.Status.PUBLISHED
    mine = selectors.viewer_profile(request.user) if published else None
    can_book = going and page.bookable
    who_to_meet = (
        selectors.who_to_meet(viewer=request.user, event=event, mine=mine) if published else []
    )
    # The rows' links, each pattern reversed once for the page rather than once a row
    # (and not at all without rows).
    member_url = url_for_ids("member_detail") if who_to_meet else None
    book_url = url_for_ids("event_slot_book", event.pk) if who_to_meet and can_book else None
    topic_rows = (
        event_rows.topic_rows(event, url_for_ids("event_topic_join", event.pk))
        if page.has_topics
        else []
    )
    return {
        # 1:1 meetings booked in slots (mensch.events.slots): "book a slot", "your meetings".
        "can_book": can_book,
        "slot_bookings": event_rows.page_bookings(member=request.user, event=event)
        if going and page.has_bookings
        else [],
        "event": event,
        "agenda": page.agenda,
        "rsvp": rsvp if active else None,
        "rsvp_form": rsvp_form,
        # Written in Python (``includes/form_fields.html``'s bytes), only where shown.
        "rsvp_fields": form_fields(rsvp_form) if published else "",
        "topic_fields": _topic_fields() if going else "",
        "offer_waitlist": offer_waitlist,
        "full": getattr(event, "going", 0) >= event.capacity,  # counted by event_page
        "who_to_meet": who_to_meet,
        "who_to_meet_rows": [
            (
                person,
                member_url(person.profile.pk) if member_url else "",
                book_url(person.profile.pk) if book_url else "",
            )
            for person in who_to_meet
        ],
        "topic_rows": topic_rows,
        "is_organizer": event.organizer_id == request.user.pk,
        "started": started,
        "fit": fit.event_fit(
            request.user,
            event,
            rsvp_status=rsvp.status if rsvp else "",
            mine=mine,
            agenda_titles=page.agenda_titles,
        )
        if not started
        else None,
    }


@functools.cache
def _topic_fields() -> SafeString:
    """The empty topic form's fields, the same for every page: written once a process."""
    return form_fields(TopicForm())


@login_required
def event_detail(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    page = event_rows.event_page(viewer=request.user, event_id=event_id)
    return render(request, "events/detail.html", _detail_context(request, page))


@login_required
@require_POST
def rsvp(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    form = RsvpForm(request.POST)
    offer_waitlist = False
    if form.is_valid():
        try:
            result = services.rsvp_create(
                event=event,
                member=request.user,
                waitlist=request.POST.get("waitlist") == "yes",
                **form.cleaned_data,
            )
        except ValidationError as exc:
            offer_waitlist = "waitlist" in getattr(exc, "error_dict", {})
            apply_errors(form, exc)
        else:
            if result.status == Rsvp.Status.WAITLISTED:
                messages.success(request, "You're on the waitlist: we'll tell you if a seat opens.")
            else:
                messages.success(request, "You're going. See who to meet below.")
            return redirect("event_detail", event_id=event.pk)
    page = event_rows.event_page(viewer=request.user, event_id=event_id)
    return render(
        request,
        "events/detail.html",
        _detail_context(request, page, form, offer_waitlist),
        status=422,
    )


@login_required
@require_POST
def rsvp_cancel(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    services.rsvp_cancel(event=event, member=request.user)
    messages.success(request, "Your RSVP is cancelled; your seat went to the next person waiting.")
    return redirect("event_detail", event_id=event.pk)


@login_required
@require_POST
def goal_met(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    try:
        services.rsvp_goal_met(
            event=event, member=request.user, met=request.POST.get("met") == "yes"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Thank you: noted.")
    return redirect("event_met", event_id=event.pk)


# -- topic tables ------------------------------------------------------------------


@login_required
@require_POST
def topic_post(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    form = TopicForm(request.POST)
    if form.is_valid():
        try:
            services.topic_post(event=event, member=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"Your topic was not added: {error}")
    return redirect(reverse("event_detail", args=[event.pk]) + "#topics")


@login_required
@require_POST
def topic_join(request: AuthenticatedHttpRequest, event_id: int, topic_id: int) -> HttpResponse:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    try:
        services.topic_join(
            event=event, member=request.user, topic_id=topic_id, side=request.POST.get("side", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("event_detail", args=[event.pk]) + "#topics")


# -- the live table page -----------------------------------------------------------


def _table_context(
    request: AuthenticatedHttpRequest, event_id: int, now: datetime | None = None
) -> dict[str, object]:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    if not selectors.is_going(member=request.user, event=event):
        raise Rsvp.DoesNotExist
    state = live.table_state(event=event, member=request.user, now=now)
    return {"event": event, "state": state}


@login_required
def event_table(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    now = timezone.now()
    context = _table_context(request, event_id, now)
    event = live.live_event(viewer=request.user, event_id=event_id)
    # The first poll already sends this: nothing changed, 304.
    context["live_etag"] = quote_etag(live.live_version(event=event, member=request.user, now=now))
    return render(request, "events/table.html", context)


@login_required
def event_table_live(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    """The part of the table page each phone polls; 304 (nothing rendered) when the phone
    already shows this version (its ``If-None-Match``, sent by mensch.js)."""
    now = timezone.now()
    event = live.live_event(viewer=request.user, event_id=event_id)
    etag = quote_etag(live.live_version(event=event, member=request.user, now=now))
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response: HttpResponse = HttpResponseNotModified()
    else:
        context = _table_context(request, event_id, now)
        response = render(request, "events/table.html#live", context)
    response["ETag"] = etag
    return response


# -- whom I met --------------------------------------------------------------------


@login_required
def event_met(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    rsvp = selectors.own_rsvp(member=request.user, event=event)
    if rsvp is None or rsvp.status != Rsvp.Status.GOING:
        raise Rsvp.DoesNotExist
    query = request.GET.get("q", "")[:100]
    context = {
        "event": event,
        "rsvp": rsvp,
        "query": query,
        "candidates": selectors.tick_candidates(member=request.user, event=event, query=query),
        "meetings": [
            {
                "meeting": m,
                "other": m.member_high if m.member_low_id == request.user.pk else m.member_low,
                "answer": m.low_follow_up
                if m.member_low_id == request.user.pk
                else m.high_follow_up,
            }
            for m in selectors.event_meetings_of(member=request.user, event=event)
        ],
    }
    template = "events/met.html#candidates" if is_htmx(request) else "events/met.html"
    return render(request, template, context)


@login_required
@require_POST
def event_met_tick(
    request: AuthenticatedHttpRequest, event_id: int, profile_id: int
) -> HttpResponse:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    try:
        meeting = services.event_meeting_tick(event=event, member=request.user, other=profile.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        if not selectors.is_going(member=request.user, event=event):
            return redirect("event_detail", event_id=event.pk)
    else:
        if meeting is None:
            messages.success(request, f"Noted. When {profile.name} ticks you too, it's confirmed.")
        else:
            messages.success(request, f"Your meeting with {profile.name} is confirmed.")
    return redirect("event_met", event_id=event.pk)


@login_required
@require_POST
def event_follow_up(
    request: AuthenticatedHttpRequest, event_id: int, meeting_id: int
) -> HttpResponse:
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    meeting_follow_up(
        member=request.user, meeting_id=meeting_id, yes=request.POST.get("answer") == "yes"
    )
    return redirect("event_met", event_id=event.pk)


# -- calendar ----------------------------------------------------------------------


@login_required
def event_ics(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    """The "Add to calendar" download (the member's feed: mensch.web.calendar_views)."""
    event = selectors.event_for_viewer(viewer=request.user, event_id=event_id)
    response = HttpResponse(event_ics_bytes(event), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response
