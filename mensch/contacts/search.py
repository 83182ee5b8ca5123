"""Full-text search over one's contacts: SQLite FTS5 or PostgreSQL full text, one function.

Both read ``Contact.search_document`` (name, company, role, email, facts and notes),
which the services rebuild on every write. On SQLite the services also copy it into
the FTS5 table ``contacts_contact_fts`` (rowid = contact id); a service-side copy,
not triggers, because Django rebuilds SQLite tables on some migrations and would
drop triggers silently.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from mensch.accounts.models import User
from mensch.contacts.models import Contact

FTS_TABLE = "contacts_contact_fts"
MAX_TERMS = 8
_WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(query: str) -> list[str]:
    return _WORD.findall(query.lower())[:MAX_TERMS]


def contact_search(*, owner: User, query: str) -> QuerySet[Contact]:
    """The owner's contacts matching every word of ``query`` (as a prefix), best first."""
    contacts = Contact.objects.filter(owner=owner)
    terms = search_terms(query)
    if not terms:
        return contacts.none()
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{term}:*" for term in terms)
        vector = SearchVector("search_document", config="simple")
        search = SearchQuery(tsquery, search_type="raw", config="simple")
        return (
            contacts.annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search)  # the @@ match operator
            .order_by("-rank", "name", "pk")
        )
    if connection.vendor == "sqlite":
        match = " ".join(f'"{term}"*' for term in terms)
        # The MATCH expression is a bound parameter; the table name is a constant.
        ranked = RawSQL(  # noqa: S611
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            [match],
        )
        return contacts.filter(pk__in=ranked).order_by("-strength", "name", "pk")
    # Other databases: a plain substring match on every term.
    for term in terms:
        contacts = contacts.filter(search_document__icontains=term)
    return contacts.order_by("-strength", "name", "pk")


def search_index_update(contact: Contact) -> None:
    """Copy the contact's document into the FTS5 table (SQLite only)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [contact.pk])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, search_document) VALUES (%s, %s)",  # noqa: S608
            [contact.pk, contact.search_document],
        )


def search_index_remove(contact_ids: list[int]) -> None:
    if connection.vendor != "sqlite" or not contact_ids:
        return
    marks = ", ".join(["%s"] * len(contact_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", contact_ids)  # noqa: S608
