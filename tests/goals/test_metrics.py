"""One definition per metric: the same figure on every page and API route that shows it.

One held event, known RSVPs, meetings, connections and ledger entries; each test reads
one metric from the organizer's ROI page and API, the member's ROI page, its per-event
page, the ROI API and CSV export, goals and the dashboard card.

The event (Olga's, 4 going, nobody checked in, so 4 attendees):

* Dana–Ben, Dana–Carl, Ben–Carl met there (3 confirmed meetings, once per pair):
  2 × 3 / 4 = 1.5 confirmed meetings per attendee;
* Dana–Ben and Dana–Carl both said "follow up", but Dana and Ben were connected
  already by an introduction: one connection was made there (Dana–Carl);
* Ben referred a client to Dana, who closed 2,400 EUR: closed by Dana, credited to Ben;
* Carl offered Dana a referral that was never delivered: not a referral received yet.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.connections.services import connection_create
from mensch.events.models import Event, Rsvp
from mensch.goals import services
from mensch.ledger import services as ledger
from tests.factories import make_member
from tests.ledger.conftest import api_client, make_event, meet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Login = Callable[[User], Client]


@dataclass(frozen=True)
class Held:
    event: Event
    organizer: User
    dana: User
    ben: User
    carl: User


@pytest.fixture
def held(owner: User, ben: User, organizer: User) -> Held:
    carl = make_member("Carl", last_name="Moreau", industry="Marketing")
    dora = make_member("Dora", last_name="Lind")
    connection_create(member=owner, other=ben, source=Connection.Source.INTRODUCTION)
    event = make_event(organizer, "Referral breakfast")
    for member in (owner, ben, carl, dora):
        Rsvp.objects.create(event=event, member=member)
    meet(owner, ben, event)  # both say "follow up", already connected: nothing new
    meet(owner, carl, event)  # both say "follow up": the connection made there
    meet(ben, carl, event, follow_up=False)
    referral = ledger.ledger_entry_record(
        member=ben,
        kind="referral",
        direction="given",
        description="Referred a client",
        counterpart=owner,
        status="delivered",
    )
    ledger.ledger_entry_close(member=owner, entry_id=referral.pk, value="2400", currency="EUR")
    ledger.ledger_entry_record(
        member=carl,
        kind="referral",
        direction="given",
        description="Might refer a client",
        counterpart=owner,
    )
    return Held(event, organizer, owner, ben, carl)


def _cells(html: str, row_start: str) -> list[str]:
    """The text of each <td> in the table row that starts with ``row_start``."""
    match = re.search(re.escape(row_start) + r"(.*?)</tr>", html, re.S)
    assert match is not None, row_start
    return [
        unescape(re.sub(r"<[^>]+>", "", c)).strip()
        for c in re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)
    ]


def _by_id(html: str, element_id: str) -> str:
    match = re.search(rf'<(\w+)[^>]*\bid="{element_id}"[^>]*>(.*?)</\1>', html, re.S)
    assert match is not None, element_id
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(2))).split())


def _roi_row(html: str, event: Event) -> list[str]:
    return _cells(html, f'<a href="/roi/events/{event.pk}/">')


def _organizer_row(html: str) -> list[str]:
    return _cells(html.split('id="organizer-table"')[1], '<th scope="row">Referral breakfast')


def _csv(client: Client) -> dict[str, str]:
    rows = list(csv.DictReader(io.StringIO(client.get("/roi/export.csv").content.decode())))
    assert len(rows) == 1
    return rows[0]


def test_business_closed_and_credited_agree_on_every_page(held: Held, login_as: Login) -> None:
    """Ben referred the business: "2400 EUR credited to you" on the event page and the ROI
    page alike, never "0 EUR business closed" beside it; Dana closed it, on both."""
    eur = [{"currency": "EUR", "value": "2400.00"}]
    for member, closed, credited in ((held.ben, "", "2400 EUR"), (held.dana, "2400 EUR", "")):
        client = login_as(member)
        overview = client.get("/roi/").content.decode()
        page = client.get(f"/roi/events/{held.event.pk}/").content.decode()
        assert _by_id(overview, "business-closed") == f"{closed or 0} business you closed"
        assert _by_id(overview, "business-credited") == f"{credited or 0} business credited to you"
        row = _roi_row(overview, held.event)
        assert (_by_id(page, "business-closed"), row[4]) == (closed or "—", closed or "—")
        assert (_by_id(page, "business-credited"), row[5]) == (credited or "—", credited or "—")
        api = api_client(member)
        summary = api.get("/api/v1/goals/roi").json()
        outcome = api.get(f"/api/v1/goals/roi/events/{held.event.pk}").json()
        expected = (eur if closed else [], eur if credited else [])
        assert (summary["business_closed"], summary["business_credited"]) == expected
        assert (outcome["business_closed"], outcome["business_credited"]) == expected
        exported = _csv(client)
        assert exported["business_closed"] == ("2400.00 EUR" if closed else "")
        assert exported["business_credited_to_you"] == ("2400.00 EUR" if credited else "")
    # Dana's goal "value of business closed" counts what her ROI calls business she closed.
    goal = services.goal_create(
        member=held.dana,
        title="Close 5k",
        metric="business_value",
        target="5000",
        period="year",
        currency="EUR",
    )
    goals = api_client(held.dana).get("/api/v1/goals").json()
    assert [(g["id"], g["current"]) for g in goals] == [(goal.pk, "2400.00")]


def test_connections_made_agree_on_every_page(held: Held, login_as: Login) -> None:
    """A connection made at the event is a pair newly connected there: Dana–Carl, not
    Dana–Ben (connected already), on the member's and the organizer's pages alike."""
    client = login_as(held.dana)
    overview = client.get("/roi/").content.decode()
    page = client.get(f"/roi/events/{held.event.pk}/").content.decode()
    assert _roi_row(overview, held.event)[:2] == ["2", "1"]  # her meetings, connections made
    assert re.search(r"<dt>Connections made</dt><dd>1</dd>", page)
    outcome = api_client(held.dana).get(f"/api/v1/goals/roi/events/{held.event.pk}").json()
    assert (outcome["confirmed_meetings"], outcome["connections"]) == (2, 1)
    assert (_csv(client)["confirmed_meetings"], _csv(client)["connections"]) == ("2", "1")
    # Ben met two people there and made no new connection.
    ben = api_client(held.ben).get(f"/api/v1/goals/roi/events/{held.event.pk}").json()
    assert (ben["confirmed_meetings"], ben["connections"]) == (2, 0)
    # The organizer: three meetings (once per pair), one connection made.
    organizer_page = login_as(held.organizer).get("/roi/organizer/").content.decode()
    assert _organizer_row(organizer_page)[1:4] == ["4", "3", "1"]  # attendees, meetings, conn.
    body = api_client(held.organizer).get("/api/v1/goals/roi/organizer").json()
    assert [
        (e["attendees"], e["confirmed_meetings"], e["connections"]) for e in body["events"]
    ] == [(4, 3, 1)]
    assert [f["meetings_per_attendee"] for f in body["formats"]] == [1.5]
    # A "new connections" goal limited to the event counts the same one connection.
    services.goal_create(
        member=held.dana,
        title="Connections from the breakfast",
        metric="connections",
        target=3,
        period="year",
        event_id=held.event.pk,
    )
    goals = api_client(held.dana).get("/api/v1/goals").json()
    assert [g["current"] for g in goals] == ["1"]
    assert "1 of 3" in login_as(held.dana).get("/dashboard/").content.decode()


def test_attendees_and_meetings_per_attendee_agree_on_every_page(
    held: Held, login_as: Login
) -> None:
    """4 RSVPs going and nobody checked in: 4 attendees, 3 meetings, 1.5 per attendee."""
    organizer_page = login_as(held.organizer).get("/roi/organizer/").content.decode()
    formats = _cells(organizer_page, '<tbody><tr><th scope="row">open mingling</th>')
    assert (formats[2], formats[3], formats[-1]) == ("4", "3", "1.5")
    page = login_as(held.dana).get(f"/roi/events/{held.event.pk}/").content.decode()
    assert (_by_id(page, "attendee-count"), _by_id(page, "meetings-per-attendee")) == ("4", "1.5")
    manage = login_as(held.organizer).get(f"/events/{held.event.pk}/manage/").content.decode()
    assert _by_id(manage, "meetings-per-attendee") == "1.5"
    outcome = api_client(held.dana).get(f"/api/v1/goals/roi/events/{held.event.pk}").json()
    assert (outcome["event_attendees"], outcome["event_meetings_per_attendee"]) == (4, 1.5)


def test_referrals_count_once_delivered_on_roi_and_goals(held: Held, login_as: Login) -> None:
    """Carl's referral is only offered: neither the ROI page nor a goal counts it."""
    services.goal_create(
        member=held.dana, title="Referrals", metric="referrals_received", target=2, period="year"
    )
    client = login_as(held.dana)
    assert _roi_row(client.get("/roi/").content.decode(), held.event)[3] == "1 in · 0 out"
    outcome = api_client(held.dana).get(f"/api/v1/goals/roi/events/{held.event.pk}").json()
    goals = api_client(held.dana).get("/api/v1/goals").json()
    assert (outcome["referrals_received"], goals[0]["current"]) == (1, "1")
