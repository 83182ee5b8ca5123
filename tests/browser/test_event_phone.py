"""The event day on a phone (issue 14): the organizer's round controls in a bar fixed at
the bottom of the screen, the navigation behind a Menu button, and a cancellation that
asks first and can be undone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mensch.accounts.models import User
from mensch.events import cancel_notices, rounds, services
from mensch.events.models import Event
from mensch.notifications.models import Notification
from tests.browser.conftest import screenshot
from tests.browser.test_events import _log_in
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _organizer() -> User:
    organizer = make_member("Olga", last_name="Organizer")
    organizer.is_organizer = True
    organizer.save(update_fields=["is_organizer"])
    return organizer


def _event(organizer: User, attendees: int = 0) -> Event:
    starts = timezone.now() - timedelta(minutes=10)
    event = services.event_create(
        organizer=organizer,
        title="Studio owners breakfast",
        description="A talk on pricing, then rounds.",
        venue="The Workshop Rooms",
        address="",
        sponsors="",
        price="0",
        currency="EUR",
        capacity=20,
        time_zone="UTC",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    services.event_publish(event=event)
    for n in range(attendees):
        member = make_member(
            f"Guest{n}",
            asks=[("client", f"clients for service number {n}")],
            offers=[("other", f"help with topic number {n}")],
        )
        services.rsvp_create(event=event, member=member)
    return Event.objects.get(pk=event.pk)


def test_the_organizer_starts_a_round_from_the_bar_at_the_bottom_of_a_phone(
    live_server: object, page: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    organizer = _organizer()
    event = _event(organizer, attendees=6)
    rounds.rounds_generate(event=event, rounds=2, table_size=2)
    _log_in(page, base, organizer)
    page.set_viewport_size(PHONE)  # type: ignore[attr-defined]
    page.goto(f"{base}/events/{event.pk}/manage/")  # type: ignore[attr-defined]
    bar = page.locator("#console-bar")  # type: ignore[attr-defined]
    box = bar.bounding_box()
    # Fixed at the bottom of the screen, above the agenda editor and everything else.
    assert abs(box["y"] + box["height"] - PHONE["height"]) <= 1
    assert bar.get_by_text("Not started").is_visible()
    start = bar.get_by_role("button", name="Start")
    assert start.is_visible()
    start.click()
    bar.get_by_text("Round 1 of 2").wait_for()
    assert Event.objects.get(pk=event.pk).current_round == 1
    countdown = bar.locator("[data-countdown]")
    assert countdown.inner_text().count(":") == 1  # m:ss, counting down
    page.mouse.wheel(0, 3000)  # type: ignore[attr-defined]
    box = page.locator("#console-bar").bounding_box()  # type: ignore[attr-defined]
    assert abs(box["y"] + box["height"] - PHONE["height"]) <= 1  # still there
    bar.get_by_role("button", name="Pause").click()
    bar.get_by_text("Round 1 of 2 · paused").wait_for()
    screenshot(page, "event-phone-console")
    assert page.problems == []  # type: ignore[attr-defined]


def test_cancelling_asks_first_and_can_be_undone_before_anyone_is_told(
    live_server: object, page: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    organizer = _organizer()
    event = _event(organizer, attendees=2)
    _log_in(page, base, organizer)
    page.goto(f"{base}/events/{event.pk}/manage/")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Cancel event").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Cancel Studio owners breakfast?").wait_for()  # type: ignore[attr-defined]
    assert Event.objects.get(pk=event.pk).status == "published"  # nothing yet
    page.get_by_label("Message to attendees").fill("The venue flooded; new date soon.")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Yes, cancel the event").click()  # type: ignore[attr-defined]
    page.get_by_text("Attendees will be told in 5 minutes").wait_for()  # type: ignore[attr-defined]
    assert Event.objects.get(pk=event.pk).status == "cancelled"
    assert not Notification.objects.filter(kind="event_cancelled").exists()
    page.get_by_role("button", name="Undo cancel").click()  # type: ignore[attr-defined]
    page.get_by_text("Undone: the event is on again, and nobody was told.").wait_for()  # type: ignore[attr-defined]
    assert Event.objects.get(pk=event.pk).status == "published"
    assert (
        cancel_notices.event_cancel_notify(
            event_id=event.pk, now=timezone.now() + timedelta(minutes=10)
        )
        == 0
    )
    assert not Notification.objects.filter(kind="event_cancelled").exists()
    assert page.problems == []  # type: ignore[attr-defined]


def test_the_navigation_folds_into_a_menu_on_a_phone(live_server: object, page: object) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    member = make_member("Dora", last_name="Designer")
    _log_in(page, base, member)
    page.set_viewport_size(PHONE)  # type: ignore[attr-defined]
    page.goto(f"{base}/dashboard/")  # type: ignore[attr-defined]
    menu = page.get_by_role("button", name="Menu")  # type: ignore[attr-defined]
    events = page.locator("#nav-links").get_by_role("link", name="Events", exact=True)  # type: ignore[attr-defined]
    assert menu.is_visible()
    assert not events.is_visible()
    header = page.locator(".site-header").bounding_box()  # type: ignore[attr-defined]
    assert header["height"] < 80  # one row, not four
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    events.click()
    page.wait_for_url(f"{base}/events/")  # type: ignore[attr-defined]
    # On a wide screen the links show as before, and there is no Menu button.
    page.set_viewport_size({"width": 1200, "height": 900})  # type: ignore[attr-defined]
    assert not page.get_by_role("button", name="Menu").is_visible()  # type: ignore[attr-defined]
    assert page.locator("#nav-links").get_by_role("link", name="Events", exact=True).is_visible()  # type: ignore[attr-defined]
    assert page.problems == []  # type: ignore[attr-defined]
