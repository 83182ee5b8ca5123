"""The front page, the member's dashboard and "all my data"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.connections.selectors import can_see_contact_details
from mensch.introductions.selectors import relationship
from mensch.profiles.selectors import profile_for_viewer
from mensch.web import selectors
from mensch.web.export import export_filename, export_json, member_export


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "web/home.html", {"community": selectors.community_figures()})


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "web/dashboard.html", selectors.dashboard(request.user))


@login_required
def member_detail(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponse:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    return render(
        request,
        "profiles/detail.html",
        {
            "profile": profile,
            "is_own": profile.user_id == request.user.pk,
            "show_contact": can_see_contact_details(viewer=request.user, profile=profile),
            "relationship": relationship(request.user, profile.user_id),
        },
    )


@login_required
def data_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "web/export.html")


@login_required
@never_cache
def data_export_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The member's data as ``mensch-<date>.json``, a download."""
    response = HttpResponse(
        export_json(member_export(request.user)), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename()}"'
    return response
