from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mensch.accounts.models import User
from mensch.events.models import Event
from mensch.ledger.models import LedgerEntry, ReferralExchange
from mensch.ledger.services import ledger_entry_record
from mensch.meetings.services import meeting_follow_up, meeting_tick
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DANA_PLEDGE = "Quintessa Vandermolen"


def _log_in(page: object, base: str, email: str) -> None:
    page.goto(f"{base}/login/")  # type: ignore[attr-defined]
    page.get_by_label("Email address").fill(email)  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log in").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{base}/dashboard/")  # type: ignore[attr-defined]


def _people_who_met_at_an_event() -> tuple[User, User, Event]:
    dana = make_member("Dana", last_name="Okafor", email="dana@example.org")
    ben = make_member("Ben", last_name="Adeyemi", email="ben@example.org")
    organizer = make_member("Olga", email="olga@example.org")
    starts = timezone.now() - timedelta(days=12)
    event = Event.objects.create(
        organizer=organizer,
        title="Lisbon Founders Breakfast",
        capacity=40,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        status=Event.Status.PUBLISHED,
    )
    meeting_tick(member=dana, other=ben, event=event)
    meeting = meeting_tick(member=ben, other=dana, event=event)
    assert meeting is not None
    meeting_follow_up(member=dana, meeting_id=meeting.pk, yes=True)
    meeting_follow_up(member=ben, meeting_id=meeting.pk, yes=True)
    return dana, ben, event


def test_referral_exchange_favour_business_closed_and_roi_chart(
    live_server: object, page: object, browser: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    dana, ben, event = _people_who_met_at_an_event()
    favour = ledger_entry_record(
        member=ben,
        kind="referral",
        direction="given",
        description="Referred Porto Print Co., who need a new brand identity",
        counterpart=dana,
        status="delivered",
    )

    # Dana proposes an exchange to Ben and seals her pledge.
    _log_in(page, base, "dana@example.org")
    page.goto(f"{base}/referral-exchanges/")  # type: ignore[attr-defined]
    page.get_by_label("Exchange referrals with").select_option(label="Ben Adeyemi")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Propose").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Referral exchange with Ben Adeyemi").wait_for()  # type: ignore[attr-defined]
    page.get_by_label("Whom will you refer to them?").fill(DANA_PLEDGE)  # type: ignore[attr-defined]
    page.get_by_label("Why they need each other").fill(
        "She opens a bakery and needs her books kept"
    )  # type: ignore[attr-defined]
    page.get_by_label("This person agreed to be referred").check()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Seal my pledge").click()  # type: ignore[attr-defined]
    page.get_by_text("It stays sealed until both of you have pledged.").wait_for()  # type: ignore[attr-defined]
    exchange = ReferralExchange.objects.get()

    # Ben sees that Dana pledged, not what; then pledges his own and both open.
    ben_context = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    ben_page = ben_context.new_page()
    ben_problems: list[str] = []
    ben_page.on("pageerror", lambda error: ben_problems.append(str(error)))
    _log_in(ben_page, base, "ben@example.org")
    ben_page.goto(f"{base}/referral-exchanges/{exchange.pk}/")
    ben_page.locator("#sealed-note").wait_for()
    assert "Dana has pledged" in ben_page.locator("#sealed-note").inner_text()
    assert DANA_PLEDGE not in ben_page.content()
    ben_page.get_by_label("Whom will you refer to them?").fill("Rui Lopes")
    ben_page.get_by_label("Why they need each other").fill("Rui's studio needs a rebrand")
    ben_page.get_by_label("This person agreed to be referred").check()
    ben_page.get_by_role("button", name="Seal my pledge").click()
    ben_page.get_by_text(f"Dana will refer {DANA_PLEDGE}.").wait_for()
    assert ben_page.locator("#exchange-status").inner_text() == "released"
    screenshot(ben_page, "referral-exchange-released")
    ben_context.close()
    assert ben_problems == []

    # Dana confirms Ben's delivered referral and records the business it brought.
    page.goto(f"{base}/ledger/{favour.pk}/")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Confirm I received it").click()  # type: ignore[attr-defined]
    page.get_by_text("verified by the receiver").wait_for()  # type: ignore[attr-defined]
    page.get_by_label("Value of the business").fill("-20")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Record business closed").click()  # type: ignore[attr-defined]
    page.get_by_text("The value must be more than zero.").wait_for()  # type: ignore[attr-defined]
    page.get_by_label("Value of the business").fill("4800")  # type: ignore[attr-defined]
    page.get_by_label("Currency").fill("EUR")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Record business closed").click()  # type: ignore[attr-defined]
    page.get_by_text("Business closed: 4800.00 EUR").wait_for()  # type: ignore[attr-defined]
    favour.refresh_from_db()
    assert (favour.status, favour.is_verified) == ("closed", True)

    # The ROI page sets it against the breakfast where they met, as a chart.
    page.goto(f"{base}/roi/events/{event.pk}/")  # type: ignore[attr-defined]
    page.get_by_label("Hours spent").fill("3")  # type: ignore[attr-defined]
    page.get_by_label("Ticket").fill("25")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Save cost").click()  # type: ignore[attr-defined]
    page.get_by_text("Cost saved.").wait_for()  # type: ignore[attr-defined]
    page.goto(f"{base}/roi/")  # type: ignore[attr-defined]
    row = page.locator("#roi-table tbody tr", has_text="Lisbon Founders Breakfast")  # type: ignore[attr-defined]
    assert "4800 EUR" in row.inner_text()
    chart = page.locator("svg[aria-label^='Business closed against cost, in EUR']")  # type: ignore[attr-defined]
    assert chart.locator("rect.chart-bar.value title").first.text_content().endswith("4,800")
    assert chart.locator("text", has_text="Lisbon Found").count() == 1
    shot = screenshot(page, "roi-dashboard")
    assert shot.stat().st_size > 10_000
    assert LedgerEntry.objects.filter(source="exchange").count() == 2
    assert page.problems == []  # type: ignore[attr-defined]
