"""Trust pages: my trust, the specialist directory, endorsements, and the coach panel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.connections.selectors import are_connected
from mensch.core.coach import coach_draft
from mensch.core.forms import apply_errors
from mensch.core.htmx import is_htmx
from mensch.introductions.selectors import can_request
from mensch.profiles.models import Profile
from mensch.profiles.selectors import profile_for_viewer
from mensch.trust import selectors, services
from mensch.trust.directory import SpecialistRow, find_specialist_rows
from mensch.trust.forms import (
    CoachForm,
    EndorsementEditForm,
    EndorsementForm,
    ReportForm,
    SpecialistSearchForm,
)
from mensch.trust.models import Endorsement
from mensch.trust.rows import specialist_cards


@login_required
def trust_mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    member = request.user
    return render(
        request,
        "trust/mine.html",
        {
            "score": selectors.trust_of(member),
            "received": list(selectors.endorsements_received(member)),
            "given": list(selectors.endorsements_given(member)),
        },
    )


@login_required
def specialists(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SpecialistSearchForm(request.GET or None)
    results: list[SpecialistRow] = []
    searched = False
    if form.is_valid() and form.cleaned_data["need"].strip():
        searched = True
        results = find_specialist_rows(viewer=request.user, **form.cleaned_data)
    context = {
        "form": form,
        "results": results,
        "cards": specialist_cards(results) if searched else "",
        "searched": searched,
    }
    template = "trust/specialists.html#results" if is_htmx(request) else "trust/specialists.html"
    return render(request, template, context)


def _detail_context(request: AuthenticatedHttpRequest, profile: Profile) -> dict[str, object]:
    member = profile.user
    interactions, offers = selectors.endorsement_options(request.user, member)
    endorsements = list(selectors.visible_endorsements(member))
    by_offer: dict[int, list[Endorsement]] = {}
    for endorsement in endorsements:
        by_offer.setdefault(endorsement.offer_id, []).append(endorsement)
    score = selectors.trust_of(member)
    band = selectors.band_of(score)
    return {
        "profile": profile,
        "offers": [(offer, by_offer.get(offer.pk, [])) for offer in profile.offers.all()],
        "endorsement_count": len(endorsements),
        "band": band,
        "band_words": selectors.BAND_WORDS[band],
        "interactions": interactions,
        "endorse_form": EndorsementForm(offers=[(o.pk, o.text) for o in offers])
        if offers
        else None,
        "is_self": member.pk == request.user.pk,
        "connected": are_connected(request.user, member),
        "can_request": can_request(request.user, member),
        "report_form": ReportForm(),
    }


@login_required
def specialist_detail(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponse:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    return render(request, "trust/specialist.html", _detail_context(request, profile))


@login_required
@require_POST
def endorsement_create(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponse:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    context = _detail_context(request, profile)
    choices = [(o.pk, o.text) for o in profile.offers.all()]
    form = EndorsementForm(request.POST, offers=choices)
    if form.is_valid():
        try:
            services.endorsement_create(
                author=request.user,
                member=profile.user,
                offer_id=form.cleaned_data["offer"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Thank you: your endorsement of {profile.name} is shown.")
            return redirect("specialist_detail", profile_id=profile_id)
    context["endorse_form"] = form
    return render(request, "trust/specialist.html", context, status=422)


@login_required
def endorsement_edit(request: AuthenticatedHttpRequest, endorsement_id: int) -> HttpResponse:
    endorsement = selectors.own_endorsement(author=request.user, endorsement_id=endorsement_id)
    form = EndorsementEditForm(request.POST or None, initial={"text": endorsement.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.endorsement_update(
                author=request.user, endorsement_id=endorsement.pk, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Endorsement updated.")
            return redirect("trust_mine")
    return render(
        request,
        "trust/endorsement_edit.html",
        {"form": form, "endorsement": endorsement},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def endorsement_withdraw(request: AuthenticatedHttpRequest, endorsement_id: int) -> HttpResponse:
    services.endorsement_withdraw(author=request.user, endorsement_id=endorsement_id)
    messages.success(request, "Endorsement withdrawn.")
    return redirect("trust_mine")


@login_required
@require_POST
def endorsement_report(request: AuthenticatedHttpRequest, endorsement_id: int) -> HttpResponse:
    endorsement = Endorsement.objects.select_related("member__profile").get(
        pk=endorsement_id, hidden_at__isnull=True, removed_at__isnull=True
    )
    form = ReportForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.endorsement_report(
            reporter=request.user, endorsement_id=endorsement.pk, reason=reason
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Thank you. Staff will look at this endorsement.")
    return redirect("specialist_detail", profile_id=endorsement.member.profile.pk)


@login_required
def endorsement_review_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied("Only staff review reported endorsements.")
    return render(
        request,
        "trust/review.html",
        {"endorsements": list(selectors.endorsements_awaiting_review())},
    )


@login_required
@require_POST
def endorsement_review(
    request: AuthenticatedHttpRequest, endorsement_id: int, verdict: str
) -> HttpResponse:
    if verdict not in ("keep", "remove"):
        raise Http404("Unknown decision.")
    try:
        services.endorsement_review(
            reviewer=request.user, endorsement_id=endorsement_id, keep=verdict == "keep"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Shown again." if verdict == "keep" else "Removed.")
    return redirect("endorsement_review_list")


@login_required
@require_POST
def coach_panel(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The live coach: scores whatever draft field the form sends, as one types."""
    form = CoachForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    text = data.get("text") or request.POST.get("reason") or request.POST.get("body") or ""
    recipient_name = None
    if data.get("recipient"):
        try:
            profile = profile_for_viewer(viewer=request.user, profile_id=data["recipient"])
        except Profile.DoesNotExist:
            pass
        else:
            recipient_name = profile.name
    coach = (
        coach_draft(
            text, recipient_name=recipient_name, context=data.get("context") or "first_message"
        )
        if text.strip()
        else None
    )
    return render(request, "trust/coach_result.html", {"coach": coach})
