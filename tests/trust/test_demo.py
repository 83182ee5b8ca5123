from __future__ import annotations

import pytest

from mensch.chat.demo import load_demo as load_chat_demo
from mensch.chat.models import ChatMessage
from mensch.events.models import Rsvp
from mensch.trust.demo import load_demo
from mensch.trust.models import Endorsement, TrustScore
from tests.factories import make_member
from tests.trust.conftest import make_event, make_organizer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_trust_and_chat_demo_are_realistic_and_idempotent() -> None:
    organizer = make_organizer("Olga")
    members = [
        make_member(f"Demo{n}", offers=[("advice", f"advice on topic number {n} for founders")])
        for n in range(8)
    ]
    event = make_event(organizer, title="Referral breakfast")
    for member in members:
        Rsvp.objects.create(event=event, member=member)
    summary = load_demo(members=members, organizer=organizer, seed=7)
    endorsements = Endorsement.objects.count()
    assert endorsements > 0
    assert f"{endorsements} endorsements" in summary
    assert TrustScore.objects.filter(display__gt=0).count() > 1
    assert all(
        e.basis_label.startswith("met at Referral breakfast") for e in Endorsement.objects.all()
    )
    again = load_demo(members=members, organizer=organizer, seed=7)
    assert again.startswith("0 confirmed meetings, 0 endorsements")
    assert Endorsement.objects.count() == endorsements

    chat = load_chat_demo(members=members, organizer=organizer, seed=7)
    assert chat == "6 chat messages on “Referral breakfast” (1 link flood collapsed)"
    assert ChatMessage.objects.filter(collapsed=True).count() == 1
    load_chat_demo(members=members, organizer=organizer, seed=7)
    assert ChatMessage.objects.count() == 6
