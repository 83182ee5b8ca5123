"""Follow-ups API: one's own tasks, promises and figures."""

from __future__ import annotations

from datetime import date
from typing import Literal

from ninja import Field, Query, Router, Schema, Status

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.contacts.selectors import own_contact
from mensch.followups import selectors, services
from mensch.followups.models import FollowUp

router = Router(tags=["followups"])


class FollowUpOut(Schema):
    id: int
    title: str
    kind: str
    owed_by: str
    status: str
    due_on: date
    original_due_on: date
    contact_id: int | None
    contact_name: str | None
    event_id: int | None = Field(None, description="The event where you met, for a bundle.")
    steps: list[str] = Field(
        default_factory=list,
        description='What is due in one bundle after a meeting, e.g. "thank-you note".',
    )


class FollowUpIn(Schema):
    title: str
    due_on: date
    contact_id: int | None = None


class PromiseIn(Schema):
    contact_id: int
    title: str = Field(description='What was promised, e.g. "send the deck".')
    owed_by: str = Field(description="me or them")
    due_on: date | None = None


class SnoozeIn(Schema):
    days: int = Field(3, description="1 to 365")


class RateOut(Schema):
    done: int
    total: int
    percent: int | None


class StatsOut(Schema):
    open: int
    overdue: int
    followup_rate: RateOut
    introductions_answered: RateOut
    messages_replied: RateOut


def followup_out(f: FollowUp) -> dict[str, object]:
    return {
        "id": f.pk,
        "title": f.title,
        "kind": f.kind,
        "owed_by": f.owed_by,
        "status": f.status,
        "due_on": f.due_on,
        "original_due_on": f.original_due_on,
        "contact_id": f.contact_id,
        "contact_name": f.contact.name if f.contact else None,
        "event_id": f.event_id,
        "steps": list(f.steps or []),
    }


def _rate(rate: selectors.Rate) -> dict[str, object]:
    return {"done": rate.done, "total": rate.total, "percent": rate.percent}


@router.get("", response=list[FollowUpOut], summary="Your follow-up tasks")
def followup_list(
    request: AuthenticatedHttpRequest,
    status: Literal["open", "done", "dismissed", "all"] = Query(
        "open", description="open, done, dismissed or all"
    ),
    overdue: bool = False,
) -> list[dict[str, object]]:
    tasks = (
        selectors.overdue(request.user)
        if overdue
        else selectors.followups_of(request.user, status=status)
    )
    return [followup_out(f) for f in tasks]


@router.post("", response={201: FollowUpOut}, summary="Add a follow-up")
def followup_create(request: AuthenticatedHttpRequest, payload: FollowUpIn) -> Status:
    contact = (
        own_contact(owner=request.user, contact_id=payload.contact_id)
        if payload.contact_id
        else None
    )
    followup = services.followup_create(
        owner=request.user, title=payload.title, due_on=payload.due_on, contact=contact
    )
    assert followup is not None  # no source_key: always created
    return Status(201, followup_out(followup))


@router.post("/promises", response={201: FollowUpOut}, summary="Note a promise, either way")
def promise_create(request: AuthenticatedHttpRequest, payload: PromiseIn) -> Status:
    contact = own_contact(owner=request.user, contact_id=payload.contact_id)
    followup = services.promise_log(
        owner=request.user,
        contact=contact,
        text=payload.title,
        owed_by=payload.owed_by,
        due_on=payload.due_on,
    )
    return Status(201, followup_out(followup))


@router.get("/stats", response=StatsOut, summary="Your follow-through figures")
def stats(request: AuthenticatedHttpRequest) -> dict[str, object]:
    tasks = list(selectors.followups_of(request.user))
    overdue = selectors.overdue(request.user).count()
    return {
        "open": len(tasks),
        "overdue": overdue,
        "followup_rate": _rate(selectors.followup_rate(request.user)),
        "introductions_answered": _rate(selectors.introduction_response_rate(request.user)),
        "messages_replied": _rate(selectors.message_response_rate(request.user)),
    }


@router.get("/{int:followup_id}", response=FollowUpOut, summary="One follow-up")
def followup_detail(request: AuthenticatedHttpRequest, followup_id: int) -> dict[str, object]:
    return followup_out(selectors.own_followup(owner=request.user, followup_id=followup_id))


@router.post("/{int:followup_id}/done", response=FollowUpOut, summary="Mark done")
def followup_done(request: AuthenticatedHttpRequest, followup_id: int) -> dict[str, object]:
    followup = selectors.own_followup(owner=request.user, followup_id=followup_id)
    return followup_out(services.followup_complete(followup=followup))


@router.post("/{int:followup_id}/snooze", response=FollowUpOut, summary="Snooze")
def followup_snooze(
    request: AuthenticatedHttpRequest, followup_id: int, payload: SnoozeIn
) -> dict[str, object]:
    followup = selectors.own_followup(owner=request.user, followup_id=followup_id)
    return followup_out(services.followup_snooze(followup=followup, days=payload.days))


@router.post("/{int:followup_id}/dismiss", response=FollowUpOut, summary="Dismiss")
def followup_dismiss(request: AuthenticatedHttpRequest, followup_id: int) -> dict[str, object]:
    followup = selectors.own_followup(owner=request.user, followup_id=followup_id)
    return followup_out(services.followup_dismiss(followup=followup))
