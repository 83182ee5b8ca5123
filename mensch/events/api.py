"""Events endpoints under /api/v1/events. Thin: check who asks, call a selector or service."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpResponse
from ninja import Router, Status

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.core.calendars import CONTENT_TYPE
from mensch.events import fit, imports, live, rounds, selectors, services, tasks
from mensch.events.calendar import event_ics as event_ics_bytes
from mensch.events.forms import in_zone
from mensch.events.models import AgendaItem, Event, Rsvp, Topic
from mensch.events.schemas import (
    AgendaItemIn,
    AgendaItemOut,
    AnalyticsOut,
    AttendeeOut,
    ConsoleIn,
    EventIn,
    EventOut,
    EventPatch,
    ExportRowOut,
    FitOut,
    GoalMetIn,
    ImportIn,
    ImportOut,
    JoinIn,
    PersonOut,
    RoundsIn,
    RsvpIn,
    RsvpOut,
    ScheduleOut,
    TableOut,
    TickIn,
    TickOut,
    TopicIn,
    TopicOut,
)
from mensch.events.selectors import event_for_viewer, organized_event
from mensch.profiles.selectors import profile_for_viewer

router = Router(tags=["events"])


# -- helpers -----------------------------------------------------------------------


def event_out(event: Event) -> dict[str, object]:
    return {
        "id": event.pk,
        "uid": str(event.uid),
        "sequence": event.sequence,
        "status": event.status,
        "title": event.title,
        "description": event.description,
        "venue": event.venue,
        "address": event.address,
        "sponsors": event.sponsor_list,
        "price": event.price,
        "currency": event.currency,
        "capacity": event.capacity,
        "going": getattr(event, "going", 0),
        "time_zone": event.time_zone,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "educational": bool(getattr(event, "educational", False)),
        "organizer_name": event.organizer.name,
        "agenda": [
            {"id": i.pk, "starts_at": i.starts_at, "title": i.title, "kind": i.kind}
            for i in event.agenda.all()
        ],
    }


def rsvp_out(rsvp: Rsvp) -> dict[str, object]:
    return {
        "id": rsvp.pk,
        "event_id": rsvp.event_id,
        "status": rsvp.status,
        "goal": rsvp.goal,
        "contact_consent": rsvp.contact_consent,
        "checked_in": rsvp.checked_in_at is not None,
        "goal_met": rsvp.goal_met,
        "topic_id": rsvp.topic_id,
    }


def _fresh(request: AuthenticatedHttpRequest, event_id: int) -> dict[str, object]:
    return event_out(event_for_viewer(viewer=request.user, event_id=event_id))


def _local(value: datetime, zone: str) -> datetime:
    """Naive times are in the event's time zone."""
    if value.tzinfo is not None:
        return value
    return in_zone(value, zone)


# -- events ------------------------------------------------------------------------


@router.get("", response=list[FitOut], summary="Upcoming events, best fit for you first")
def event_list(request: AuthenticatedHttpRequest) -> list[dict[str, object]]:
    return [
        {
            "event": event_out(f.event),
            "fit": f.level,
            "score": f.score,
            "strong_matches": f.strong_matches,
            "educational": f.educational,
            "organizer_meetings_per_attendee": (
                None if f.organizer_outcome is None else float(f.organizer_outcome)
            ),
            "reasons": f.reasons,
            "your_rsvp": f.rsvp_status,
        }
        for f in fit.events_for_member(request.user)
    ]


@router.post("", response={201: EventOut}, summary="Create a draft event (organizers)")
def event_create(request: AuthenticatedHttpRequest, payload: EventIn) -> Status:
    data = payload.dict()
    for name in ("starts_at", "ends_at"):
        data[name] = _local(data[name], data["time_zone"])
    event = services.event_create(organizer=request.user, **data)
    return Status(201, _fresh(request, event.pk))


@router.get("/organized", response=list[EventOut], summary="Events you organize")
def events_organized(request: AuthenticatedHttpRequest) -> list[dict[str, object]]:
    if not request.user.is_organizer:
        return []
    return [event_out(e) for e in selectors.organized_events(request.user)]


@router.get("/{event_id}", response=EventOut, summary="One event")
def event_detail(request: AuthenticatedHttpRequest, event_id: int) -> dict[str, object]:
    return _fresh(request, event_id)


@router.patch("/{event_id}", response=EventOut, summary="Change an event (its organizer)")
def event_update(
    request: AuthenticatedHttpRequest, event_id: int, payload: EventPatch
) -> dict[str, object]:
    event = organized_event(actor=request.user, event_id=event_id)
    changes = payload.dict(exclude_unset=True)
    zone = changes.get("time_zone") or event.time_zone
    for name in ("starts_at", "ends_at"):
        if changes.get(name) is not None:
            changes[name] = _local(changes[name], zone)
    services.event_update(event=event, **changes)
    return _fresh(request, event_id)


@router.post("/{event_id}/publish", response=EventOut, summary="Publish (its organizer)")
def event_publish(request: AuthenticatedHttpRequest, event_id: int) -> dict[str, object]:
    services.event_publish(event=organized_event(actor=request.user, event_id=event_id))
    return _fresh(request, event_id)


@router.post(
    "/{event_id}/cancel",
    response=EventOut,
    summary="Cancel (its organizer); attendees are told after the undo window",
)
def event_cancel(request: AuthenticatedHttpRequest, event_id: int) -> dict[str, object]:
    services.event_cancel(event=organized_event(actor=request.user, event_id=event_id))
    return _fresh(request, event_id)


@router.post(
    "/{event_id}/cancel/undo",
    response=EventOut,
    summary="Undo a cancellation before attendees are told (its organizer)",
)
def event_cancel_undo(request: AuthenticatedHttpRequest, event_id: int) -> dict[str, object]:
    services.event_cancel_undo(event=organized_event(actor=request.user, event_id=event_id))
    return _fresh(request, event_id)


@router.post("/{event_id}/agenda", response={201: AgendaItemOut}, summary="Add an agenda item")
def agenda_add(request: AuthenticatedHttpRequest, event_id: int, payload: AgendaItemIn) -> Status:
    event = organized_event(actor=request.user, event_id=event_id)
    item: AgendaItem = services.agenda_item_create(
        event=event,
        starts_at=_local(payload.starts_at, event.time_zone),
        title=payload.title,
        kind=payload.kind,
    )
    return Status(
        201, {"id": item.pk, "starts_at": item.starts_at, "title": item.title, "kind": item.kind}
    )


@router.delete("/{event_id}/agenda/{item_id}", response={204: None}, summary="Remove one")
def agenda_delete(request: AuthenticatedHttpRequest, event_id: int, item_id: int) -> Status:
    event = organized_event(actor=request.user, event_id=event_id)
    services.agenda_item_delete(event=event, item_id=item_id)
    return Status(204, None)


@router.get("/{event_id}/event.ics", summary="The event as iCalendar")
def event_ics(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = event_for_viewer(viewer=request.user, event_id=event_id)
    return HttpResponse(event_ics_bytes(event), content_type=CONTENT_TYPE)


# -- RSVPs -------------------------------------------------------------------------


@router.post(
    "/{event_id}/rsvp", response=RsvpOut, summary="RSVP with a goal (or join the waitlist)"
)
def rsvp(request: AuthenticatedHttpRequest, event_id: int, payload: RsvpIn) -> dict[str, object]:
    event = event_for_viewer(viewer=request.user, event_id=event_id)
    return rsvp_out(services.rsvp_create(event=event, member=request.user, **payload.dict()))


@router.get("/{event_id}/rsvp", response=RsvpOut, summary="Your RSVP")
def rsvp_get(request: AuthenticatedHttpRequest, event_id: int) -> dict[str, object]:
    event = event_for_viewer(viewer=request.user, event_id=event_id)
    return rsvp_out(Rsvp.objects.get(event=event, member=request.user))


@router.delete("/{event_id}/rsvp", response=RsvpOut, summary="Cancel your RSVP")
def rsvp_cancel(request: AuthenticatedHttpRequest, event_id: int) -> dict[str, object]:
    event = event_for_viewer(viewer=request.user, event_id=event_id)
    return rsvp_out(services.rsvp_cancel(event=event, member=request.user))


@router.post("/{event_id}/goal-met", response=RsvpOut, summary="Did you meet your goal?")
def goal_met(
    request: AuthenticatedHttpRequest, event_id: int, payload: GoalMetIn
) -> dict[str, object]:
    event = event_for_viewer(viewer=request.user, event_id=event_id)
    return rsvp_out(services.rsvp_goal_met(event=event, member=request.user, met=payload.met))


@router.get("/{event_id}/attendees", response=list[AttendeeOut], summary="Attendees (organizer)")
def attendee_list(request: AuthenticatedHttpRequest, event_id: int) -> list[dict[str, object]]:
    event = organized_event(actor=request.user, event_id=event_id)
    return [
        {
            "rsvp_id": r.pk,
            "profile_id": r.member.profile.pk,
            "name": r.member.name,
            "status": r.status,
            "goal": r.goal,
            "checked_in": r.checked_in_at is not None,
        }
        for r in selectors.guest_list(event)
    ]


@router.post("/{event_id}/attendees/{rsvp_id}/check-in", response=RsvpOut, summary="Check in")
def check_in(request: AuthenticatedHttpRequest, event_id: int, rsvp_id: int) -> dict[str, object]:
    event = organized_event(actor=request.user, event_id=event_id)
    return rsvp_out(services.rsvp_check_in(event=event, rsvp_id=rsvp_id))


@router.get("/{event_id}/who-to-meet", response=list[PersonOut], summary="Who to meet here")
def who_to_meet(request: AuthenticatedHttpRequest, event_id: int) -> list[dict[str, object]]:
    event = event_for_viewer(viewer=request.user, event_id=event_id)
    return [
        {
            "profile_id": p.profile.pk,
            "name": p.profile.name,
            "headline": p.profile.headline,
            "reason": p.reason,
        }
        for p in selectors.who_to_meet(viewer=request.user, event=event)
    ]


# -- topic tables ------------------------------------------------------------------


def topic_out(topic: Topic) -> dict[str, object]:
    return {
        "id": topic.pk,
        "title": topic.title,
        "from_agenda": topic.agenda_item_id is not None,
        "sharing": getattr(topic, "sharing", 0),
        "learning": getattr(topic, "learning", 0),
    }


@router.get("/{event_id}/topics", response=list[TopicOut], summary="Topic tables")
def topic_list(request: AuthenticatedHttpRequest, event_id: int) -> list[dict[str, object]]:
    event = event_for_viewer(viewer=request.user, event_id=event_id)
    return [topic_out(t) for t in selectors.topics_of(event)]


@router.post("/{event_id}/topics", response={201: TopicOut}, summary="Post a topic and sit at it")
def topic_post(request: AuthenticatedHttpRequest, event_id: int, payload: TopicIn) -> Status:
    event = event_for_viewer(viewer=request.user, event_id=event_id)
    topic = services.topic_post(event=event, member=request.user, **payload.dict())
    return Status(201, topic_out(selectors.topics_of(event).get(pk=topic.pk)))


@router.post("/{event_id}/topics/{topic_id}/join", response=RsvpOut, summary="Sit at a topic")
def topic_join(
    request: AuthenticatedHttpRequest, event_id: int, topic_id: int, payload: JoinIn
) -> dict:
    event = event_for_viewer(viewer=request.user, event_id=event_id)
    return rsvp_out(
        services.topic_join(event=event, member=request.user, topic_id=topic_id, side=payload.side)
    )


@router.post("/{event_id}/topics/seed", response=list[TopicOut], summary="Topics from the agenda")
def topics_seed(request: AuthenticatedHttpRequest, event_id: int) -> list[dict[str, object]]:
    event = organized_event(actor=request.user, event_id=event_id)
    services.topics_seed_from_agenda(event=event)
    return [topic_out(t) for t in selectors.topics_of(event)]


# -- rounds ------------------------------------------------------------------------


def schedule_out(event: Event) -> dict[str, object]:
    seating: dict[int, dict[int, list[int]]] = {}
    profile_ids = dict(event.seats.values_list("member_id", "member__profile__id").distinct())
    for seat in event.seats.order_by("round_number", "table_number", "member_id"):
        seating.setdefault(seat.round_number, {}).setdefault(seat.table_number, []).append(
            profile_ids[seat.member_id]
        )
    return {
        "rounds": [[tables[t] for t in sorted(tables)] for _, tables in sorted(seating.items())],
        "message": event.schedule_message,
        "table_size": event.table_size,
        "round_minutes": event.round_minutes,
        "current_round": event.current_round,
        "paused": event.paused_at is not None,
        "seating_status": event.seating_status,
        "seating_progress": event.seating_progress,
        "seating_error": event.seating_error,
    }


@router.post(
    "/{event_id}/rounds",
    response=ScheduleOut,
    summary="Seat the rounds (organizer)",
    description="Queues the seating job and answers at once; follow `seating_status` and "
    "`seating_progress` with GET on the same address until it is `done` (the seating) or "
    "`failed` (`seating_error` says why).",
)
def rounds_generate(
    request: AuthenticatedHttpRequest, event_id: int, payload: RoundsIn
) -> dict[str, object]:
    event = organized_event(actor=request.user, event_id=event_id)
    return schedule_out(
        tasks.rounds_request(
            event=event,
            round_count=payload.rounds,
            table_size=payload.table_size,
            round_minutes=payload.round_minutes,
            topic_rounds=payload.topic_rounds,
        )
    )


@router.get("/{event_id}/rounds", response=ScheduleOut, summary="The seating, by profile id")
def rounds_get(request: AuthenticatedHttpRequest, event_id: int) -> dict[str, object]:
    return schedule_out(organized_event(actor=request.user, event_id=event_id))


@router.post("/{event_id}/console", response=ScheduleOut, summary="start, pause or next round")
def console(
    request: AuthenticatedHttpRequest, event_id: int, payload: ConsoleIn
) -> dict[str, object]:
    event = organized_event(actor=request.user, event_id=event_id)
    return schedule_out(rounds.round_console(event=event, action=payload.action))


@router.get("/{event_id}/my-table", response=TableOut, summary="Your table right now")
def my_table(request: AuthenticatedHttpRequest, event_id: int) -> dict[str, object]:
    event = event_for_viewer(viewer=request.user, event_id=event_id)
    if not selectors.is_going(member=request.user, event=event):
        raise Rsvp.DoesNotExist
    state = live.table_state(event=event, member=request.user)
    current = state.current_speaker if state.turn_seconds else None
    return {
        "phase": state.phase,
        "round_number": state.round_number,
        "round_count": state.round_count,
        "table_number": state.table_number,
        "tablemates": [
            {"profile_id": m.profile.pk, "name": m.profile.name, "why": m.why}
            for m in state.tablemates
        ],
        "prompts": state.prompts,
        "speakers": [s.name for s in state.speakers],
        "current_speaker": current.name if current else None,
        "turn_seconds": state.turn_seconds,
        "turn_remaining": state.turn_remaining,
        "round_remaining": state.round_remaining,
    }


# -- after the event ---------------------------------------------------------------


@router.post("/{event_id}/met", response=TickOut, summary="Say you met an attendee")
def met(request: AuthenticatedHttpRequest, event_id: int, payload: TickIn) -> dict[str, object]:
    event = event_for_viewer(viewer=request.user, event_id=event_id)
    other = profile_for_viewer(viewer=request.user, profile_id=payload.profile_id).user
    meeting = services.event_meeting_tick(event=event, member=request.user, other=other)
    return {"confirmed": meeting is not None, "meeting_id": meeting.pk if meeting else None}


@router.get("/{event_id}/analytics", response=AnalyticsOut, summary="Outcomes (organizer)")
def analytics(request: AuthenticatedHttpRequest, event_id: int) -> dict[str, object]:
    event = organized_event(actor=request.user, event_id=event_id)
    figures = selectors.event_analytics(event)
    return vars(figures) | {"meetings_per_attendee": float(figures.meetings_per_attendee)}


@router.post("/{event_id}/import", response=ImportOut, summary="Import attendees from CSV")
def attendees_import(
    request: AuthenticatedHttpRequest, event_id: int, payload: ImportIn
) -> dict[str, object]:
    event = organized_event(actor=request.user, event_id=event_id)
    if payload.dry_run:
        result = imports.attendees_import_preview(
            event=event, text=payload.csv, invite=payload.invite
        )
        imported = invited = 0
    else:
        result = imports.attendees_import(event=event, text=payload.csv, invite=payload.invite)
        imported, invited = len(result.to_add), len(result.to_invite)
    return {
        "layout": result.layout,
        "imported": imported,
        "invited": invited,
        "lines": [
            {
                "line": x.line,
                "email": x.email,
                "name": x.name,
                "action": x.action,
                "outcome": x.outcome,
                "note": x.note,
                "error": x.error,
            }
            for x in result.lines
        ],
    }


@router.get("/{event_id}/export", response=list[ExportRowOut], summary="Attendee export")
def attendees_export(request: AuthenticatedHttpRequest, event_id: int) -> list[dict[str, str]]:
    event = organized_event(actor=request.user, event_id=event_id)
    return imports.attendees_export_rows(event)


# 1:1 meetings booked in slots at a spot: their own module, the same /events prefix.
router.add_router("", "mensch.events.slot_api.router")
