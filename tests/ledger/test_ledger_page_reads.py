"""The ledger page reads the member's entries once, as plain values, and shows what the
entries themselves say: each sentence, status, verified tag and value, the balance per
person, and the same figures right after the member's own writes."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import pytest

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.ledger import selectors, services
from mensch.ledger.models import LedgerEntry
from mensch.phrasing import with_article
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _sentence(entry: LedgerEntry, member: User) -> str:
    """What the page said when it read model instances."""
    kind = with_article(entry.get_kind_display())
    if entry.giver_id == member.pk:
        return f"You gave {kind} to {entry.counterpart_label(member.pk)}"
    return f"You received {kind} from {entry.counterpart_label(member.pk)}"


def _entries(owner: User, ben: User) -> None:
    services.ledger_entry_record(
        member=ben,
        kind="favour",
        direction="given",
        description="Deck",
        counterpart=owner,
        status="delivered",
    )
    services.ledger_entry_record(
        member=owner,
        kind="introduction",
        direction="given",
        description="Intro",
        counterpart=ben,
        status="delivered",
    )
    referral = services.ledger_entry_record(
        member=ben,
        kind="referral",
        direction="given",
        description="Client",
        counterpart=owner,
        status="delivered",
    )
    services.ledger_entry_confirm(member=owner, entry_id=referral.pk)
    services.ledger_entry_close(member=owner, entry_id=referral.pk, value="2400", currency="EUR")
    services.ledger_entry_record(
        member=owner,
        kind="advice",
        direction="received",
        description="Tax",
        counterpart_name="Zoë O'Brien & Co",
        status="delivered",
    )
    services.ledger_entry_record(
        member=owner,
        kind="resource",
        direction="given",
        description="Desk",
        counterpart_name="Ana",
        status="offered",
    )


def test_rows_say_what_the_entries_say(owner: User, ben: User, connected: Connection) -> None:
    _entries(owner, ben)
    balance, rows = selectors.ledger_page(owner)
    entries = list(selectors.entries_of(owner))
    assert [row.pk for row in rows] == [entry.pk for entry in entries]
    for row, entry in zip(rows, entries, strict=True):
        assert row.sentence == _sentence(entry, owner)
        assert row.status_label == entry.get_status_display()
        assert row.is_verified == entry.is_verified
        assert (row.value, row.currency, row.created_at) == (
            entry.value,
            entry.currency,
            entry.created_at,
        )
    assert balance == selectors.balance_of(owner)
    assert selectors.ledger_page(owner, limit=2)[1] == rows[:2]


def test_the_page_shows_each_entry_escaped_with_its_status_and_value(
    owner: User, ben: User, connected: Connection, login_as: Callable
) -> None:
    _entries(owner, ben)
    html = login_as(owner).get("/ledger/").content.decode()
    for entry in selectors.entries_of(owner):
        assert f'<a href="/ledger/{entry.pk}/">{escape(_sentence(entry, owner))}</a>' in html
    assert "Zoë O&#x27;Brien &amp; Co" in html
    assert (
        '<span class="tag">business closed</span> <span class="tag tag-offer">verified</span>'
        in html
    )
    assert "2400.00 EUR" in html or "2400 EUR" in html
    assert "Entries (5)" in html


def test_balance_per_person_names_and_links_members(
    owner: User, ben: User, connected: Connection
) -> None:
    _entries(owner, ben)
    balance = selectors.balance_of(owner)
    assert (balance.given, balance.received) == (1, 3)
    people = {p.name: p for p in balance.people}
    assert people["Ben Adeyemi"].profile_id == ben.profile.pk
    assert (people["Ben Adeyemi"].given, people["Ben Adeyemi"].received) == (1, 2)
    assert people["Ben Adeyemi"].received_kinds == ("referral", "favour")
    assert people["Zoë O'Brien & Co"].profile_id is None
    assert "Ana" not in people  # offered only: not counted yet
    assert balance.chart is not None
    without = selectors.balance_of(owner, chart=False)
    assert without.chart is None
    assert (without.given, without.received, without.people, without.prompts) == (
        balance.given,
        balance.received,
        balance.people,
        balance.prompts,
    )


def test_the_page_and_card_follow_the_members_own_writes(
    owner: User, ben: User, connected: Connection, login_as: Callable
) -> None:
    from mensch.ledger.dashboard import card

    client = login_as(owner)
    assert "Entries (0)" in client.get("/ledger/").content.decode()
    for text in ("One", "Two"):
        services.ledger_entry_record(
            member=ben,
            kind="favour",
            direction="given",
            description=text,
            counterpart=owner,
            status="delivered",
        )
    html = client.get("/ledger/").content.decode()
    assert "Entries (2)" in html
    assert "You received a favour from Ben Adeyemi" in html
    assert "You gave <strong>0</strong> and received <strong>2</strong>" in html
    shown = card(owner)
    assert shown is not None
    assert (shown.context["given"], shown.context["received"]) == (0, 2)
    assert str(shown.context["prompt"]).startswith("You've received two favours from Ben")


def test_counterpart_choices_name_members_as_user_name(
    owner: User, ben: User, connected: Connection
) -> None:
    assert selectors.counterpart_choices(owner) == [(ben.profile.pk, ben.name)]


def test_counterpart_choices_add_people_met_on_either_side_and_leave_out_inactive(
    organizer: User, owner: User, ben: User, connected: Connection
) -> None:
    from tests.ledger.conftest import make_event, meet

    event = make_event(organizer)
    later = make_member("Zara", last_name="Later")
    gone = make_member("Gus", last_name="Gone")
    meet(owner, organizer, event, follow_up=False)  # the owner is the meeting's higher id
    meet(owner, later, event, follow_up=False)  # ... and here the lower one
    meet(owner, gone, event, follow_up=False)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    assert organizer.pk < owner.pk < later.pk
    assert selectors.counterpart_choices(owner) == sorted(
        [(p.profile.pk, p.name) for p in (ben, organizer, later)], key=lambda c: c[1]
    )
