"""Ledger and referral exchange pages; thin over services and selectors."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.connections.selectors import connection_rows
from mensch.contacts.selectors import own_contact
from mensch.core.forms import apply_errors
from mensch.core.markup import form_fields
from mensch.ledger import exchanges, selectors, services
from mensch.ledger.forms import CloseForm, PledgeForm, ProposeForm, RecordForm
from mensch.ledger.rows import entry_items, people_rows
from mensch.profiles.models import Profile


def _record_form(
    request: AuthenticatedHttpRequest, data: Mapping[str, Any] | None = None
) -> RecordForm:
    people, contacts = selectors.record_choices(request.user)
    return RecordForm(
        data,
        people=people,
        contacts=contacts,
        initial={"status": "delivered"},
    )


def _ledger_context(
    request: AuthenticatedHttpRequest, form: RecordForm | None = None
) -> dict[str, object]:
    balance, entries = selectors.ledger_page(request.user, limit=100)
    form = form or _record_form(request)
    return {
        "balance": balance,
        "entries": entries,
        "entry_items": entry_items(entries),
        "people_rows": people_rows(balance.people),
        "form": form,
        "form_fields": form_fields(form),
    }


@login_required
def ledger(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "ledger/ledger.html", _ledger_context(request))


@login_required
@require_POST
def ledger_record(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _record_form(request, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        counterpart = contact = None
        if data["counterpart"]:
            counterpart = Profile.objects.select_related("user").get(pk=data["counterpart"]).user
        if data["contact"]:
            contact = own_contact(owner=request.user, contact_id=data["contact"])
        try:
            entry = services.ledger_entry_record(
                member=request.user,
                kind=data["kind"],
                direction=data["direction"],
                description=data["description"],
                counterpart=counterpart,
                counterpart_name=data["counterpart_name"],
                contact=contact,
                status=data["status"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Recorded in your ledger.")
            return redirect("ledger_entry", entry_id=entry.pk)
    return render(request, "ledger/ledger.html", _ledger_context(request, form), status=422)


@login_required
def ledger_entry(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.own_entry(member=request.user, entry_id=entry_id)
    return render(
        request,
        "ledger/entry.html",
        {"entry": entry, "close_form": CloseForm(initial={"currency": "EUR"})},
    )


@login_required
@require_POST
def ledger_entry_action(
    request: AuthenticatedHttpRequest, entry_id: int, action: str
) -> HttpResponse:
    entry = selectors.own_entry(member=request.user, entry_id=entry_id)
    close_form = CloseForm(request.POST if action == "close" else None)
    try:
        if action == "close":
            close_form.is_valid()
            services.ledger_entry_close(
                member=request.user,
                entry_id=entry.pk,
                value=close_form.cleaned_data.get("value", ""),
                currency=close_form.cleaned_data.get("currency", ""),
            )
        else:
            action_service = {
                "deliver": services.ledger_entry_deliver,
                "confirm": services.ledger_entry_confirm,
                "thank": services.ledger_entry_thank,
            }[action]
            action_service(member=request.user, entry_id=entry.pk)
    except ValidationError as exc:
        apply_errors(close_form, exc)
        return render(
            request, "ledger/entry.html", {"entry": entry, "close_form": close_form}, status=422
        )
    messages.success(request, ACTION_DONE[action])
    return redirect("ledger_entry", entry_id=entry.pk)


ACTION_DONE = {
    "deliver": "Marked as delivered.",
    "confirm": "Confirmed: this entry is now verified.",
    "thank": "Thank you sent.",
    "close": "Business closed is recorded and credited to the giver.",
}


@login_required
def ledger_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mensch-ledger.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "date",
            "direction",
            "kind",
            "with",
            "description",
            "status",
            "verified",
            "value",
            "currency",
        ]
    )
    for entry in selectors.entries_of(request.user).order_by("created_at", "pk"):
        writer.writerow(
            [
                entry.created_at.date().isoformat(),
                entry.direction_for(request.user.pk),
                entry.kind,
                _csv_safe(entry.counterpart_label(request.user.pk)),
                _csv_safe(entry.description),
                entry.status,
                "yes" if entry.is_verified else "no",
                entry.value if entry.value is not None else "",
                entry.currency,
            ]
        )
    return response


def _csv_safe(text: str) -> str:
    # A cell starting with = + - @ runs as a formula in spreadsheets.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


# Referral exchanges --------------------------------------------------------------


def _connection_choices(request: AuthenticatedHttpRequest) -> list[tuple[int, str]]:
    return [(row.profile.pk, row.profile.name) for row in connection_rows(request.user)]


@login_required
def referral_exchanges(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ProposeForm(request.POST or None, people=_connection_choices(request))
    if request.method == "POST" and form.is_valid():
        partner = Profile.objects.select_related("user").get(pk=form.cleaned_data["partner"]).user
        try:
            exchange = exchanges.referral_exchange_propose(proposer=request.user, partner=partner)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Exchange proposed to {partner.name}. Write your pledge.")
            return redirect("referral_exchange", exchange_id=exchange.pk)
    return render(
        request,
        "ledger/exchanges.html",
        {"form": form, "exchanges": selectors.exchanges_of(request.user)},
        status=422 if form.errors else 200,
    )


@login_required
def referral_exchange(request: AuthenticatedHttpRequest, exchange_id: int) -> HttpResponse:
    view = selectors.own_exchange(member=request.user, exchange_id=exchange_id)
    form = PledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            exchanges.pledge_create(
                member=request.user,
                exchange_id=exchange_id,
                referral_name=form.cleaned_data["referral_name"],
                reason=form.cleaned_data["reason"],
                consent=form.cleaned_data["consent"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Pledged. It stays sealed until both of you have pledged.")
            return redirect("referral_exchange", exchange_id=exchange_id)
    return render(
        request,
        "ledger/exchange.html",
        {"view": view, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def referral_exchange_cancel(request: AuthenticatedHttpRequest, exchange_id: int) -> HttpResponse:
    try:
        exchanges.referral_exchange_cancel(member=request.user, exchange_id=exchange_id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Exchange cancelled; no pledge was released.")
    return redirect("referral_exchange", exchange_id=exchange_id)
