"""The contact list loads only the fields it shows: what it shows must stay right after
the owner's writes, and in every sort and search."""

from __future__ import annotations

from collections.abc import Callable

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.contacts.services import contact_create, contact_for_member, contact_update
from tests.factories import make_member


def test_list_shows_each_field_right_after_writes(
    owner: User, rui: Contact, login_as: Callable
) -> None:
    client = login_as(owner)
    html = client.get("/contacts/").content.decode()
    assert f'<a href="/contacts/{rui.pk}/">Rui Almeida</a>' in html
    assert "Almeida &amp; Filhos · Bookkeeper" in html
    assert '<span class="tag">Lisbon</span> <span class="tag">clients</span>' in html
    contact_update(contact=rui, company="Filhos Lda", role="", tags="accountants")
    html = client.get("/contacts/").content.decode()
    assert "Filhos Lda</td>" in html
    assert '<span class="tag">accountants</span>' in html
    assert '<span class="tag">clients</span>' not in html.split("<tbody>")[1]
    member = contact_for_member(owner=owner, member=make_member("Mira"))
    html = client.get("/contacts/?sort=name").content.decode()
    assert f'{member.name}</a> <span class="tag">member</span>' in html
    assert "Rui Almeida</a></td>" in html


def test_search_and_tag_filter_list_the_same_fields(
    owner: User, rui: Contact, login_as: Callable
) -> None:
    contact_create(owner=owner, name="Ana Lopes", company="Lopes Studio", tags="Lisbon")
    client = login_as(owner)
    for url in ("/contacts/?q=almeida", "/contacts/?tag=clients", "/contacts/?sort=recent"):
        html = client.get(url).content.decode()
        assert "Almeida &amp; Filhos · Bookkeeper" in html, url
        assert '<span class="tag">Lisbon</span> <span class="tag">clients</span>' in html, url
    html = client.get("/contacts/?tag=lisbon").content.decode()
    assert "Ana Lopes" in html
    assert "Rui Almeida" in html
