"""Profile editor, member directory and public profile pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mensch.core.forms import apply_errors
from mensch.introductions.selectors import relationship
from mensch.profiles import selectors, services
from mensch.profiles.forms import ItemForm, ProfileForm
from mensch.profiles.services import PROFILE_FIELDS, Side


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = selectors.own_profile(request.user)
    initial = {"first_name": request.user.first_name, "last_name": request.user.last_name}
    form = ProfileForm(request.POST or None, instance=profile, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.member_profile_update(
                user=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                **{name: data[name] for name in PROFILE_FIELDS},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
            profile.refresh_from_db()
        else:
            messages.success(request, "Profile saved.")
            return redirect("profile_edit")
    return render(
        request,
        "profiles/edit.html",
        {
            "form": form,
            "profile": profile,
            "sides": [_side_context(profile, "ask"), _side_context(profile, "offer")],
        },
    )


def _side_context(profile: object, side: Side, form: ItemForm | None = None) -> dict[str, object]:
    items = (profile.asks if side == "ask" else profile.offers).all()  # type: ignore[attr-defined]
    return {
        "side": side,
        "title": "What I ask for" if side == "ask" else "What I offer",
        "hint": (
            "People, help or resources you are looking for: “a graphic designer for our rebrand”."
            if side == "ask"
            else "What you can give others: skills, introductions, resources, time."
        ),
        "items": items,
        "form": form or ItemForm(auto_id=f"id_{side}_%s"),
    }


def _render_side(request: HttpRequest, side: Side, form: ItemForm | None = None) -> HttpResponse:
    profile = selectors.own_profile(request.user)
    return render(
        request,
        "profiles/edit.html#item-list",
        {"s": _side_context(profile, side, form)},
        status=422 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def item_add(request: HttpRequest, side: Side) -> HttpResponse:
    form = ItemForm(request.POST, auto_id=f"id_{side}_%s")
    if form.is_valid():
        try:
            services.profile_item_create(
                profile=selectors.own_profile(request.user), side=side, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            form = None
    if _is_htmx(request):
        return _render_side(request, side, form)
    if form is not None:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"Your {side} was not added: {error}")
    return redirect("profile_edit")


@login_required
@require_POST
def item_delete(request: HttpRequest, side: Side, item_id: int) -> HttpResponse:
    item = selectors.own_item(user=request.user, side=side, item_id=item_id)
    services.profile_item_delete(item=item)
    if _is_htmx(request):
        return _render_side(request, side)
    messages.success(request, f"{side.capitalize()} removed.")
    return redirect("profile_edit")


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    industry = request.GET.get("industry", "")[:80]
    results = selectors.member_search(query=query, industry=industry)
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    context = {
        "query": query,
        "industry": industry,
        "industries": selectors.industries(),
        "page": page,
    }
    template = "profiles/directory.html#results" if _is_htmx(request) else "profiles/directory.html"
    return render(request, template, context)


@login_required
def member_detail(request: HttpRequest, profile_id: int) -> HttpResponse:
    profile = selectors.profile_for_viewer(viewer=request.user, profile_id=profile_id)
    return render(
        request,
        "profiles/detail.html",
        {
            "profile": profile,
            "is_own": profile.user_id == request.user.pk,
            "show_contact": selectors.can_see_contact_details(viewer=request.user, profile=profile),
            "relationship": relationship(request.user, profile.user_id),
        },
    )
