"""Pages: my code (full screen on a phone), opening someone's code, the owner's one tap,
and the organizer's badges."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.core import throttle
from mensch.events.selectors import organized_event
from mensch.scan import codes, selectors, services, tasks
from mensch.scan.models import BadgeSheet, Scan

HOUR = 3600
# A person meets a few dozen people at a busy event; a hundred scans an hour is a script.
SCANS_PER_HOUR = 60


def scans_per_member() -> throttle.Limit:
    return throttle.Limit("scan-member", SCANS_PER_HOUR, HOUR)


def _code_context(request: AuthenticatedHttpRequest) -> dict[str, object]:
    code = codes.scan_code_of(request.user)
    url = codes.code_url(code, base=request.build_absolute_uri("/"))
    return {
        "code": code,
        "url": url,
        "svg": codes.qr_svg(url),
        "days": settings.SCAN_CODE_DAYS,
        "waiting": selectors.waiting_scans(request.user)[:20],
    }


@login_required
def my_code(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My code, big, for someone's phone camera, and the scans waiting for my tap."""
    return render(request, "scan/code.html", _code_context(request))


@login_required
def my_code_panel(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The code on my own profile page (loaded by htmx)."""
    return render(request, "scan/panel.html", _code_context(request))


@login_required
@require_POST
def code_revoke(request: AuthenticatedHttpRequest) -> HttpResponse:
    codes.scan_code_revoke(member=request.user)
    messages.success(
        request, "Your old code no longer works, printed badges included. This is your new one."
    )
    return redirect("scan_code")


def _problem(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "scan/problem.html", {"message": message}, status=status)


def scan_open(request: HttpRequest, token: str) -> HttpResponse:
    """Where a phone camera lands. Logged out: only "log in to connect", nothing about
    the member. Logged in: who it is and one "Connect" button (a POST, so a link or an
    image elsewhere cannot connect anyone)."""
    if not request.user.is_authenticated:
        login = f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}"
        return render(request, "scan/log_in.html", {"login_url": login})
    try:
        owner = codes.member_for_token(token)
    except codes.CodeError as exc:
        return _problem(request, exc.message, 410 if exc.problem != "invalid" else 400)
    own = owner.pk == request.user.pk
    # A hidden profile is left out of directories, not kept from the person its owner
    # showed their code to: the name and headline say whom they are connecting with.
    profile = None if own else getattr(owner, "profile", None)
    return render(request, "scan/open.html", {"token": token, "own": own, "profile": profile})


@login_required
@require_POST
def scan_connect(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    if not throttle.allow(scans_per_member(), str(request.user.pk)):
        return _problem(
            request, "You have scanned many codes in the last hour. Try again a bit later.", 429
        )
    try:
        outcome = services.scan_connect(scanner=request.user, token=token)
    except codes.CodeError as exc:
        return _problem(request, exc.message, 410 if exc.problem != "invalid" else 400)
    except ValidationError as exc:
        return _problem(request, " ".join(exc.messages), 422)
    return redirect("scan_detail", scan_id=outcome.scan.pk)


@login_required
def scan_detail(request: AuthenticatedHttpRequest, scan_id: int) -> HttpResponse:
    """What a scan did, for the scanner; the one-tap "did you meet?" for the code's owner."""
    try:
        scan = selectors.scan_for_member(member=request.user, scan_id=scan_id)
    except Scan.DoesNotExist as exc:
        raise Http404 from exc
    mine = scan.scanner_id == request.user.pk
    other = scan.owner if mine else scan.scanner
    return render(request, "scan/detail.html", {"scan": scan, "mine": mine, "other": other})


@login_required
@require_POST
def scan_answer(request: AuthenticatedHttpRequest, scan_id: int, answer: str) -> HttpResponse:
    try:
        scan = services.scan_confirm(owner=request.user, scan_id=scan_id, met=answer == "yes")
    except Scan.DoesNotExist as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("scan_detail", scan_id=scan_id)
    if scan.status == Scan.Status.CONFIRMED:
        messages.success(request, f"Your meeting with {scan.scanner.name} is confirmed.")
        return redirect("meetings")
    messages.info(request, f"Noted: you did not meet {scan.scanner.name}. Nothing was shared.")
    return redirect("scan_code")


# -- badges ----------------------------------------------------------------------------


def _badges_context(sheet: BadgeSheet) -> dict[str, object]:
    return {"sheet": sheet, "event": sheet.event, "papers": BadgeSheet.Paper.choices}


@login_required
def badges(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = organized_event(actor=request.user, event_id=event_id)
    if request.method == "POST":
        try:
            tasks.badges_request(event=event, paper=request.POST.get("paper", ""))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.info(request, "Making the badges: this page shows the progress.")
        return redirect("scan_badges", event_id=event.pk)
    return render(request, "scan/badges.html", _badges_context(tasks.badge_sheet_of(event)))


@login_required
def badges_status(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    """Polled every second while the badges are made; reloads the page when done."""
    event = organized_event(actor=request.user, event_id=event_id)
    sheet = tasks.badge_sheet_of(event)
    response = render(request, "scan/badges.html#badge_status", _badges_context(sheet))
    running = sheet.status in (BadgeSheet.Status.QUEUED, BadgeSheet.Status.RUNNING)
    if not running and request.headers.get("HX-Request") and request.GET.get("polling"):
        response["HX-Refresh"] = "true"
    return response


@login_required
def badges_download(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = organized_event(actor=request.user, event_id=event_id)
    sheet = BadgeSheet.objects.filter(event=event, status=BadgeSheet.Status.DONE).first()
    if sheet is None or sheet.pdf is None:
        raise Http404("No badges made yet.")
    response = HttpResponse(bytes(sheet.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="badges-event-{event.pk}.pdf"'
    return response
