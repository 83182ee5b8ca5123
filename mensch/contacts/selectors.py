"""Reads about one's own contacts that pages, the API, the digest and the brief share.

Every function takes the owner and never returns anyone else's contact: a stranger's
id raises Contact.DoesNotExist, which pages and the API turn into 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Min, Prefetch, Q, QuerySet
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact, Interaction, Tag
from mensch.contacts.search import contact_search
from mensch.core import statements
from mensch.core.dates import add_days

SORTS = {
    "strength": ("-strength", "name", "pk"),
    "name": ("name", "pk"),
    "recent": ("-last_interaction_on", "name", "pk"),
    "added": ("-created_at", "-pk"),
}


def _listing(queryset: QuerySet[Contact]) -> QuerySet[Contact]:
    return queryset.select_related("member__profile").prefetch_related("tags")


# What the contact list page shows of each contact (and the tags' names).
_LIST_FIELDS = (
    "id",
    "owner_id",
    "member_id",
    "name",
    "company",
    "role",
    "last_interaction_on",
    "strength",
)


def contacts_of(
    owner: User,
    *,
    query: str = "",
    tag: str = "",
    sort: str = "strength",
    for_list: bool = False,
) -> QuerySet[Contact]:
    """The owner's contacts, searched (full text) and filtered by a tag; strongest first.

    ``for_list``: only what the list page shows (no member or profile is joined), for a
    cheaper page: ``_LIST_FIELDS``' values, which ``listed_contacts`` makes rows of."""
    queryset = (
        contact_search(owner=owner, query=query)
        if query.strip()
        else Contact.objects.filter(owner=owner)
    )
    if tag:
        queryset = queryset.filter(tags__name__iexact=tag, tags__owner=owner)
    if not query.strip() or sort != "strength":
        queryset = queryset.order_by(*SORTS.get(sort, SORTS["strength"]))
    if for_list:
        return queryset.values_list(*_LIST_FIELDS)
    return _listing(queryset)


class ListedContact(NamedTuple):
    """A contact as the list page shows it: a few fields and its tags' names."""

    pk: int
    member_id: int | None
    name: str
    company: str
    role: str
    last_interaction_on: date | None
    strength: float
    tags: list[str]


def listed_contacts(values: Iterable[Any]) -> list[ListedContact]:
    """The rows of ``contacts_of(…, for_list=True)`` (or a page of them) with each
    contact's tags' names in the tags' order, read in one query: what the list page
    shows, without a model instance per contact and per tag."""
    values = list(values)
    tags: dict[int, list[str]] = {}
    if values:
        # ``Contact.tags.through.objects.filter(contact_id__in=…).order_by("tag__name",
        # "tag_id").values_list("contact_id", "tag__name")`` written out: building that
        # queryset cost more than running it.
        link, tag = statements.table(Contact.tags.through), statements.table(Tag)
        marks = ", ".join(["%s"] * len(values))
        sql = (
            f"SELECT l.contact_id, t.name FROM {link} l"  # noqa: S608 -- the models' tables, values bound
            f" INNER JOIN {tag} t ON t.id = l.tag_id WHERE l.contact_id IN ({marks})"
            " ORDER BY t.name, l.tag_id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [row[0] for row in values])
            for contact_id, name in cursor.fetchall():
                tags.setdefault(contact_id, []).append(name)
    return [
        ListedContact(pk, member_id, name, company, role, last, strength, tags.get(pk, []))
        for pk, _owner_id, member_id, name, company, role, last, strength in values
    ]


def own_contact(*, owner: User, contact_id: int) -> Contact:
    return (
        Contact.objects.select_related("member__profile", "met_event", "introducer")
        .prefetch_related("tags")
        .get(pk=contact_id, owner=owner)
    )


def timeline(contact: Contact) -> QuerySet[Interaction]:
    return contact.interactions.all().order_by("-happened_on", "-created_at", "-pk")


def own_interaction(*, owner: User, interaction_id: int) -> Interaction:
    return Interaction.objects.select_related("contact").get(
        pk=interaction_id, contact__owner=owner
    )


def tags_of(owner: User) -> QuerySet[Tag]:
    return Tag.objects.filter(owner=owner).order_by("name")


def tag_names_of(owner: User) -> list[str]:
    """The names of ``tags_of(owner)``, in its order (what the list page's filter shows)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name FROM {statements.table(Tag)} WHERE owner_id = %s ORDER BY name",  # noqa: S608 -- the model's table, values bound
            [owner.pk],
        )
        return [name for (name,) in cursor.fetchall()]


# --- Keep in touch ------------------------------------------------------------------------


@dataclass(frozen=True)
class Cadence:
    contact: Contact
    ideal_days: int | None
    max_days: int | None
    since: date
    ideal_due: date | None
    max_due: date | None

    @property
    def overdue_days(self) -> int:
        if self.max_due is None:
            return 0
        return (timezone.localdate() - self.max_due).days


def touch_intervals(
    ideal: int | None,
    maximum: int | None,
    tag_ideal: int | None,
    tag_max: int | None,
) -> tuple[int | None, int | None]:
    """(ideal, maximum) days: the contact's own, else the tightest of its tags' (``tag_*``:
    the smallest non-zero one, None when no tag has one), a missing one from the other."""
    if ideal is None:
        ideal = tag_ideal
    if maximum is None:
        maximum = tag_max
    if maximum is None and ideal is not None:
        maximum = ideal * 2
    if ideal is None and maximum is not None:
        ideal = maximum
    return ideal, maximum


def cadence(contact: Contact) -> Cadence:
    """The contact's own cadence, else the tightest among its tags (tags prefetched)."""
    tags = list(contact.tags.all())
    ideal, maximum = touch_intervals(
        contact.ideal_days,
        contact.max_days,
        min((t.ideal_days for t in tags if t.ideal_days), default=None),
        min((t.max_days for t in tags if t.max_days), default=None),
    )
    since = contact.since()
    return Cadence(
        contact,
        ideal,
        maximum,
        since,
        # A row written around the services may hold any interval: never overflow.
        add_days(since, ideal) if ideal else None,
        add_days(since, maximum) if maximum else None,
    )


def keep_in_touch(owner: User) -> list[Cadence]:
    """Everyone with a cadence, soonest due first."""
    contacts = Contact.objects.filter(owner=owner).prefetch_related(
        Prefetch("tags", queryset=Tag.objects.all())
    )
    rows = [cadence(c) for c in contacts]
    return sorted((r for r in rows if r.ideal_due), key=lambda r: (r.ideal_due, r.contact.name))


def losing_touch(owner: User, *, today: date | None = None) -> list[Cadence]:
    """People past their maximum interval, the longest overdue first."""
    today = today or timezone.localdate()
    return sorted(
        (r for r in keep_in_touch(owner) if r.max_due and r.max_due < today),
        key=lambda r: (r.max_due, r.contact.name),
    )


def losing_touch_count(owner: User, *, today: date | None = None) -> int:
    """``len(losing_touch(owner))`` from one query of the few fields the cadence reads,
    the tags' tightest intervals taken in the database (no contact or tag is loaded)."""
    today = today or timezone.localdate()
    rows = (
        Contact.objects.filter(owner=owner)
        .annotate(
            tag_ideal=Min("tags__ideal_days", filter=Q(tags__ideal_days__gt=0)),
            tag_max=Min("tags__max_days", filter=Q(tags__max_days__gt=0)),
        )
        .values_list(
            "ideal_days",
            "max_days",
            "tag_ideal",
            "tag_max",
            "last_interaction_on",
            "met_on",
            "created_at",
        )
    )
    count = 0
    for ideal, maximum, tag_ideal, tag_max, last, met_on, created_at in rows:
        ideal, maximum = touch_intervals(ideal, maximum, tag_ideal, tag_max)
        # ``keep_in_touch`` lists only those with an ideal interval.
        if ideal and maximum:
            # As ``Contact.since``: the last interaction, else the day we met, else the
            # day the contact was added.
            since = last or met_on or created_at.date()
            if add_days(since, maximum) < today:
                count += 1
    return count
