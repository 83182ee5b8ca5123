"""The follow-up list's tasks, written in Python, are the bytes the template's ``task``
partial writes (the partial stays for a task's action): every state, kind, link and due
item, escaped; and the page shows a new task at once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.followups import selectors
from mensch.followups.models import FollowUp
from mensch.followups.rows import task_items
from mensch.followups.services import followup_create

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _tokenless(html: str) -> str:
    return TOKEN.sub("CSRF", html)


@pytest.fixture
def tasks(owner: User, rui: Contact) -> list[FollowUp]:
    today = timezone.localdate()
    followup_create(
        owner=owner,
        contact=rui,
        kind=FollowUp.Kind.AFTER_MEETING,
        title="Thank Rui & co after the breakfast",
        due_on=today - timedelta(days=2),
        steps=["thank-you note", "send the deck"],
    )
    followup_create(owner=owner, title='Call "Ben"', due_on=today)
    followup_create(
        owner=owner,
        contact=rui,
        kind=FollowUp.Kind.PROMISE,
        owed_by=FollowUp.OwedBy.THEM,
        title="Share the venue",
        due_on=today + timedelta(days=5),
    )
    followup_create(owner=owner, title="Closed one", due_on=today - timedelta(days=1))
    # Past the services' checks, to see the rows escape what the partial escaped.
    FollowUp.objects.filter(title__startswith="Thank Rui").update(
        title="Thank Rui & <co> after the breakfast"
    )
    closed = FollowUp.objects.get(title="Closed one")
    closed.status = FollowUp.Status.DONE
    closed.save()
    return list(FollowUp.objects.filter(owner=owner).select_related("contact").order_by("pk"))


@pytest.mark.django_db
def test_each_task_is_what_the_partial_writes(owner: User, tasks: list[FollowUp]) -> None:
    today = timezone.localdate()
    request = RequestFactory().get("/followups/")
    request.user = owner
    rows = selectors.task_rows(owner, tasks, with_links=True)
    assert any(row.due_items for row in rows)
    assert any(row.write for row in rows)
    for row in rows:
        expected = render_to_string(
            "followups/list.html#task", {"row": row, "today": today}, request=request
        )
        written = task_items(
            [row],
            today=today,
            csrf_input='<input type="hidden" name="csrfmiddlewaretoken" value="x">',
        )
        assert _tokenless(str(written)) == _tokenless(expected)
    both = task_items(rows[:2], today=today, csrf_input="")
    assert str(both) == str(task_items(rows[:1], today=today, csrf_input="")) + str(
        task_items(rows[1:2], today=today, csrf_input="")
    )


@pytest.mark.django_db
def test_the_page_shows_a_new_task_and_sends_valid_tokens(
    client: Client, owner: User, tasks: list[FollowUp]
) -> None:
    client.force_login(owner)
    page = client.get("/followups/").content.decode()
    assert "Thank Rui &amp; &lt;co&gt; after the breakfast" in page
    followup_create(owner=owner, title="Brand new task", due_on=timezone.localdate())
    page = client.get("/followups/").content.decode()
    assert "Brand new task" in page
    assert 'name="csrfmiddlewaretoken" value="' in page
    task = FollowUp.objects.get(title="Brand new task")
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(owner)
    page = csrf_client.get("/followups/").content.decode()
    start = page.index(f'action="/followups/{task.pk}/done/"')
    token = TOKEN.search(page, start)
    assert token is not None
    value = token.group(0).split('value="')[1].rstrip('"')
    response = csrf_client.post(f"/followups/{task.pk}/done/", {"csrfmiddlewaretoken": value})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == FollowUp.Status.DONE
