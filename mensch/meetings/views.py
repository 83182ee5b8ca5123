from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.meetings import selectors, services
from mensch.profiles.selectors import profile_for_viewer


@login_required
def meetings(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = []
    for meeting in selectors.meetings_of(request.user):
        mine_low = meeting.member_low_id == request.user.pk
        other = meeting.member_high if mine_low else meeting.member_low
        answer = meeting.low_follow_up if mine_low else meeting.high_follow_up
        rows.append({"meeting": meeting, "other": other, "answer": answer})
    return render(request, "meetings/list.html", {"rows": rows})


@login_required
@require_POST
def meeting_tick(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponse:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    try:
        meeting = services.meeting_tick(member=request.user, other=profile.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("member_detail", profile_id=profile_id)
    if meeting is None:
        messages.success(request, f"Noted. When {profile.name} confirms too, the meeting counts.")
    else:
        messages.success(request, f"Your meeting with {profile.name} is confirmed.")
    return redirect("meetings")


@login_required
@require_POST
def meeting_follow_up(
    request: AuthenticatedHttpRequest, meeting_id: int, answer: str
) -> HttpResponse:
    services.meeting_follow_up(member=request.user, meeting_id=meeting_id, yes=answer == "yes")
    return redirect("meetings")
