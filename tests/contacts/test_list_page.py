"""The contact list's rows come as values and their tags' names in one query
(``listed_contacts``): they must be what the ORM's contacts show, in every sort, search
and tag filter; and the list still pages past its first fifty."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.contacts.selectors import ListedContact, contacts_of, listed_contacts
from mensch.contacts.services import contact_create, contact_for_member
from mensch.contacts.views import PAGE_SIZE
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def _orm(contacts: list[Contact]) -> list[ListedContact]:
    return [
        ListedContact(
            c.pk,
            c.member_id,
            c.name,
            c.company,
            c.role,
            c.last_interaction_on,
            c.strength,
            [t.name for t in c.tags.all()],
        )
        for c in contacts
    ]


@pytest.fixture
def many(owner: User) -> None:
    contact_create(owner=owner, name="Ana Lopes", company="Lopes", tags="Lisbon, zeta, alpha")
    contact_create(owner=owner, name="Bo Park", role="Chef")
    contact_create(owner=owner, name="Cy Lopes", tags="alpha")
    contact_for_member(owner=owner, member=make_member("Mira"))
    Contact.objects.filter(name="Bo Park").update(last_interaction_on=date(2026, 3, 5), strength=7)
    other = make_member("Zoe", email="zoe@example.org")
    contact_create(owner=other, name="Ana Elsewhere", tags="alpha")


@pytest.mark.usefixtures("many")
@pytest.mark.parametrize(
    ("query", "tag", "sort"),
    [
        ("", "", "strength"),
        ("", "", "name"),
        ("", "", "recent"),
        ("", "", "added"),
        ("lopes", "", "strength"),
        ("lopes", "", "name"),
        ("", "alpha", "strength"),
        ("", "ALPHA", "name"),
        ("nobody", "", "strength"),
    ],
)
def test_listed_contacts_are_what_the_orm_shows(
    owner: User, query: str, tag: str, sort: str
) -> None:
    expected = _orm(list(contacts_of(owner, query=query, tag=tag, sort=sort)))
    found = listed_contacts(contacts_of(owner, query=query, tag=tag, sort=sort, for_list=True))
    assert found == expected
    if not query and not tag:
        assert len(found) == 4
        ana = next(c for c in found if c.name == "Ana Lopes")
        assert ana.tags == [t.name for t in Contact.objects.get(pk=ana.pk).tags.all()]
        assert len(ana.tags) == 3


def test_no_contacts_no_tag_query(owner: User, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        assert listed_contacts([]) == []


def _page(client: Client, url: str) -> str:
    return client.get(url).content.decode().split("<tbody>")[-1]


@pytest.mark.parametrize("extra", [0, 1, 2])
def test_pages_of_listed_contacts(
    owner: User, login_as: Callable[[User], Client], extra: int
) -> None:
    Contact.objects.bulk_create(
        Contact(owner=owner, name=f"Person {n:03}") for n in range(PAGE_SIZE - 1 + extra)
    )
    client = login_as(owner)
    first = _page(client, "/contacts/?sort=name")
    assert first.count("<tr>") == min(PAGE_SIZE, PAGE_SIZE - 1 + extra)
    if extra < 2:
        assert "Page 1 of" not in first
    else:
        assert "<span>Page 1 of 2</span>" in first
        second = _page(client, "/contacts/?sort=name&page=2")
        assert second.count("<tr>") == 1
        assert f"Person {PAGE_SIZE:03}" in second
        assert "<span>Page 2 of 2</span>" in second
