"""The ledger and referral exchanges over the API: the same services as the pages.

Balances are only ever the caller's own; pledges stay sealed exactly as on the pages.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Router, Schema, Status

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.contacts.selectors import own_contact
from mensch.ledger import exchanges, selectors, services
from mensch.ledger.models import LedgerEntry
from mensch.profiles.selectors import profile_for_viewer

router = Router(tags=["ledger"])


class LedgerPersonOut(Schema):
    profile_id: int | None
    name: str


class CounterpartOut(LedgerPersonOut):
    contact_id: int | None = None


class EntryOut(Schema):
    id: int
    kind: str
    direction: Literal["given", "received"]
    counterpart: CounterpartOut
    description: str
    status: str
    verified: bool
    value: Decimal | None
    currency: str
    source: str
    created_at: datetime
    delivered_at: datetime | None
    thanked_at: datetime | None
    closed_at: datetime | None


class EntryIn(Schema):
    kind: Literal["favour", "introduction", "referral", "resource", "advice"]
    direction: Literal["given", "received"]
    description: str
    counterpart_profile_id: int | None = None
    counterpart_name: str = ""
    counterpart_contact_id: int | None = None
    status: Literal["offered", "delivered"] = "offered"


class CloseIn(Schema):
    value: Decimal
    currency: str


class PersonBalanceOut(Schema):
    name: str
    profile_id: int | None
    given: int
    received: int


class BalanceOut(Schema):
    given: int
    received: int
    people: list[PersonBalanceOut]
    prompts: list[str]


class PledgeOut(Schema):
    referral_name: str
    reason: str
    created_at: datetime


class ExchangeOut(Schema):
    id: int
    status: str
    other: LedgerPersonOut
    proposed_by_you: bool
    created_at: datetime
    expires_at: datetime
    released_at: datetime | None
    your_pledge: PledgeOut | None
    their_pledge: PledgeOut | None
    they_pledged: bool


class ExchangeIn(Schema):
    partner_profile_id: int


class PledgeIn(Schema):
    referral_name: str
    reason: str
    consent: bool


def entry_out(entry: LedgerEntry, viewer_id: int) -> dict[str, object]:
    other = entry.counterpart_of(viewer_id)
    return {
        "id": entry.pk,
        "kind": entry.kind,
        "direction": entry.direction_for(viewer_id),
        "counterpart": {
            "profile_id": other.profile.pk if other is not None else None,
            "name": entry.counterpart_label(viewer_id),
            # The contact record is the recorder's own note: only they see the link.
            "contact_id": entry.counterpart_contact_id
            if entry.recorded_by_id == viewer_id
            else None,
        },
        "description": entry.description,
        "status": entry.status,
        "verified": entry.is_verified,
        "value": entry.value,
        "currency": entry.currency,
        "source": entry.source,
        "created_at": entry.created_at,
        "delivered_at": entry.delivered_at,
        "thanked_at": entry.thanked_at,
        "closed_at": entry.closed_at,
    }


def _entry(request: AuthenticatedHttpRequest, entry_id: int) -> dict[str, object]:
    return entry_out(selectors.own_entry(member=request.user, entry_id=entry_id), request.user.pk)


@router.get("/entries", response=list[EntryOut], summary="Your ledger entries")
def entry_list(request: AuthenticatedHttpRequest) -> list[dict[str, object]]:
    return [entry_out(e, request.user.pk) for e in selectors.entries_of(request.user)[:500]]


@router.post("/entries", response={201: EntryOut}, summary="Record something given or received")
def entry_record(request: AuthenticatedHttpRequest, payload: EntryIn) -> Status:
    counterpart = None
    if payload.counterpart_profile_id is not None:
        counterpart = profile_for_viewer(
            viewer=request.user, profile_id=payload.counterpart_profile_id
        ).user
    contact = None
    if payload.counterpart_contact_id is not None:
        contact = own_contact(owner=request.user, contact_id=payload.counterpart_contact_id)
    entry = services.ledger_entry_record(
        member=request.user,
        kind=payload.kind,
        direction=payload.direction,
        description=payload.description,
        counterpart=counterpart,
        counterpart_name=payload.counterpart_name,
        contact=contact,
        status=payload.status,
    )
    return Status(201, _entry(request, entry.pk))


@router.get("/entries/{entry_id}", response=EntryOut, summary="One entry")
def entry_detail(request: AuthenticatedHttpRequest, entry_id: int) -> dict[str, object]:
    return _entry(request, entry_id)


@router.post("/entries/{entry_id}/deliver", response=EntryOut, summary="Mark delivered")
def entry_deliver(request: AuthenticatedHttpRequest, entry_id: int) -> dict[str, object]:
    services.ledger_entry_deliver(member=request.user, entry_id=entry_id)
    return _entry(request, entry_id)


@router.post(
    "/entries/{entry_id}/confirm", response=EntryOut, summary="Confirm receipt (receiver only)"
)
def entry_confirm(request: AuthenticatedHttpRequest, entry_id: int) -> dict[str, object]:
    services.ledger_entry_confirm(member=request.user, entry_id=entry_id)
    return _entry(request, entry_id)


@router.post("/entries/{entry_id}/thank", response=EntryOut, summary="Thank (receiver only)")
def entry_thank(request: AuthenticatedHttpRequest, entry_id: int) -> dict[str, object]:
    services.ledger_entry_thank(member=request.user, entry_id=entry_id)
    return _entry(request, entry_id)


@router.post(
    "/entries/{entry_id}/close",
    response=EntryOut,
    summary="Record business closed (receiver only; credited to the giver)",
)
def entry_close(
    request: AuthenticatedHttpRequest, entry_id: int, payload: CloseIn
) -> dict[str, object]:
    services.ledger_entry_close(
        member=request.user, entry_id=entry_id, value=payload.value, currency=payload.currency
    )
    return _entry(request, entry_id)


@router.get("/balance", response=BalanceOut, summary="Your own give/receive balance")
def balance(request: AuthenticatedHttpRequest) -> dict[str, object]:
    result = selectors.balance_of(request.user)
    return {
        "given": result.given,
        "received": result.received,
        "people": [
            {"name": p.name, "profile_id": p.profile_id, "given": p.given, "received": p.received}
            for p in result.people
        ],
        "prompts": result.prompts,
    }


def exchange_out(view: selectors.ExchangeView, viewer_id: int) -> dict[str, object]:
    def pledge(p: selectors.PledgeView | None) -> dict[str, object] | None:
        if p is None:
            return None
        return {"referral_name": p.referral_name, "reason": p.reason, "created_at": p.created_at}

    exchange = view.exchange
    return {
        "id": exchange.pk,
        "status": view.status,
        "other": {"profile_id": view.other.profile.pk, "name": view.other.name},
        "proposed_by_you": exchange.proposer_id == viewer_id,
        "created_at": exchange.created_at,
        "expires_at": exchange.expires_at,
        "released_at": exchange.released_at,
        "your_pledge": pledge(view.mine),
        "their_pledge": pledge(view.theirs),
        "they_pledged": view.they_pledged,
    }


def _exchange(request: AuthenticatedHttpRequest, exchange_id: int) -> dict[str, object]:
    view = selectors.own_exchange(member=request.user, exchange_id=exchange_id)
    return exchange_out(view, request.user.pk)


@router.get("/exchanges", response=list[ExchangeOut], summary="Your referral exchanges")
def exchange_list(request: AuthenticatedHttpRequest) -> list[dict[str, object]]:
    return [exchange_out(v, request.user.pk) for v in selectors.exchanges_of(request.user)]


@router.post("/exchanges", response={201: ExchangeOut}, summary="Propose an exchange")
def exchange_propose(request: AuthenticatedHttpRequest, payload: ExchangeIn) -> Status:
    partner = profile_for_viewer(viewer=request.user, profile_id=payload.partner_profile_id).user
    exchange = exchanges.referral_exchange_propose(proposer=request.user, partner=partner)
    return Status(201, _exchange(request, exchange.pk))


@router.get("/exchanges/{exchange_id}", response=ExchangeOut, summary="One exchange")
def exchange_detail(request: AuthenticatedHttpRequest, exchange_id: int) -> dict[str, object]:
    return _exchange(request, exchange_id)


@router.post(
    "/exchanges/{exchange_id}/pledge", response={201: ExchangeOut}, summary="Seal your pledge"
)
def exchange_pledge(
    request: AuthenticatedHttpRequest, exchange_id: int, payload: PledgeIn
) -> Status:
    selectors.own_exchange(member=request.user, exchange_id=exchange_id)
    exchanges.pledge_create(
        member=request.user,
        exchange_id=exchange_id,
        referral_name=payload.referral_name,
        reason=payload.reason,
        consent=payload.consent,
    )
    return Status(201, _exchange(request, exchange_id))


@router.post("/exchanges/{exchange_id}/cancel", response=ExchangeOut, summary="Cancel")
def exchange_cancel(request: AuthenticatedHttpRequest, exchange_id: int) -> dict[str, object]:
    exchanges.referral_exchange_cancel(member=request.user, exchange_id=exchange_id)
    return _exchange(request, exchange_id)
