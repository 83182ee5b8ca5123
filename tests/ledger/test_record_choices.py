"""The record form's people and contacts come from one statement that lists what
``counterpart_choices`` and ``contact_choices`` list; the entries and the balance table are
written in Python as the template's loops wrote them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.contacts.services import contact_create
from mensch.ledger import selectors
from mensch.ledger.rows import entry_items, people_rows
from tests.factories import make_member
from tests.ledger.conftest import make_event, meet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_record_choices_are_the_two_lists(
    organizer: User, owner: User, ben: User, stranger: User, connected: Connection
) -> None:
    event = make_event(organizer)
    later = make_member("Zara", last_name="Later")
    gone = make_member("Gus", last_name="Gone")
    meet(owner, organizer, event, follow_up=False)  # the owner is the higher id
    meet(owner, later, event, follow_up=False)  # ... and the lower one
    meet(owner, ben, event, follow_up=False)  # connected and met: listed once
    meet(owner, gone, event, follow_up=False)
    meet(stranger, later, event, follow_up=False)  # someone else's meeting
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    for name in ("Zoë O'Brien", "Ana", "ana", "Ana"):
        contact_create(owner=owner, name=name)
    contact_create(owner=stranger, name="Not yours")
    people, contacts = selectors.record_choices(owner)
    assert people == selectors.counterpart_choices(owner)
    assert contacts == selectors.contact_choices(owner)
    assert [name for _, name in people] == ["Ben Adeyemi", "Olga Organiser", "Zara Later"]
    names = [name for _, name in contacts]
    assert names.count("Ana") == 2
    assert "ana" in names
    assert "Zoë O'Brien" in names
    assert "Not yours" not in names


def test_record_choices_of_a_new_member_are_empty(stranger: User) -> None:
    assert selectors.record_choices(stranger) == ([], [])


def test_ledger_page_reads_choices_once(
    owner: User,
    ben: User,
    connected: Connection,
    login_as: Callable,
    django_assert_num_queries: Callable,
) -> None:
    contact_create(owner=owner, name="Maria Costa")
    client = login_as(owner)
    # session, user, entries, people and contacts (one statement), unread badge
    with django_assert_num_queries(5):
        html = client.get("/ledger/").content.decode()
    assert f'<option value="{ben.profile.pk}">Ben Adeyemi</option>' in html
    assert ">Maria Costa</option>" in html


_ENTRIES = Template(
    "{% for e in entries %}\n"
    '    <li class="item">\n'
    '      <a href="{{ e.url }}">{{ e.sentence }}</a>\n'
    '      <br><span class="tag">{{ e.status_label }}</span>{% if e.is_verified %} '
    '<span class="tag tag-offer">verified</span>{% endif %}{% if e.value %} {{ e.value }} '
    "{{ e.currency }}{% endif %}\n"
    '      <span class="hint">{{ e.created_at|date:"j M Y" }}</span>\n'
    "    </li>\n  {% empty %}\n"
    '    <li class="muted">Nothing yet. What could you give this week?</li>\n  {% endfor %}'
)
_PEOPLE = Template(
    "{% for p in people %}\n"
    '      <tr><th scope="row">{% if p.profile_id %}<a href="{{ p.url }}">{{ p.name }}</a>'
    '{% else %}{{ p.name }}{% endif %}</th><td data-label="You gave">{{ p.given }}</td>'
    '<td data-label="You received">{{ p.received }}</td></tr>\n    {% endfor %}'
)


def _row(pk: int, **changes: object) -> selectors.LedgerRow:
    values: dict[str, object] = {
        "pk": pk,
        "sentence": "You gave a referral to Zoë O'Brien & <Co>",
        "status_label": "delivered",
        "is_verified": False,
        "value": None,
        "currency": "",
        # late in the day in UTC: the page's day is the member's local one
        "created_at": timezone.now().replace(hour=23, minute=30) - timedelta(days=pk),
        "url": f"/ledger/{pk}/",
    }
    values.update(changes)
    return selectors.LedgerRow(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland", "America/Los_Angeles"])
def test_entry_items_are_what_the_loop_wrote(zone: str) -> None:
    rows = [
        _row(1),
        _row(2, is_verified=True, value=Decimal("2400.50"), currency="EUR"),
        _row(3, value=Decimal(0), currency="EUR"),  # a zero value is not shown
        _row(4, sentence="You received advice from Ana", status_label="closed"),
    ]
    with timezone.override(zone):
        for entries in (rows, []):
            assert str(entry_items(entries)) == _ENTRIES.render(Context({"entries": entries}))


def test_people_rows_are_what_the_loop_wrote() -> None:
    people = [
        selectors.PersonBalance("m1", "Ben <Adeyemi>", 7, 3, 1, ("favour",), "/members/7/"),
        selectors.PersonBalance("nana", "Ana & Co", None, 0, 2, ("advice", "advice")),
    ]
    for shown in (people, []):
        assert str(people_rows(shown)) == _PEOPLE.render(Context({"people": shown}))
