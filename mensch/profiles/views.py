"""Profile editor, member directory and public profile pages."""

from __future__ import annotations

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.core.forms import apply_errors
from mensch.core.htmx import is_htmx
from mensch.core.text import strip_nul
from mensch.profiles import selectors, services
from mensch.profiles.forms import ItemForm, ProfileForm
from mensch.profiles.models import Profile
from mensch.profiles.rows import member_cards
from mensch.profiles.services import PROFILE_FIELDS, Side


@login_required
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
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


def _side_context(profile: Profile, side: Side, form: ItemForm | None = None) -> dict[str, object]:
    items = profile.asks.all() if side == "ask" else profile.offers.all()
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


def _render_side(
    request: AuthenticatedHttpRequest, side: Side, form: ItemForm | None = None
) -> HttpResponse:
    profile = selectors.own_profile(request.user)
    return render(
        request,
        "profiles/edit.html#item-list",
        {"s": _side_context(profile, side, form)},
        status=422 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def item_add(request: AuthenticatedHttpRequest, side: Side) -> HttpResponse:
    form = ItemForm(request.POST, auto_id=f"id_{side}_%s")
    rejected: ItemForm | None = form  # shown again with its errors, or None once added
    if form.is_valid():
        try:
            services.profile_item_create(
                profile=selectors.own_profile(request.user), side=side, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            rejected = None
    if is_htmx(request):
        return _render_side(request, side, rejected)
    if rejected is not None:
        for errors in rejected.errors.values():
            for error in errors:
                messages.error(request, f"Your {side} was not added: {error}")
    return redirect("profile_edit")


@login_required
@require_POST
def item_delete(request: AuthenticatedHttpRequest, side: Side, item_id: int) -> HttpResponse:
    item = selectors.own_item(user=request.user, side=side, item_id=item_id)
    services.profile_item_delete(item=item)
    if is_htmx(request):
        return _render_side(request, side)
    messages.success(request, f"{side.capitalize()} removed.")
    return redirect("profile_edit")


class CappedPaginator(Paginator):
    """Counts no further than ``selectors.MEMBER_COUNT_CAP``: one bounded count, never a
    second full pass over every match. Pages past the cap are not offered.

    The asked page is read before it is counted: a ranked search reads its page and its
    count in one pass (:meth:`selectors.MemberCards.prepare`)."""

    # Search results count themselves (count(), capped) and are read by slices: no len().
    object_list: selectors.MemberCards  # type: ignore[assignment]

    def get_page(self, number: int | float | str | None) -> Page:
        try:
            wanted = max(1, int(str(number)))
        except ValueError:
            wanted = 1
        # No page lies past the capped count (``count``): a 23-digit number reads the last.
        wanted = min(wanted, math.ceil(selectors.MEMBER_COUNT_CAP / self.per_page))
        self.object_list.prepare(offset=(wanted - 1) * self.per_page, limit=self.per_page)
        return super().get_page(number)

    @cached_property
    def found(self) -> int:
        return selectors.member_count(self.object_list)

    @cached_property
    def count(self) -> int:
        return min(self.found, selectors.MEMBER_COUNT_CAP)

    @property
    def is_capped(self) -> bool:
        return self.found > selectors.MEMBER_COUNT_CAP

    @property
    def count_label(self) -> str:
        """ "7", or "1,000+" past the cap."""
        return f"{self.count:,}+" if self.is_capped else str(self.count)


@login_required
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = strip_nul(request.GET.get("q", ""))[:200]
    industry = strip_nul(request.GET.get("industry", ""))[:80]
    # The page's cards as plain rows (a ranked search reads them with its page and count).
    results = selectors.directory_search(query=query, industry=industry)
    # MemberCards counts itself and is read by slices (see CappedPaginator): no len().
    page = CappedPaginator(results, 20).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    context = {
        "query": query,
        "industry": industry,
        "industries": selectors.industries(),
        "page": page,
        "cards": member_cards(page),
    }
    template = "profiles/directory.html#results" if is_htmx(request) else "profiles/directory.html"
    return render(request, template, context)
