"""Journeys through capabilities 4-10: events and rounds, follow-through, relationship memory,
the give-first ledger, trust, the message coach, goals and ROI.

Each journey runs at 1280x800 and at 390x844; ``journey.finish()`` fails it on any console
error, page error, 5xx, page wider than the phone or broken sentence seen on the way.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from mensch.connections.models import Connection
from mensch.connections.services import connection_create
from mensch.events import services as event_services
from mensch.events.models import Event
from mensch.meetings.services import meeting_tick
from mensch.trust.scores import trust_recompute
from tests.browser.conftest import run_worker, unfold_links
from tests.browser.journeys.conftest import Community, Journey, Person

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]

VCARD = "tests/contacts/files/iphone-3.0.vcf"
PITCH = (
    "I am the best brand designer in Lisbon and my studio offers unbeatable packages! "
    "Book a call now: https://dana.example or dana@dana.example. Limited offer!"
)
REWRITE = "Rui, how do you start with a new studio client, and what do you need from them?"


def _local(moment: Any) -> str:
    return str(moment.strftime("%Y-%m-%dT%H:%M"))


def _past_event(community: Community, title: str = "Lisbon Studio Owners Breakfast") -> Event:
    starts = timezone.now() - timedelta(days=2)
    return Event.objects.create(
        organizer=community.olga,
        title=title,
        venue="The Workshop Rooms",
        capacity=30,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status=Event.Status.PUBLISHED,
    )


def _met_at(event: Event, a: Any, b: Any) -> None:
    meeting_tick(member=a, other=b, event=event)
    assert meeting_tick(member=b, other=a, event=event) is not None


def _either(person: Person, name: str) -> Any:
    """A control a person clicks, whether it is built as a link or a button."""
    page = person.page
    pattern = re.compile(name, re.IGNORECASE)
    return page.get_by_role("link", name=pattern).or_(page.get_by_role("button", name=pattern))


def test_organizer_publishes_event_member_rsvps_and_rounds_run(
    journey: Journey, community: Community
) -> None:
    olga = journey.person("Olga")
    olga.log_in("olga@example.org")
    olga.nav("My events (organizer)")
    olga.page.get_by_role("link", name="New event").click()
    page = olga.page
    starts = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=10)
    olga.type(page.get_by_label("Title"), "Studio owners breakfast")
    olga.type(page.get_by_label("Description"), "A talk on pricing, then rounds.")
    olga.type(page.get_by_label("Venue"), "The Workshop Rooms")
    page.get_by_label("Capacity").fill("12")
    page.get_by_label("Time zone").fill("UTC")
    page.get_by_label("Starts").fill(_local(starts))
    page.get_by_label("Ends").fill(_local(starts + timedelta(hours=2)))
    olga.step("new-event-form")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved. Add the agenda, then publish.").wait_for()
    olga.step("draft-saved")
    agenda = page.locator("#agenda-form")
    for offset, kind, title in (
        (0, "talk", "Pricing without apologising"),
        (30, "round", "Networking rounds"),
    ):
        agenda.get_by_label("Time").fill(_local(starts + timedelta(minutes=offset)))
        olga.type(agenda.get_by_label("Title"), title)
        agenda.get_by_label("Kind").select_option(kind)
        agenda.get_by_role("button", name="Add to agenda").click()
        page.get_by_text(title).first.wait_for()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Published: members can see it and RSVP.").wait_for()
    olga.step("published")

    event = Event.objects.get(title="Studio owners breakfast")
    from mensch.accounts.models import User

    others = [
        community.rui,
        community.ben,
        *User.objects.filter(email__in=community.demo_emails[:3]),
    ]
    for member in others:
        event_services.rsvp_create(event=event, member=member)

    dana = journey.person("Dana")
    dana.log_in("dana@example.org")
    dana.nav("Events")
    dana.page.get_by_role("link", name="Studio owners breakfast").first.click()
    dana.step("event-page")
    dana.type(dana.page.get_by_label("Your goal for this event"), "find a bookkeeper")
    dana.page.get_by_role("button", name="RSVP").click()
    dana.page.get_by_text("You're going. See who to meet below.").wait_for()
    dana.step("rsvp-who-to-meet")
    who = dana.page.locator("#meet-heading + ol")
    rui_line = who.locator("li", has_text="Rui Almeida")
    dana.expect(rui_line.count() == 1, "Rui is not in Dana's 'who to meet here'")
    if rui_line.count():
        dana.expect(
            "bookkeeping" in rui_line.inner_text(),
            f"'who to meet here' gives no reason from Rui's offers: {rui_line.inner_text()!r}",
        )

    form = olga.page.locator("#rounds-form")
    form.get_by_label("Rounds", exact=True).fill("2")
    form.get_by_label("People per table").fill("2")
    form.get_by_label("Minutes per round").fill("8")
    form.get_by_role("button", name="Seat the rounds").click()
    # Seating is a background job: the console shows its progress until the worker is done.
    olga.page.locator("progress").first.wait_for()
    olga.step("rounds-queued")
    olga.expect(run_worker() >= 1, "seating the rounds queued no task for the worker")
    olga.page.get_by_text("nobody sits with the same person twice").first.wait_for()
    olga.step("rounds-seated")
    olga.page.get_by_role("button", name="Start").click()
    olga.page.get_by_text("Round 1 of 2").first.wait_for()
    olga.step("round-1-started")

    dana.page.get_by_role("link", name="My table").click()
    dana.page.get_by_text("Round 1 of 2").wait_for()
    dana.page.get_by_text("Now speaking:").wait_for()
    dana.step("live-table-round-1")
    olga.page.get_by_role("button", name="Next round").click()
    dana.page.get_by_text("Round 2 of 2").wait_for()  # the table page follows by itself
    dana.step("live-table-round-2")
    olga.step("round-2")

    # One definition per number: the console and the outcomes page count the same attendees.
    going = 1 + len(others)
    olga.page.get_by_role("link", name="See the event page").click()
    olga.page.get_by_role("link", name="Manage").click()
    on_console = olga.page.locator("#attendee-count").inner_text().strip()
    olga.expect(on_console == str(going), f"console counts {on_console} attendees, {going} going")
    olga.nav("Event outcomes")
    olga.step("event-outcomes")
    row = olga.page.locator("#organizer-table tbody tr", has_text="Studio owners breakfast")
    if row.count():
        on_outcomes = row.locator("td").nth(1).inner_text().strip()
        olga.expect(
            on_outcomes == on_console,
            f"attendees: {on_console} on the event console, {on_outcomes} on Event outcomes",
        )

    # The event chat: a question to the room, posted in place.
    dana.nav("Events")
    dana.page.get_by_role("link", name="Studio owners breakfast").first.click()
    dana.page.get_by_role("link", name="Event chat").click()
    dana.type(
        dana.page.get_by_label("Say something to the room"),
        "Anyone here who prints brand books on recycled paper?",
    )
    dana.page.get_by_role("button", name="Post").click()
    dana.page.get_by_text("prints brand books on recycled paper").first.wait_for()
    dana.step("event-chat")
    journey.finish()


def test_follow_ups_after_confirmed_meetings(journey: Journey, community: Community) -> None:
    event = _past_event(community)
    for other in (community.rui, community.ben):
        connection_create(member=community.dana, other=other, source=Connection.Source.EVENT)
        _met_at(event, community.dana, other)

    dana = journey.person("Dana")
    dana.log_in("dana@example.org")
    dana.nav("Follow-ups")
    page = dana.page
    page.get_by_role("heading", name="Follow-ups").wait_for()
    dana.step("follow-ups")
    write = _either(dana, r"^write it now")
    dana.expect_visible(write, "no 'Write it now' action on the follow-ups page")
    dana.expect(
        write.count() == 2,
        f"expected one follow-up bundle per person met (2), found {write.count()} "
        "'Write it now' actions",
    )
    bundle = page.locator("li, article, section", has_text="Rui Almeida").filter(has=write).last
    if bundle.count():
        bundle.locator(write).first.click()
        page.wait_for_load_state()
        dana.step("write-it-now")
        dana.expect_visible(
            page.get_by_role("heading", name=re.compile("Rui Almeida")),
            "'Write it now' for Rui did not open the thread with Rui",
        )
        dana.expect_visible(page.get_by_label("Your message"), "'Write it now' shows no composer")
    journey.finish()


def test_contacts_note_search_brief_import_export(journey: Journey, community: Community) -> None:
    dana = journey.person("Dana")
    dana.log_in("dana@example.org")
    page = dana.page
    dana.nav("Contacts")
    page.get_by_role("link", name="Add a contact").click()
    dana.type(page.get_by_label("Name"), "Inês Carvalho")
    dana.type(page.get_by_label("Company"), "Carvalho Print")
    dana.type(page.get_by_label("Role"), "Owner")
    dana.type(page.get_by_label("How we met"), "Sat next to me at the pricing talk")
    dana.step("new-contact")
    page.get_by_role("button", name="Save contact").click()
    page.get_by_role("heading", name="Inês Carvalho").wait_for()
    dana.step("contact-saved")

    dana.type(page.get_by_label("Note", exact=True), "Prints brand books on recycled paper.")
    page.get_by_role("button", name="Add note").click()
    page.locator(".note", has_text="recycled paper").wait_for()
    dana.step("note-added")

    page.get_by_role("link", name="← Contacts").click()
    dana.type(page.get_by_label("Search names, companies and notes"), "recycled")
    page.get_by_role("button", name="Search").click()
    page.locator("#results").get_by_role("link", name="Inês Carvalho").click()
    page.get_by_role("link", name="Brief for our next meeting").click()
    page.get_by_role("heading", name="Brief: Inês Carvalho").wait_for()
    dana.step("brief")

    dana.nav("Contacts")
    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("File").set_input_files(VCARD)
    page.get_by_role("button", name="Preview").click()
    page.get_by_text("2 new").wait_for()
    dana.step("import-preview")
    page.get_by_role("button", name="Import 2 people").click()
    page.get_by_text("2 created, 0 merged, 0 rejected").wait_for()
    dana.step("imported")

    dana.nav("Contacts")
    page.get_by_role("link", name="Export", exact=True).click()
    dana.step("export")
    with page.expect_download() as download:
        page.get_by_role("link", name="Contacts as CSV").click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Inês Carvalho" in csv_text
    assert "Rui Almeida" in csv_text
    journey.finish()


def test_ledger_favour_confirmed_and_referral_exchange(
    journey: Journey, community: Community
) -> None:
    connection_create(member=community.dana, other=community.ben, source=Connection.Source.EVENT)
    meeting_tick(member=community.dana, other=community.ben)
    meeting_tick(member=community.ben, other=community.dana)

    ben = journey.person("Ben")
    ben.log_in("ben@example.org")
    ben.nav("Give-first ledger")
    form = ben.page.locator("#record-form")
    form.get_by_label("Direction").select_option(label="I gave")
    form.get_by_label("What").select_option("referral")
    form.get_by_label("With a member").select_option(label="Dana Okafor")
    ben.type(form.get_by_label("Description"), "Referred Porto Print, who need a new brand")
    form.get_by_label("So far").select_option("delivered")
    ben.step("record-favour")
    form.get_by_role("button", name="Record").click()
    ben.page.get_by_text("Recorded in your ledger.").wait_for()
    ben.step("favour-recorded")

    dana = journey.person("Dana")
    dana.log_in("dana@example.org")
    dana.nav("Give-first ledger")
    dana.page.get_by_role("link", name="You received a referral from Ben Adeyemi").click()
    dana.step("favour-received")
    dana.page.get_by_role("button", name="Confirm I received it").click()
    dana.page.get_by_text("verified by the receiver").wait_for()
    dana.step("favour-confirmed")

    dana.page.get_by_role("link", name="← Your ledger").click()
    dana.page.get_by_role("link", name="Referral exchanges").first.click()
    dana.page.get_by_label("Exchange referrals with").select_option(label="Ben Adeyemi")
    dana.page.get_by_role("button", name="Propose").click()
    dana.page.get_by_role("heading", name="Referral exchange with Ben Adeyemi").wait_for()
    dana.type(dana.page.get_by_label("Whom will you refer to them?"), "Quintessa Vandermolen")
    dana.type(dana.page.get_by_label("Why they need each other"), "She needs her books kept")
    dana.page.get_by_label("This person agreed to be referred").check()
    dana.page.get_by_role("button", name="Seal my pledge").click()
    dana.page.get_by_text("It stays sealed until both of you have pledged.").wait_for()
    dana.step("pledge-sealed")

    ben.nav("Referral exchanges")
    ben.page.get_by_role("link", name="With Dana Okafor").click()
    ben.type(ben.page.get_by_label("Whom will you refer to them?"), "Rui Lopes")
    ben.type(ben.page.get_by_label("Why they need each other"), "Rui's studio needs a rebrand")
    ben.page.get_by_label("This person agreed to be referred").check()
    ben.page.get_by_role("button", name="Seal my pledge").click()
    ben.page.get_by_text("Dana will refer Quintessa Vandermolen.").wait_for()
    ben.step("exchange-released")
    journey.finish()


def test_endorsement_only_after_a_meeting_and_specialist_search(
    journey: Journey, community: Community
) -> None:
    # Dana and Rui were introduced and said yes, but never met; Dana and Ben met.
    connection_create(
        member=community.dana, other=community.rui, source=Connection.Source.INTRODUCTION
    )
    connection_create(member=community.dana, other=community.ben, source=Connection.Source.EVENT)
    meeting_tick(member=community.dana, other=community.ben)
    meeting_tick(member=community.ben, other=community.dana)
    trust_recompute()

    dana = journey.person("Dana")
    dana.log_in("dana@example.org")
    page = dana.page
    dana.nav("Find a specialist")
    dana.type(page.get_by_label("What do you need?"), "someone to do the VAT for my design studio")
    page.get_by_role("button", name="Find").click()
    result = page.locator(".specialist", has_text="Ben Adeyemi")
    result.first.wait_for()
    dana.step("specialist-results")
    dana.expect_scales_with_meaning()
    result.get_by_role("link", name="Ben Adeyemi").first.click()
    page.get_by_role("heading", name=re.compile("Ben Adeyemi")).wait_for()
    dana.step("specialist-ben")

    endorse = page.locator("section", has=page.get_by_role("heading", name="Endorse Ben"))
    endorse.get_by_label("Which offer do you vouch for?").select_option(index=0)
    dana.type(
        endorse.get_by_label("What did they do for you?"),
        "Ben sorted out two years of VAT for our studio in a week.",
    )
    endorse.get_by_role("button", name="Endorse").click()
    page.get_by_text("sorted out two years of VAT").first.wait_for()
    dana.step("endorsed-ben")

    dana.nav("Find a specialist")
    dana.type(page.get_by_label("What do you need?"), "bookkeeping and tax returns for my studio")
    page.get_by_role("button", name="Find").click()
    page.locator(".specialist", has_text="Rui Almeida").get_by_role(
        "link", name="Rui Almeida"
    ).first.click()
    page.get_by_role("heading", name=re.compile("Rui Almeida")).wait_for()
    dana.step("specialist-rui-not-met")
    dana.expect(
        page.get_by_role("heading", name="Endorse Rui").count() == 0,
        "Dana may endorse Rui after an accepted introduction, without ever meeting him",
    )
    journey.finish()


def test_message_coach_says_why_a_draft_broadcasts(journey: Journey, community: Community) -> None:
    connection_create(
        member=community.dana, other=community.rui, source=Connection.Source.INTRODUCTION
    )
    dana = journey.person("Dana")
    dana.log_in("dana@example.org")
    page = dana.page
    dana.nav("Connections")
    page.locator("li", has_text="Rui Almeida").get_by_role(
        "link", name=re.compile(r"^Messages")
    ).click()
    message = page.get_by_label("Your message")
    dana.type_slowly(message, PITCH)
    coach = page.locator("#coach")
    coach.get_by_text("This reads like broadcasting").wait_for()
    dana.step("coach-on-pitch")
    why = coach.inner_text()
    dana.expect(
        re.search(r"question|about (you|me)|link|contact", why, re.IGNORECASE),
        f"the coach does not say why the draft broadcasts: {why!r}",
    )

    dana.type_slowly(message, REWRITE)
    coach.get_by_text("This reads like listening").wait_for()
    dana.step("coach-on-rewrite")
    page.get_by_role("button", name="Send").click()
    page.locator(".bubble.mine", has_text="how do you start with a new studio client").wait_for()
    dana.step("sent")
    journey.finish()


def test_goals_and_roi_chart(journey: Journey, community: Community) -> None:
    event = _past_event(community)
    for other in (community.rui, community.ben):
        _met_at(event, community.dana, other)

    dana = journey.person("Dana")
    dana.log_in("dana@example.org")
    page = dana.page
    dana.nav("Goals")
    dana.type(page.get_by_label("Your goal, in your words"), "Meet two bookkeepers")
    page.get_by_label("Counted as").select_option("meetings")
    dana.type(page.get_by_label("Target"), "2")
    dana.step("new-goal")
    page.get_by_role("button", name="Set goal").click()
    page.get_by_text("Goal set.").first.wait_for()
    page.get_by_role("heading", name="Meet two bookkeepers").wait_for()
    dana.step("goal-set")

    page.get_by_role("link", name="What your events returned").first.click()
    page.get_by_role("heading", name="What your events returned").wait_for()
    row = page.locator("#roi-table tbody tr", has_text="Lisbon Studio Owners Breakfast")
    row.wait_for()
    dana.expect(page.locator("main svg").count() > 0, "the ROI page shows no chart")
    dana.step("roi")
    row.get_by_role("link").first.click()
    dana.type(page.get_by_label("Hours spent"), "3")
    dana.type(page.get_by_label("Ticket"), "25")
    page.get_by_role("button", name="Save cost").click()
    page.get_by_text("Cost saved.").wait_for()
    dana.step("event-cost-saved")
    journey.finish()


def test_lost_member_finds_the_way_back(journey: Journey, community: Community) -> None:
    dana = journey.person("Dana")
    dana.log_in("dana@example.org")
    page = dana.page
    with dana.expecting(404):
        page.goto(f"{journey.base}/members/999999/")  # an old link to someone who left
    dana.step("not-found")
    navigation = page.get_by_role("navigation", name="Main")
    unfold_links(page)
    dana.expect_visible(
        navigation.get_by_role("link", name="Dashboard"),
        "the 404 page has no site navigation",
    )
    page.get_by_role("link", name="Go to your dashboard").click()
    page.wait_for_url(re.compile(r".*/dashboard/$"))
    dana.step("back-on-dashboard")

    answer = page.context.request.get(f"{journey.base}/api/v1/no-such-thing/")
    dana.expect(answer.status == 404, f"unknown API path answered {answer.status}")
    dana.expect(
        answer.headers.get("content-type", "").startswith("application/json"),
        f"unknown API path answered {answer.headers.get('content-type')}, not JSON",
    )
    journey.finish()
