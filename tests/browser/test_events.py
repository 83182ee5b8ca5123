from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from mensch.accounts.models import User
from mensch.events import services
from mensch.events.models import Event, Seat
from mensch.meetings.models import Meeting
from tests.browser.conftest import run_worker as _run_worker
from tests.browser.conftest import screenshot
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page: object, base: str, user: User) -> None:
    """Sign the browser in as ``user`` (the login form has its own test)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    context = page.context  # type: ignore[attr-defined]
    context.clear_cookies()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )


def _local(moment: object) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")  # type: ignore[attr-defined]


def test_organizer_runs_rounds_and_two_members_confirm_their_meeting(
    live_server: object, page: object, browser: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    organizer = make_member("Olga", last_name="Organizer")
    organizer.is_organizer = True
    organizer.save(update_fields=["is_organizer"])
    dora = make_member(
        "Dora",
        last_name="Designer",
        headline="Brand designer for small studios",
        asks=[("supplier", "a bookkeeper for my small design studio")],
        offers=[("other", "brand identity design for young companies")],
    )
    ben = make_member(
        "Ben",
        last_name="Books",
        headline="Bookkeeper for creative studios",
        asks=[("client", "a brand identity designer for my practice")],
        offers=[("other", "bookkeeping for small design studios")],
    )
    dev = make_member(
        "Dev",
        last_name="Coder",
        asks=[("client", "small businesses that need a website")],
        offers=[("other", "websites for small companies")],
    )
    pia = make_member("Pia", last_name="Planner", offers=[("advice", "event planning advice")])

    # The organizer creates the event (it started ten minutes ago and runs two hours).
    _log_in(page, base, organizer)
    starts = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=10)
    page.goto(f"{base}/events/new/")  # type: ignore[attr-defined]
    page.get_by_label("Title").fill("Studio owners breakfast")
    page.get_by_label("Description").fill("A talk on pricing, then rounds.")
    page.get_by_label("Venue").fill("The Workshop Rooms")
    page.get_by_label("Capacity").fill("10")
    page.get_by_label("Time zone").fill("UTC")
    page.get_by_label("Starts").fill(_local(starts))
    page.get_by_label("Ends").fill(_local(starts + timedelta(hours=2)))
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved. Add the agenda, then publish.").wait_for()
    event = Event.objects.get(title="Studio owners breakfast")

    agenda = page.locator("#agenda-form")
    for offset, kind, title in (
        (0, "talk", "Pricing without apologising"),
        (30, "round", "Networking rounds"),
    ):
        agenda.get_by_label("Time").fill(_local(starts + timedelta(minutes=offset)))
        agenda.get_by_label("Title").fill(title)
        agenda.get_by_label("Kind").select_option(kind)
        agenda.get_by_role("button", name="Add to agenda").click()
        page.get_by_text(title).wait_for()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Published: members can see it and RSVP.").wait_for()

    # Three members RSVP with a goal (a fourth signed up earlier).
    services.rsvp_create(event=Event.objects.get(pk=event.pk), member=pia)
    for member, goal in (
        (dora, "find a bookkeeper"),
        (ben, "meet two designers"),
        (dev, "meet a client"),
    ):
        _log_in(page, base, member)
        page.goto(f"{base}/events/")
        page.get_by_role("link", name="Studio owners breakfast").click()
        page.get_by_text("educational").first.wait_for()
        page.get_by_label("Your goal for this event").fill(goal)
        page.get_by_role("button", name="RSVP").click()
        page.get_by_text("You're going. See who to meet below.").wait_for()
    # The worker refreshes the new attendees' recommendations (issue 14: "who to meet
    # here" reads them rather than fitting an engine on every page view).
    assert _run_worker() >= 1
    # Who to meet here: Dora's best match among the attendees, with the reason.
    _log_in(page, base, dora)
    page.goto(f"{base}/events/{event.pk}/")
    who = page.locator("#meet-heading + ol").inner_text()
    assert "Ben Books" in who
    assert "bookkeeping" in who

    # The organizer seats three rounds at tables of two and starts the first.
    organizer_context = browser.new_context()  # type: ignore[attr-defined]
    console = organizer_context.new_page()
    _log_in(console, base, organizer)
    console.goto(f"{base}/events/{event.pk}/manage/")
    form = console.locator("#rounds-form")
    form.get_by_label("Rounds", exact=True).fill("3")
    form.get_by_label("People per table").fill("2")
    form.get_by_label("Minutes per round").fill("8")
    form.get_by_role("button", name="Seat the rounds").click()
    # The seating is a background job: the console shows its progress while it waits...
    progress = console.locator("#seating-status progress")
    progress.wait_for()
    assert console.get_by_text("Waiting for the worker").is_visible()
    assert not Seat.objects.filter(event=event).exists()
    # ...the worker seats the rounds, and the console shows the seating by itself.
    assert _run_worker() >= 1
    console.get_by_text("nobody sits with the same person twice").first.wait_for()
    assert console.locator("#seating-status progress").count() == 0
    assert Seat.objects.filter(event=event).count() == 12
    console.get_by_role("button", name="Start").click()
    console.get_by_text("Round 1 of 3").wait_for()

    # Dora follows her table on her phone; the page follows the organizer by itself.
    _log_in(page, base, dora)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/events/{event.pk}/table/")
    page.get_by_text("Round 1 of 3").wait_for()
    page.get_by_text("Now speaking:").wait_for()
    countdown = page.locator("[data-countdown]")
    assert re.fullmatch(r"\d+:\d\d", countdown.inner_text())
    assert page.locator(".speakers li").count() == 2
    first_mate = Seat.objects.get(event=event, member=dora, round_number=1).reasons
    assert len(first_mate) == 1
    console.get_by_role("button", name="Next round").click()
    page.get_by_text("Round 2 of 3").wait_for()  # no reload: htmx polling
    assert page.locator(".tablemates li").count() == 1
    shot = screenshot(page, "event-live-table")
    assert shot.stat().st_size > 10_000
    organizer_context.close()

    # After the rounds, Dora and Ben confirm they met.
    page.set_viewport_size({"width": 1200, "height": 900})
    for member, other in ((dora, "Ben Books"), (ben, "Dora Designer")):
        _log_in(page, base, member)
        page.goto(f"{base}/events/{event.pk}/met/")
        page.get_by_role("button", name=f"I met {other}").click()
    page.get_by_text("Your meeting with Dora Designer is confirmed.").wait_for()
    screenshot(page, "event-meeting-confirmed")
    meeting = Meeting.objects.get(event=event)
    assert {meeting.member_low_id, meeting.member_high_id} == {dora.pk, ben.pk}
    # htmx and the timer ran under the strict Content Security Policy without a violation.
    assert page.problems == []  # type: ignore[attr-defined]
