"""Contacts API: strictly one's own contacts. Thin: call a selector or a service."""

from __future__ import annotations

import json
from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.contacts import selectors, services
from mensch.contacts.brief import brief_for
from mensch.contacts.exports import contacts_csv, contacts_vcard
from mensch.contacts.importing import (
    ImportFileError,
    ParsedFile,
    parse_contacts_file,
    read_upload,
)
from mensch.contacts.imports import contacts_import, import_preview
from mensch.contacts.markdown import render_markdown
from mensch.contacts.models import MAX_CADENCE_DAYS, Contact, Interaction, Tag
from mensch.contacts.services import Person
from mensch.contacts.strength import EXPLANATION
from mensch.core.text import NoNulStr
from mensch.events.selectors import visible_events

router = Router(tags=["contacts"])
# Far beyond any member's contacts, and well inside what a database offset can hold.
MAX_OFFSET = 1_000_000


class ContactOut(Schema):
    id: int
    name: str
    company: str
    role: str
    email: str
    phone: str
    url: str
    member_profile_id: int | None
    met_on: date | None
    met_event_id: int | None
    introducer_id: int | None
    met_how: str
    facts: list[str]
    tags: list[str]
    ideal_days: int | None
    max_days: int | None
    meeting_goal: str
    strength: float
    last_interaction_on: date | None


class ContactIn(Schema):
    name: str
    company: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    met_on: date | None = None
    met_event_id: int | None = None
    introducer_id: int | None = None
    met_how: str = ""
    facts: str = ""
    tags: list[str] = Field(default_factory=list)
    ideal_days: int | None = Field(None, ge=1, le=MAX_CADENCE_DAYS)
    max_days: int | None = Field(None, ge=1, le=MAX_CADENCE_DAYS)


class ContactPatch(Schema):
    """Only the fields sent change. Text fields take a string ("" to clear), never null;
    the dates, links and intervals take null to clear."""

    name: str = ""
    company: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    met_on: date | None = None
    met_event_id: int | None = None
    introducer_id: int | None = None
    met_how: str = ""
    facts: str = ""
    tags: list[str] | None = None
    ideal_days: int | None = Field(None, ge=1, le=MAX_CADENCE_DAYS)
    max_days: int | None = Field(None, ge=1, le=MAX_CADENCE_DAYS)
    meeting_goal: str = ""


class InteractionOut(Schema):
    id: int
    kind: str
    happened_on: date
    initiated_by: str
    body: str
    body_html: str


class InteractionIn(Schema):
    kind: str = Field(description="met, call, message, meeting, favour, introduction or note")
    happened_on: date | None = None
    initiated_by: str = Field("both", description="me, them or both")
    body: str = ""


class NoteIn(Schema):
    body: str


class MergeIn(Schema):
    other_id: int = Field(description="This contact is folded into the one in the URL.")


class PersonIn(Schema):
    name: str
    company: str = ""
    email: str = ""


class MetAtEventIn(Schema):
    event_id: int
    people: list[PersonIn]
    tags: str = ""


class CadenceOut(Schema):
    contact_id: int
    name: str
    ideal_days: int | None
    max_days: int | None
    since: date
    ideal_due: date | None
    max_due: date | None


class TagOut(Schema):
    name: str
    ideal_days: int | None
    max_days: int | None


class TagCadenceIn(Schema):
    ideal_days: int | None = Field(None, ge=1, le=MAX_CADENCE_DAYS)
    max_days: int | None = Field(None, ge=1, le=MAX_CADENCE_DAYS)


class ContactImportOut(Schema):
    dry_run: bool
    created: int
    merged: int
    rejected: int
    duplicates_kept: int
    rejections: list[str]


class PreviewRowOut(Schema):
    line: int
    name: str
    company: str
    email: str
    status: str
    reason: str


class PreviewOut(Schema):
    kind: str
    encoding: str
    columns: list[str]
    mapping: dict[str, str]
    rows: list[PreviewRowOut]


class BriefOut(Schema):
    contact: ContactOut
    asks: list[str]
    offers: list[str]
    last_interactions: list[InteractionOut]
    promised_by_me: list[str]
    promised_by_them: list[str]
    questions: list[str]
    meeting_goal: str


def contact_out(contact: Contact) -> dict[str, object]:
    return {
        **{
            name: getattr(contact, name)
            for name in (
                "id",
                "name",
                "company",
                "role",
                "email",
                "phone",
                "url",
                "met_on",
                "met_event_id",
                "introducer_id",
                "met_how",
                "ideal_days",
                "max_days",
                "meeting_goal",
                "strength",
                "last_interaction_on",
            )
        },  # fmt: skip
        "member_profile_id": contact.member.profile.pk if contact.member is not None else None,
        "facts": contact.fact_list,
        "tags": [t.name for t in contact.tags.all()],
    }


def interaction_out(item: Interaction) -> dict[str, object]:
    return {
        "id": item.pk,
        "kind": item.kind,
        "happened_on": item.happened_on,
        "initiated_by": item.initiated_by,
        "body": item.body,
        "body_html": render_markdown(item.body) if item.body else "",
    }


@router.get("", response=list[ContactOut], summary="Your contacts, searched and sorted")
def contact_list(
    request: AuthenticatedHttpRequest,
    q: NoNulStr = "",
    tag: NoNulStr = "",
    sort: str = Query("strength", description="strength, name, recent or added"),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> list[dict[str, object]]:
    contacts = selectors.contacts_of(request.user, query=q, tag=tag, sort=sort)
    return [contact_out(c) for c in contacts[offset : offset + limit]]


@router.post("", response={201: ContactOut}, summary="Add a contact")
def contact_create(request: AuthenticatedHttpRequest, payload: ContactIn) -> Status:
    data = payload.dict()
    contact = services.contact_create(owner=request.user, **data)
    return Status(
        201, contact_out(selectors.own_contact(owner=request.user, contact_id=contact.pk))
    )


@router.get("/keep-in-touch", response=list[CadenceOut], summary="Keep-in-touch dates")
def keep_in_touch(
    request: AuthenticatedHttpRequest, losing_only: bool = False
) -> list[dict[str, object]]:
    rows = (
        selectors.losing_touch(request.user)
        if losing_only
        else selectors.keep_in_touch(request.user)
    )
    return [
        {
            "contact_id": r.contact.pk,
            "name": r.contact.name,
            "ideal_days": r.ideal_days,
            "max_days": r.max_days,
            "since": r.since,
            "ideal_due": r.ideal_due,
            "max_due": r.max_due,
        }
        for r in rows
    ]


@router.get("/tags", response=list[TagOut], summary="Your tags and their cadences")
def tag_list(request: AuthenticatedHttpRequest) -> list[Tag]:
    return list(selectors.tags_of(request.user))


@router.put("/tags/{name}", response=TagOut, summary="Set a tag's keep-in-touch cadence")
def tag_cadence(request: AuthenticatedHttpRequest, name: NoNulStr, payload: TagCadenceIn) -> Tag:
    return services.tag_cadence_set(owner=request.user, name=name, **payload.dict())


@router.post("/met-at-event", response={201: list[ContactOut]}, summary="People I met at an event")
def met_at_event(request: AuthenticatedHttpRequest, payload: MetAtEventIn) -> Status:
    event = visible_events(request.user).filter(pk=payload.event_id).first()
    if event is None:
        raise ValidationError({"event_id": ["No such event."]})
    created = services.contacts_met_at_event(
        owner=request.user,
        event=event,
        people=[Person(name=p.name, company=p.company, email=p.email) for p in payload.people],
        tags=payload.tags,
    )
    return Status(201, [contact_out(c) for c in created])


def _parse(upload: UploadedFile, mapping: str) -> ParsedFile:
    try:
        chosen = json.loads(mapping) if mapping else None
    except ValueError as exc:
        raise ValidationError({"mapping": ["Send the column mapping as a JSON object."]}) from exc
    try:
        return parse_contacts_file(read_upload(upload), mapping=chosen)
    except ImportFileError as exc:
        raise ValidationError({"file": [f"Nothing was imported. {exc}"]}) from exc


@router.post("/import/preview", response=PreviewOut, summary="Read a file without saving")
def import_preview_endpoint(
    request: AuthenticatedHttpRequest, file: File[UploadedFile], mapping: Form[str] = ""
) -> dict[str, object]:
    parsed = _parse(file, mapping)
    rows = import_preview(owner=request.user, rows=parsed.rows)
    return {
        "kind": parsed.kind,
        "encoding": parsed.encoding,
        "columns": parsed.columns,
        "mapping": parsed.mapping,
        "rows": [
            {
                "line": r.row.line,
                "name": r.row.name,
                "company": r.row.company,
                "email": r.row.email,
                "status": r.status,
                "reason": r.reason,
            }
            for r in rows
        ],
    }


@router.post(
    "/import", response=ContactImportOut, summary="Import vCard, CSV or LinkedIn connections"
)
def import_file(
    request: AuthenticatedHttpRequest,
    file: File[UploadedFile],
    merge: Form[bool] = True,
    dry_run: Form[bool] = False,
    mapping: Form[str] = "",
) -> dict[str, object]:
    parsed = _parse(file, mapping)
    result = contacts_import(
        owner=request.user,
        rows=parsed.rows,
        merge=merge,
        dry_run=dry_run,
    )
    return {"dry_run": dry_run, **result.__dict__}


@router.get("/export", summary="Your contacts as vCard or CSV")
def export(
    request: AuthenticatedHttpRequest,
    format: str = Query("vcard", description="vcard or csv"),  # noqa: A002 — the API's word
    version: str = Query("3.0", description="vCard 3.0 or 4.0"),
) -> HttpResponse:
    if format == "csv":
        return HttpResponse(contacts_csv(request.user), content_type="text/csv; charset=utf-8")
    if format != "vcard" or version not in ("3.0", "4.0"):
        raise ValidationError({"format": ["Choose vcard (version 3.0 or 4.0) or csv."]})
    return HttpResponse(
        contacts_vcard(request.user, version=version), content_type="text/vcard; charset=utf-8"
    )


@router.get("/strength", summary="How relationship strength is worked out")
def strength_explained(request: AuthenticatedHttpRequest) -> dict[str, str]:
    return {"explanation": EXPLANATION}


@router.get("/{int:contact_id}", response=ContactOut, summary="One of your contacts")
def contact_detail(request: AuthenticatedHttpRequest, contact_id: int) -> dict[str, object]:
    return contact_out(selectors.own_contact(owner=request.user, contact_id=contact_id))


@router.patch("/{int:contact_id}", response=ContactOut, summary="Change a contact")
def contact_update(
    request: AuthenticatedHttpRequest, contact_id: int, payload: ContactPatch
) -> dict[str, object]:
    contact = selectors.own_contact(owner=request.user, contact_id=contact_id)
    fields = payload.dict(exclude_unset=True)
    services.contact_update(contact=contact, **fields)
    return contact_out(selectors.own_contact(owner=request.user, contact_id=contact_id))


@router.delete("/{int:contact_id}", response={204: None}, summary="Delete a contact")
def contact_delete(request: AuthenticatedHttpRequest, contact_id: int) -> Status:
    services.contact_delete(
        contact=selectors.own_contact(owner=request.user, contact_id=contact_id)
    )
    return Status(204, None)


@router.get("/{int:contact_id}/timeline", response=list[InteractionOut], summary="The timeline")
def timeline(request: AuthenticatedHttpRequest, contact_id: int) -> list[dict[str, object]]:
    contact = selectors.own_contact(owner=request.user, contact_id=contact_id)
    return [interaction_out(i) for i in selectors.timeline(contact)]


@router.post(
    "/{int:contact_id}/interactions", response={201: InteractionOut}, summary="Log an interaction"
)
def interaction_add(
    request: AuthenticatedHttpRequest, contact_id: int, payload: InteractionIn
) -> Status:
    contact = selectors.own_contact(owner=request.user, contact_id=contact_id)
    item = services.interaction_log(contact=contact, **payload.dict())
    assert item is not None  # no source_key: always logged
    return Status(201, interaction_out(item))


@router.post("/{int:contact_id}/notes", response={201: InteractionOut}, summary="Add a note")
def note_add(request: AuthenticatedHttpRequest, contact_id: int, payload: NoteIn) -> Status:
    contact = selectors.own_contact(owner=request.user, contact_id=contact_id)
    return Status(201, interaction_out(services.note_add(contact=contact, body=payload.body)))


@router.delete(
    "/interactions/{int:interaction_id}", response={204: None}, summary="Remove a timeline entry"
)
def interaction_delete(request: AuthenticatedHttpRequest, interaction_id: int) -> Status:
    item = selectors.own_interaction(owner=request.user, interaction_id=interaction_id)
    services.interaction_delete(interaction=item)
    return Status(204, None)


@router.post("/{int:contact_id}/merge", response=ContactOut, summary="Merge a duplicate in")
def contact_merge(
    request: AuthenticatedHttpRequest, contact_id: int, payload: MergeIn
) -> dict[str, object]:
    keep = selectors.own_contact(owner=request.user, contact_id=contact_id)
    other = selectors.own_contact(owner=request.user, contact_id=payload.other_id)
    services.contact_merge(keep=keep, other=other)
    return contact_out(selectors.own_contact(owner=request.user, contact_id=contact_id))


@router.get("/{int:contact_id}/brief", response=BriefOut, summary="The brief for a meeting")
def brief(request: AuthenticatedHttpRequest, contact_id: int) -> dict[str, object]:
    result = brief_for(owner=request.user, contact_id=contact_id)
    return {
        "contact": contact_out(result.contact),
        "asks": result.asks,
        "offers": result.offers,
        "last_interactions": [interaction_out(i) for i in result.last_interactions],
        "promised_by_me": [p.title for p in result.promised_by_me],
        "promised_by_them": [p.title for p in result.promised_by_them],
        "questions": result.questions,
        "meeting_goal": result.contact.meeting_goal,
    }
