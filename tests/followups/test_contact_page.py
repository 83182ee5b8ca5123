"""What follow-ups add to a contact: the panel on the contact's page, the promises in the
brief, and the tasks that follow a contact merged into another."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.contacts.services import contact_create, contact_merge
from mensch.followups.models import FollowUp
from mensch.followups.services import followup_create, promise_log

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Login = Callable[[User], Client]
Api = Callable[[User], Client]


def test_contact_page_shows_open_tasks_with_them_and_notes_a_promise(
    login_as: Login, owner: User, rui: Contact
) -> None:
    today = timezone.localdate()
    followup_create(owner=owner, contact=rui, title="Send the invoice", due_on=today)
    followup_create(owner=owner, title="Book the venue", due_on=today)  # not about Rui
    client = login_as(owner)
    page = f"/contacts/{rui.pk}/"
    html = client.get(page).content.decode()
    panel = html[html.index("Follow-ups and promises") : html.index("Keep in touch")]
    assert "Send the invoice" in panel
    assert "Book the venue" not in panel
    assert f'action="{reverse("contact_promise_add", args=[rui.pk])}"' in panel
    assert (today + timedelta(days=7)).isoformat() in panel  # the promise is due in a week

    response = client.post(
        f"/contacts/{rui.pk}/promises/",
        {"owed_by": "them", "title": "Intro to his accountant", "due_on": "2030-01-12"},
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain == [(page, 302)]
    assert "Promise noted: it is on your follow-up list." in html
    assert "they promised</span> Intro to his accountant" in html
    promise = FollowUp.objects.get(kind="promise")
    assert (promise.owner, promise.contact, promise.owed_by) == (owner, rui, "them")


def test_a_promise_without_words_is_refused_on_the_contact_page(
    login_as: Login, owner: User, rui: Contact
) -> None:
    response = login_as(owner).post(
        f"/contacts/{rui.pk}/promises/", {"owed_by": "me", "title": " "}, follow=True
    )
    assert "Write down what was promised." in response.content.decode()
    assert not FollowUp.objects.exists()


def test_brief_api_lists_open_promises_both_ways(api_for: Api, owner: User, rui: Contact) -> None:
    today = timezone.localdate()
    promise_log(owner=owner, contact=rui, text="Send the deck", owed_by="me", due_on=today)
    done = promise_log(owner=owner, contact=rui, text="Old promise", owed_by="me", due_on=today)
    done.status = FollowUp.Status.DONE
    done.save()
    promise_log(owner=owner, contact=rui, text="Intro to his CFO", owed_by="them", due_on=today)
    followup_create(owner=owner, contact=rui, title="Not a promise", due_on=today)

    brief = api_for(owner).get(f"/api/v1/contacts/{rui.pk}/brief").json()

    assert brief["promised_by_me"] == ["Send the deck"]
    assert brief["promised_by_them"] == ["Intro to his CFO"]
    assert "How is it going with “Intro to his CFO”? Can I help?" in brief["questions"]


def test_merging_contacts_moves_their_follow_ups_to_the_one_kept(owner: User, rui: Contact) -> None:
    other = contact_create(owner=owner, name="Rui A.")
    task = promise_log(owner=owner, contact=other, text="Send the deck", owed_by="me")
    contact_merge(keep=rui, other=other)
    task.refresh_from_db()
    assert task.contact == rui
    assert not Contact.objects.filter(pk=other.pk).exists()
