from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from mensch.accounts.models import User
from mensch.introductions.services import introduction_accept, introduction_request
from mensch.trust import services
from mensch.trust.models import Endorsement, EndorsementReport
from tests.factories import make_member
from tests.trust.conftest import make_event, meet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TEXT = "Kept our studio's books spotless for a year and caught a VAT mistake early."


def _offer(member: User) -> int:
    return member.profile.offers.order_by("position", "id").first().pk


def test_endorsement_rests_on_the_meeting_both_confirmed(owner: User, bookkeeper: User) -> None:
    meeting = meet(owner, bookkeeper)
    endorsement = services.endorsement_create(
        author=owner, member=bookkeeper, offer_id=_offer(bookkeeper), text=TEXT
    )
    assert endorsement.basis == "meeting"
    assert endorsement.basis_id == meeting.pk
    assert endorsement.basis_label == f"met in person, {meeting.met_on:%B %Y}"
    assert bookkeeper.notifications.filter(kind="endorsement_received").count() == 1


def test_endorsement_names_the_event_where_they_met(owner: User, bookkeeper: User) -> None:
    organizer = make_member("Olga")
    event = make_event(organizer, title="Lisbon Founders")
    meeting = meet(owner, bookkeeper, event=event)
    endorsement = services.endorsement_create(
        author=owner, member=bookkeeper, offer_id=_offer(bookkeeper), text=TEXT
    )
    assert endorsement.basis_label == f"met at Lisbon Founders, {meeting.met_on:%B %Y}"


def test_endorsement_after_only_an_accepted_introduction_is_refused(
    login_as: Callable[[User], Client], owner: User, bookkeeper: User
) -> None:
    introduction = introduction_request(
        requester=owner,
        recipient=bookkeeper,
        reason="You keep books for studios and I run one; let's compare notes.",
    )
    introduction_accept(introduction_id=introduction.pk, member=bookkeeper)
    refusal = (
        "You can endorse Bea once you have both confirmed a meeting, "
        "or once they confirmed a favour you gave."
    )
    with pytest.raises(ValidationError) as caught:
        services.endorsement_create(
            author=owner, member=bookkeeper, offer_id=_offer(bookkeeper), text=TEXT
        )
    assert caught.value.message_dict["__all__"] == [refusal]
    client = login_as(owner)
    response = client.post(
        "/api/v1/trust/endorsements",
        {"profile_id": bookkeeper.profile.pk, "offer_id": _offer(bookkeeper), "text": TEXT},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert refusal in str(response.json())
    assert client.get(f"/api/v1/trust/members/{bookkeeper.profile.pk}/interactions").json() == []
    assert Endorsement.objects.count() == 0


def test_endorsing_oneself_is_refused(bookkeeper: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.endorsement_create(
            author=bookkeeper, member=bookkeeper, offer_id=_offer(bookkeeper), text=TEXT
        )
    assert caught.value.message_dict == {"member": ["You cannot endorse yourself."]}
    assert Endorsement.objects.count() == 0


def test_endorsement_once_per_pair_and_offer_then_edit(owner: User, bookkeeper: User) -> None:
    meet(owner, bookkeeper)
    first = services.endorsement_create(
        author=owner, member=bookkeeper, offer_id=_offer(bookkeeper), text=TEXT
    )
    with pytest.raises(ValidationError) as caught:
        services.endorsement_create(
            author=owner, member=bookkeeper, offer_id=_offer(bookkeeper), text=TEXT
        )
    assert "edit your endorsement instead" in caught.value.message_dict["offer"][0]
    services.endorsement_update(
        author=owner, endorsement_id=first.pk, text="Clear books, honest advice, on time."
    )
    assert Endorsement.objects.get().text == "Clear books, honest advice, on time."


def test_endorsement_of_another_members_offer_or_too_short_saves_nothing(
    owner: User, bookkeeper: User
) -> None:
    meet(owner, bookkeeper)
    with pytest.raises(ValidationError) as caught:
        services.endorsement_create(
            author=owner, member=bookkeeper, offer_id=_offer(owner), text=TEXT
        )
    assert caught.value.message_dict == {"offer": ["Choose one of Bea's offers."]}
    with pytest.raises(ValidationError) as caught:
        services.endorsement_create(
            author=owner, member=bookkeeper, offer_id=_offer(bookkeeper), text="great"
        )
    assert "at least 20 characters" in caught.value.message_dict["text"][0]
    assert Endorsement.objects.count() == 0


def test_stranger_cannot_edit_or_withdraw_someone_elses_endorsement(
    owner: User, bookkeeper: User, stranger: User
) -> None:
    meet(owner, bookkeeper)
    endorsement = services.endorsement_create(
        author=owner, member=bookkeeper, offer_id=_offer(bookkeeper), text=TEXT
    )
    with pytest.raises(Endorsement.DoesNotExist):
        services.endorsement_update(author=stranger, endorsement_id=endorsement.pk, text=TEXT * 2)
    with pytest.raises(Endorsement.DoesNotExist):
        services.endorsement_withdraw(author=stranger, endorsement_id=endorsement.pk)
    assert Endorsement.objects.get().text == TEXT


def test_reports_hide_endorsement_until_staff_review(
    owner: User, bookkeeper: User, settings: object
) -> None:
    settings.ENDORSEMENT_REPORTS_TO_HIDE = 2  # type: ignore[attr-defined]
    meet(owner, bookkeeper)
    endorsement = services.endorsement_create(
        author=owner, member=bookkeeper, offer_id=_offer(bookkeeper), text=TEXT
    )
    with pytest.raises(ValidationError):
        services.endorsement_report(reporter=owner, endorsement_id=endorsement.pk, reason="mine")
    first, second = make_member("Rita"), make_member("Rui")
    # Reports weigh by who makes them: these two know the endorsed member.
    meet(first, bookkeeper)
    meet(second, bookkeeper)
    services.endorsement_report(reporter=first, endorsement_id=endorsement.pk, reason="Never met")
    with pytest.raises(ValidationError) as caught:
        services.endorsement_report(reporter=first, endorsement_id=endorsement.pk, reason="again")
    assert caught.value.messages == ["You have already reported this endorsement."]
    endorsement.refresh_from_db()
    assert endorsement.is_visible
    services.endorsement_report(reporter=second, endorsement_id=endorsement.pk, reason="Fake one")
    endorsement.refresh_from_db()
    assert not endorsement.is_visible
    with pytest.raises(PermissionDenied):
        services.endorsement_review(reviewer=second, endorsement_id=endorsement.pk, keep=True)
    staff = make_member("Sofia")
    staff.is_staff = True
    staff.save()
    services.endorsement_review(reviewer=staff, endorsement_id=endorsement.pk, keep=True)
    endorsement.refresh_from_db()
    assert endorsement.is_visible
    assert EndorsementReport.objects.count() == 2


def test_specialist_page_shows_endorsement_with_its_interaction(
    owner: User, bookkeeper: User, stranger: User, login_as: Callable[[User], Client]
) -> None:
    meeting = meet(owner, bookkeeper)
    services.endorsement_create(
        author=owner, member=bookkeeper, offer_id=_offer(bookkeeper), text=TEXT
    )
    page = login_as(stranger).get(f"/specialists/{bookkeeper.profile.pk}/")
    html = page.content.decode()
    assert TEXT.replace("'", "&#x27;") in html
    assert f"met in person, {meeting.met_on:%B %Y}" in html
    assert "Ask for an introduction" in html
    # The stranger shares no interaction with Bea: no endorse form for them.
    assert "Endorse Bea" not in html


def test_endorse_page_refuses_stranger_and_saves_nothing(
    bookkeeper: User, stranger: User, login_as: Callable[[User], Client]
) -> None:
    response = login_as(stranger).post(
        f"/specialists/{bookkeeper.profile.pk}/endorse/",
        {"offer": _offer(bookkeeper), "text": TEXT},
    )
    assert response.status_code == 422
    assert "You can endorse Bea once you have both confirmed a meeting" in response.content.decode()
    assert Endorsement.objects.count() == 0


def test_endorse_page_then_edit_and_stranger_gets_404_on_edit(
    owner: User, bookkeeper: User, stranger: User, login_as: Callable[[User], Client]
) -> None:
    meet(owner, bookkeeper)
    client = login_as(owner)
    page = client.get(f"/specialists/{bookkeeper.profile.pk}/").content.decode()
    assert "Endorse Bea" in page
    response = client.post(
        f"/specialists/{bookkeeper.profile.pk}/endorse/",
        {"offer": _offer(bookkeeper), "text": TEXT},
    )
    assert response.status_code == 302
    endorsement = Endorsement.objects.get()
    assert login_as(stranger).get(f"/endorsements/{endorsement.pk}/edit/").status_code == 404
    assert login_as(stranger).post(f"/endorsements/{endorsement.pk}/withdraw/").status_code == 404
    client.post(f"/endorsements/{endorsement.pk}/edit/", {"text": "Honest, careful, on time."})
    assert Endorsement.objects.get().text == "Honest, careful, on time."


def test_review_page_is_for_staff_only(stranger: User, login_as: Callable[[User], Client]) -> None:
    assert login_as(stranger).get("/endorsements/review/").status_code == 403


def test_api_endorse_requires_interaction_and_shows_basis(
    owner: User, bookkeeper: User, login_as: Callable[[User], Client]
) -> None:
    client = login_as(owner)
    payload = {"profile_id": bookkeeper.profile.pk, "offer_id": _offer(bookkeeper), "text": TEXT}
    refused = client.post("/api/v1/trust/endorsements", payload, content_type="application/json")
    assert refused.status_code == 400
    assert (
        "You can endorse Bea once you have both confirmed a meeting"
        in refused.json()["errors"]["__all__"][0]
    )
    meeting = meet(owner, bookkeeper)
    created = client.post("/api/v1/trust/endorsements", payload, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["basis_label"] == f"met in person, {meeting.met_on:%B %Y}"
    listed = client.get(f"/api/v1/trust/members/{bookkeeper.profile.pk}").json()
    assert [e["text"] for e in listed["endorsements"]] == [TEXT]
    assert "display" not in listed  # others see the band, not the internals
    shared = client.get(f"/api/v1/trust/members/{bookkeeper.profile.pk}/interactions").json()
    assert [i["kind"] for i in shared] == ["meeting"]


def test_api_stranger_cannot_edit_delete_endorsement(
    owner: User, bookkeeper: User, stranger: User, login_as: Callable[[User], Client]
) -> None:
    meet(owner, bookkeeper)
    endorsement = services.endorsement_create(
        author=owner, member=bookkeeper, offer_id=_offer(bookkeeper), text=TEXT
    )
    client = login_as(stranger)
    patched = client.patch(
        f"/api/v1/trust/endorsements/{endorsement.pk}",
        {"text": "Rewritten by a stranger, which must fail."},
        content_type="application/json",
    )
    assert patched.status_code == 404
    assert client.delete(f"/api/v1/trust/endorsements/{endorsement.pk}").status_code == 404
    assert Endorsement.objects.get().text == TEXT
    reported = client.post(
        f"/api/v1/trust/endorsements/{endorsement.pk}/report",
        {"reason": "I doubt they met"},
        content_type="application/json",
    )
    assert reported.status_code == 201


@pytest.mark.parametrize("count", [1, 3])
def test_member_endorsements_endpoint_query_count(
    count: int,
    bookkeeper: User,
    login_as: Callable[[User], Client],
    django_assert_num_queries: Callable[..., object],
) -> None:
    for number in range(count):
        author = make_member(f"Author{number}")
        meet(author, bookkeeper)
        services.endorsement_create(
            author=author, member=bookkeeper, offer_id=_offer(bookkeeper), text=TEXT
        )
    client = login_as(bookkeeper)
    # session, user, profile + its asks and offers, trust score, endorsements
    with django_assert_num_queries(7):
        response = client.get(f"/api/v1/trust/members/{bookkeeper.profile.pk}")
    assert len(response.json()["endorsements"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_my_trust_page_and_given_endpoint_query_count(
    count: int,
    bookkeeper: User,
    login_as: Callable[[User], Client],
    django_assert_num_queries: Callable[..., object],
) -> None:
    for number in range(count):
        member = make_member(f"Client{number}", offers=[("advice", "design reviews for studios")])
        meet(member, bookkeeper)
        services.endorsement_create(
            author=bookkeeper, member=member, offer_id=_offer(member), text=TEXT
        )
        services.endorsement_create(
            author=member, member=bookkeeper, offer_id=_offer(bookkeeper), text=TEXT
        )
    client = login_as(bookkeeper)
    with django_assert_num_queries(6):  # session, user, score, received, given, badge
        page = client.get("/trust/")
    assert page.content.decode().count("Edit</a>") == count
    with django_assert_num_queries(3):  # session, user, given
        given = client.get("/api/v1/trust/endorsements/given")
    assert len(given.json()) == count
