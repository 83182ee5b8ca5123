from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.core.forms import apply_errors
from mensch.meetings import proposals, selectors, services
from mensch.meetings.forms import NoteForm, PickForm, ProposalForm, TimeZoneForm
from mensch.meetings.models import MeetingProposal, ScheduledMeeting
from mensch.meetings.times import shown_in_zone
from mensch.profiles.selectors import profile_for_viewer


@login_required
def meetings(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = []
    for meeting in selectors.meetings_of(request.user):
        mine_low = meeting.member_low_id == request.user.pk
        other = meeting.member_high if mine_low else meeting.member_low
        answer = meeting.low_follow_up if mine_low else meeting.high_follow_up
        rows.append({"meeting": meeting, "other": other, "answer": answer})
    pending = [
        _proposal_row(p, request)
        for p in selectors.proposals_of(request.user).filter(status=MeetingProposal.Status.PENDING)
    ]
    booked = [
        _booked_row(m, request)
        for m in selectors.scheduled_meetings_of(request.user).filter(
            status=ScheduledMeeting.Status.SCHEDULED
        )
    ]
    return render(
        request, "meetings/list.html", {"rows": rows, "pending": pending, "booked": booked}
    )


def _proposal_row(
    proposal: MeetingProposal, request: AuthenticatedHttpRequest
) -> dict[str, object]:
    mine = proposal.proposer_id == request.user.pk
    other = proposal.recipient if mine else proposal.proposer
    return {
        "proposal": proposal,
        "other": other,
        "mine": mine,
        "can_answer": not mine and proposal.status == MeetingProposal.Status.PENDING,
        "times": [
            {
                "slot": t,
                "start": shown_in_zone(t.starts_at, request.user),
                "end": shown_in_zone(t.window_ends_at, request.user) if t.window_ends_at else None,
            }
            for t in proposal.times.all()
        ],
    }


def _booked_row(meeting: ScheduledMeeting, request: AuthenticatedHttpRequest) -> dict[str, object]:
    mine = meeting.organizer_id == request.user.pk
    return {
        "meeting": meeting,
        "other": meeting.attendee if mine else meeting.organizer,
        "start": shown_in_zone(meeting.starts_at, request.user),
        "answer": selectors.my_answer(meeting, request.user.pk),
        "ended": meeting.ends_at <= timezone.now(),
    }


def _proposal_form_page(
    request: AuthenticatedHttpRequest, template_context: dict[str, object], form: ProposalForm
) -> HttpResponse:
    status = 422 if form.is_bound and form.errors else 200
    return render(
        request,
        "meetings/propose.html",
        {**template_context, "form": form, "time_zone": request.user.time_zone},
        status=status,
    )


@login_required
def meeting_propose(request: AuthenticatedHttpRequest, profile_id: int) -> HttpResponse:
    profile = profile_for_viewer(viewer=request.user, profile_id=profile_id)
    form = ProposalForm(request.POST or None)
    terms = form.terms() if request.method == "POST" and form.is_valid() else None
    if terms is not None:
        try:
            proposal = proposals.proposal_create(
                proposer=request.user,
                recipient=profile.user,
                **terms,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Your proposal went to {profile.name}.")
            return redirect("meeting_proposal", proposal_id=proposal.pk)
    heading = f"Propose a meeting to {profile.name}"
    return _proposal_form_page(request, {"heading": heading, "profile": profile}, form)


@login_required
def meeting_proposal(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    try:
        proposal = selectors.own_proposal(member=request.user, proposal_id=proposal_id)
    except MeetingProposal.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request,
        "meetings/proposal.html",
        {
            "row": _proposal_row(proposal, request),
            "pick_form": PickForm(),
            "note_form": NoteForm(),
        },
    )


def _refused(request: AuthenticatedHttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@login_required
@require_POST
def meeting_proposal_pick(
    request: AuthenticatedHttpRequest, proposal_id: int, time_id: int
) -> HttpResponse:
    form = PickForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["start"][0])
        meeting = proposals.proposal_pick(
            member=request.user,
            proposal_id=proposal_id,
            time_id=time_id,
            start=form.cleaned_data.get("start"),
        )
    except MeetingProposal.DoesNotExist as exc:
        raise Http404 from exc
    except ValidationError as exc:
        _refused(request, exc)
        return redirect("meeting_proposal", proposal_id=proposal_id)
    messages.success(request, "Booked. The invitation is on its way to both of you.")
    return redirect("scheduled_meeting", meeting_id=meeting.pk)


@login_required
def meeting_proposal_counter(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    try:
        proposal = selectors.own_proposal(member=request.user, proposal_id=proposal_id)
    except MeetingProposal.DoesNotExist as exc:
        raise Http404 from exc
    other = proposal.proposer if proposal.recipient_id == request.user.pk else proposal.recipient
    form = ProposalForm(
        request.POST or None,
        initial=ProposalForm.initial_from(proposal),
    )
    terms = form.terms() if request.method == "POST" and form.is_valid() else None
    if terms is not None:
        try:
            new = proposals.proposal_counter(
                member=request.user,
                proposal_id=proposal_id,
                **terms,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Your other times went to {other.name}.")
            return redirect("meeting_proposal", proposal_id=new.pk)
    heading = f"Propose other times to {other.name}"
    return _proposal_form_page(request, {"heading": heading, "profile": other.profile}, form)


@login_required
@require_POST
def meeting_proposal_decline(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        proposals.proposal_decline(member=request.user, proposal_id=proposal_id, note=note)
    except MeetingProposal.DoesNotExist as exc:
        raise Http404 from exc
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, "Declined.")
    return redirect("meeting_proposal", proposal_id=proposal_id)


def _own_booked(request: AuthenticatedHttpRequest, meeting_id: int) -> ScheduledMeeting:
    try:
        return selectors.own_scheduled_meeting(member=request.user, meeting_id=meeting_id)
    except ScheduledMeeting.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def scheduled_meeting(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _own_booked(request, meeting_id)
    moves = [
        _proposal_row(p, request)
        for p in selectors.proposals_of(request.user).filter(
            reschedules=meeting, status=MeetingProposal.Status.PENDING
        )
    ]
    return render(
        request,
        "meetings/booked.html",
        {"row": _booked_row(meeting, request), "moves": moves, "note_form": NoteForm()},
    )


@login_required
def scheduled_meeting_move(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _own_booked(request, meeting_id)
    other = meeting.attendee if meeting.organizer_id == request.user.pk else meeting.organizer
    form = ProposalForm(
        request.POST or None,
        initial=ProposalForm.initial_from(meeting),
    )
    terms = form.terms() if request.method == "POST" and form.is_valid() else None
    if terms is not None:
        try:
            proposal = proposals.scheduled_meeting_reschedule(
                member=request.user,
                meeting_id=meeting_id,
                **terms,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, f"Your new times went to {other.name}; the old time holds until then."
            )
            return redirect("meeting_proposal", proposal_id=proposal.pk)
    heading = f"Move your meeting with {other.name}"
    return _proposal_form_page(request, {"heading": heading, "profile": other.profile}, form)


@login_required
@require_POST
def scheduled_meeting_cancel(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        proposals.scheduled_meeting_cancel(member=request.user, meeting_id=meeting_id, note=note)
    except ScheduledMeeting.DoesNotExist as exc:
        raise Http404 from exc
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, "Cancelled. Both of you get the cancellation for your calendars.")
    return redirect("scheduled_meeting", meeting_id=meeting_id)


@login_required
@require_POST
def scheduled_meeting_answer(
    request: AuthenticatedHttpRequest, meeting_id: int, answer: str
) -> HttpResponse:
    try:
        proposals.scheduled_meeting_answer(
            member=request.user, meeting_id=meeting_id, happened=answer == "yes"
        )
    except ScheduledMeeting.DoesNotExist as exc:
        raise Http404 from exc
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, "Thank you. Your answer stays between you and Mensch.")
    return redirect("scheduled_meeting", meeting_id=meeting_id)


@login_required
def time_zone_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TimeZoneForm(request.POST or None, initial={"time_zone": request.user.time_zone})
    if request.method == "POST" and form.is_valid():
        try:
            proposals.member_time_zone_set(
                member=request.user, time_zone=form.cleaned_data["time_zone"]
            )
        except ValidationError as exc:
            request.user.refresh_from_db(fields=["time_zone"])
            apply_errors(form, exc)
        else:
            messages.success(request, f"Meeting times now show in {request.user.time_zone}.")
            return redirect("time_zone_settings")
    return render(
        request,
        "meetings/time_zone.html",
        {"form": form},
        status=422 if form.errors else 200,
    )


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
