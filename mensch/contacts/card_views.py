"""Business cards into contacts: upload (or photograph) a card, watch it being read,
review the prefilled contact and save or discard it; the review page lists every card
still waiting (a batch from `mensch contacts scan` lands there too). Only the owner ever
sees a card or its photo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.contacts import cardscan
from mensch.contacts.forms import CardUploadForm, ContactForm
from mensch.contacts.models import CardScan, Contact
from mensch.contacts.views import _contact_choices, _event_choices
from mensch.core.forms import apply_errors
from mensch.core.htmx import is_htmx

REVIEW_PAGE_SIZE = 100


def _scan(request: AuthenticatedHttpRequest, scan_id: int) -> CardScan:
    return get_object_or_404(CardScan, pk=scan_id, owner=request.user)


@login_required
def card_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CardUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["card"]
        limit = cardscan.card_max_bytes()
        try:
            if upload.size > limit:
                raise cardscan.CardImageError(
                    f"The file is {upload.size / 1_000_000:.1f} MB; a card's photo can be at "
                    f"most {limit / 1_000_000:g} MB."
                )
            scan = cardscan.card_scan_create(
                owner=request.user, data=upload.read(), name=upload.name or ""
            )
        except cardscan.CardImageError as exc:
            form.add_error("card", f"No contact was made. {exc}")
        else:
            return redirect("card_scan", scan_id=scan.pk)
    return render(
        request, "contacts/cards/upload.html", {"form": form}, status=422 if form.errors else 200
    )


@login_required
def card_scans(request: AuthenticatedHttpRequest) -> HttpResponse:
    scans = CardScan.objects.filter(owner=request.user).order_by("created_at", "pk")
    return render(
        request,
        "contacts/cards/review.html",
        {"scans": scans[:REVIEW_PAGE_SIZE], "total": scans.count()},
    )


@login_required
def card_scan(request: AuthenticatedHttpRequest, scan_id: int) -> HttpResponse:
    scan = _scan(request, scan_id)
    if scan.status == CardScan.Status.READING:
        if is_htmx(request):
            return render(request, "contacts/cards/scan.html#reading", {"scan": scan})
        return render(request, "contacts/cards/scan.html", {"scan": scan})
    if is_htmx(request):  # reading finished while the page waited: show the form
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    form = ContactForm(
        request.POST or None,
        initial=scan.fields,
        events=_event_choices(request.user),
        contacts=_contact_choices(request.user),
    )
    if request.method == "POST" and scan.status == CardScan.Status.READ and form.is_valid():
        try:
            contact = cardscan.card_scan_save(scan=scan, **form.service_fields())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{contact.name} added to your contacts, with the card.")
            return redirect("contact_detail", contact_id=contact.pk)
    return render(
        request,
        "contacts/cards/scan.html",
        {"scan": scan, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def card_scan_discard(request: AuthenticatedHttpRequest, scan_id: int) -> HttpResponse:
    scan = _scan(request, scan_id)
    cardscan.card_scan_discard(scan=scan)
    messages.success(request, "Card discarded; no contact was made.")
    return redirect("card_scans")


def _image(field_file: object) -> FileResponse:
    name = getattr(field_file, "name", "")
    if not name:
        raise Http404
    try:
        handle = field_file.open("rb")  # type: ignore[attr-defined]  # a FieldFile
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def card_scan_image(request: AuthenticatedHttpRequest, scan_id: int) -> FileResponse:
    return _image(_scan(request, scan_id).image)


@login_required
def contact_card_image(request: AuthenticatedHttpRequest, contact_id: int) -> FileResponse:
    contact = get_object_or_404(Contact, pk=contact_id, owner=request.user)
    return _image(contact.card_image)
