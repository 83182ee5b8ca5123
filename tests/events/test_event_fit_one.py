"""An event page shows that event's fit as the events list ranks it (computed for that
event alone, not for every open one)."""

from __future__ import annotations

import pytest

from mensch.accounts.models import User
from mensch.events.fit import event_fit, events_for_member
from tests.events.conftest import make_event, make_organizer
from tests.factories import make_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_one_events_fit_equals_its_entry_in_the_list_and_reads_no_more_for_more_events() -> None:
    organizer = make_organizer()
    member: User = make_member(goals="Meet bookkeepers over breakfast")
    first = make_event(organizer, title="Bookkeepers breakfast")
    second = make_event(organizer, title="Founders dinner", talk=False)
    listed = {fit.event.pk: fit for fit in events_for_member(member)}
    for event in (first, second):
        alone = event_fit(member, event)
        assert alone is not None
        assert (alone.level, alone.reasons) == (listed[event.pk].level, listed[event.pk].reasons)
    assert "bookkeepers" in " ".join(listed[first.pk].reasons)
    assert "bookkeepers" not in " ".join(listed[second.pk].reasons)


def test_no_fit_for_an_event_that_is_not_open_to_the_member() -> None:
    organizer = make_organizer()
    member: User = make_member(goals="Meet bookkeepers over breakfast")
    draft = make_event(organizer, title="Bookkeepers breakfast", publish=False)
    assert event_fit(member, draft) is None
