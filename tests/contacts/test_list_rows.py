"""The contact list's rows, written in Python, are the bytes the template's loop wrote:
links, the member tag, company and role, tags, the last contact and strength, escaped."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import engines
from django.test import Client

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.contacts.rows import contact_rows
from mensch.contacts.selectors import contacts_of, listed_contacts
from mensch.contacts.services import contact_create
from tests.factories import make_member

# The loop contacts/list.html had, as it was.
LOOP = (
    "{% for contact in contacts %}\n"
    "        <tr>\n"
    '          <td data-label="Name"><a href="{% url \'contact_detail\' contact.pk %}">'
    '{{ contact.name }}</a>{% if contact.member_id %} <span class="tag">member</span>'
    "{% endif %}</td>\n"
    '          <td data-label="Company and role">{{ contact.company }}{% if contact.company '
    "and contact.role %} · {% endif %}{{ contact.role }}</td>\n"
    '          <td data-label="Tags">{% for t in contact.tags.all %}<span class="tag">'
    "{{ t.name }}</span> {% endfor %}</td>\n"
    '          <td data-label="Last in touch">{% if contact.last_interaction_on %}'
    '{{ contact.last_interaction_on|date:"j M Y" }}{% else %}<span class="muted">never'
    "</span>{% endif %}</td>\n"
    '          <td data-label="Strength"><meter min="0" max="100" value="{{ contact.strength }}"'
    ' aria-label="Strength {{ contact.strength|floatformat:0 }} of 100">'
    "{{ contact.strength|floatformat:0 }}</meter> {{ contact.strength|floatformat:0 }}</td>\n"
    "        </tr>\n"
    "      {% endfor %}"
)


@pytest.fixture
def contacts(owner: User) -> list[Contact]:
    friend = make_member("Ifeoma", last_name="Eze")
    contact_create(
        owner=owner,
        name="Ana & Bo",
        company='Quote "Co"',
        role="Boss & co",
        tags="clients, R&D, Zoë",
    )
    # Past the services' checks, to see the rows escape what the template escaped.
    Contact.objects.filter(name="Ana & Bo").update(name="Ana & <Bo>")
    contact_create(owner=owner, name="Only Company", company="Acme")
    contact_create(owner=owner, name="Only Role", role="Designer", tags="x")
    contact_create(owner=owner, name="Ifeoma Eze", member=friend)
    Contact.objects.filter(name="Only Company").update(
        last_interaction_on=date(2026, 3, 5), strength=55.5
    )
    Contact.objects.filter(name="Only Role").update(strength=12.45)
    Contact.objects.filter(name="Ifeoma Eze").update(strength=99.99)
    return list(contacts_of(owner))


@pytest.mark.django_db
def test_rows_are_what_the_template_loop_wrote(owner: User, contacts: list[Contact]) -> None:
    expected = engines["django"].from_string(LOOP).render({"contacts": contacts})
    assert str(contact_rows(listed_contacts(contacts_of(owner, for_list=True)))) == expected
    assert "Ana &amp; &lt;Bo&gt;" in expected


@pytest.mark.django_db
def test_no_rows() -> None:
    assert str(contact_rows([])) == ""


@pytest.mark.django_db
def test_page_lists_the_rows_and_reads_a_new_contact(
    client: Client, owner: User, contacts: list[Contact]
) -> None:
    client.force_login(owner)
    page = client.get("/contacts/").content.decode()
    assert str(contact_rows(listed_contacts(contacts_of(owner, for_list=True)))) in page
    contact_create(owner=owner, name="Just Added & Now", tags="fresh")
    page = client.get("/contacts/").content.decode()
    assert "Just Added &amp; Now" in page
    assert '<span class="tag">fresh</span> ' in page
    htmx = client.get("/contacts/?q=Added", headers={"HX-Request": "true"}).content.decode()
    assert "Just Added &amp; Now" in htmx
