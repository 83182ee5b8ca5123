"""Ledger reads shared by pages, the API, goals, ROI and trust.

A member's balance is theirs alone: every function here takes the viewing member
and looks only at entries they are a side of.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection as db_connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Connection
from mensch.connections.selectors import connected_ids
from mensch.contacts.models import Contact
from mensch.core import statements
from mensch.core.markup import url_for_ids
from mensch.ledger.charts import LineChart, line_chart
from mensch.ledger.models import (
    STATUS_ORDER,
    EntryStatus,
    LedgerEntry,
    Pledge,
    ReferralExchange,
)
from mensch.meetings.models import Meeting
from mensch.phrasing import with_article
from mensch.profiles.models import Profile
from mensch.trust.interactions import Favour

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
COUNTED = STATUS_ORDER[STATUS_ORDER.index(EntryStatus.DELIVERED) :]


# -- business closed: the one definition ------------------------------------------
#
# Used by the ROI page and its per-event page, the ROI API and CSV export, and the
# "new clients" and "value of business closed" goals. Nothing else sums entry values.

CLOSED_BY_YOU = "Business you closed"
CREDITED_TO_YOU = "Business credited to you"


def closed_business(entry: LedgerEntry) -> bool:
    """An entry counts as business closed when its receiver recorded it as closed with a
    value (``services.ledger_entry_close``); nothing else carries a value."""
    return entry.status == EntryStatus.CLOSED and entry.value is not None


@dataclass
class Business:
    """Business closed, seen from one member, per currency (never converted).

    * ``closed``: entries the member *received* (a referral, an introduction…) and closed
      business from: what the member won. Shown as "Business you closed".
    * ``credited``: entries the member *gave* and the receiver closed business from:
      credited to the member as the giver or referrer. Shown as "Business credited to
      you".
    * ``deals``: how many entries are in ``closed`` (the "new clients" count).

    Every page and API route that shows either figure shows both, with these labels, so
    a member who only referred business reads "0 closed, 2,400 EUR credited", never a
    bare "0 EUR business closed".
    """

    closed: dict[str, Decimal] = field(default_factory=dict)
    credited: dict[str, Decimal] = field(default_factory=dict)
    deals: int = 0

    def add(self, entry: LedgerEntry, member_id: int) -> None:
        """Count ``entry`` for ``member_id`` when it is business closed."""
        if not closed_business(entry) or entry.value is None:
            return
        if entry.receiver_id == member_id:
            self.closed[entry.currency] = self.closed.get(entry.currency, Decimal(0)) + entry.value
            self.deals += 1
        elif entry.giver_id == member_id:
            self.credited[entry.currency] = (
                self.credited.get(entry.currency, Decimal(0)) + entry.value
            )

    def merge(self, other: Business) -> None:
        for mine, theirs in ((self.closed, other.closed), (self.credited, other.credited)):
            for currency, value in theirs.items():
                mine[currency] = mine.get(currency, Decimal(0)) + value
        self.deals += other.deals


def business_of(member_id: int, entries: Iterable[LedgerEntry]) -> Business:
    """Business closed and credited for ``member_id`` over ``entries``."""
    business = Business()
    for entry in entries:
        business.add(entry, member_id)
    return business


def entries_of(member: User) -> QuerySet[LedgerEntry]:
    return LedgerEntry.objects.filter(Q(giver=member) | Q(receiver=member)).select_related(
        "giver__profile", "receiver__profile"
    )


def own_entry(*, member: User, entry_id: int) -> LedgerEntry:
    """An entry the member gave or received; DoesNotExist for anyone else."""
    return entries_of(member).get(pk=entry_id)


def verified_entries() -> QuerySet[LedgerEntry]:
    """Entries between two members that the receiver confirmed: what trust builds on."""
    return LedgerEntry.objects.filter(
        verified_at__isnull=False, giver__isnull=False, receiver__isnull=False
    )


def verified_favours(pair: tuple[int, int] | None = None) -> list[Favour]:
    """Verified entries as the trust app reads them (installed in ``LedgerConfig.ready()``):
    all of them, or those between the two members of ``pair``. The credit for a brokered
    introduction is left out: accepting an introduction is a yes to talking, not a favour
    confirmed, and the introducer earns trust only once the two met (``trust.interactions``)."""
    entries = verified_entries().exclude(source=LedgerEntry.Source.INTRODUCTION)
    if pair is not None:
        a, b = pair
        entries = entries.filter(Q(giver_id=a, receiver_id=b) | Q(giver_id=b, receiver_id=a))
    rows = entries.order_by("pk").values_list("pk", "giver_id", "receiver_id", "verified_at")
    return [
        Favour(id=pk, giver_id=giver_id, receiver_id=receiver_id, verified_at=verified_at)
        for pk, giver_id, receiver_id, verified_at in rows
        if verified_at is not None  # always: verified_entries() asks for it
    ]


@dataclass(frozen=True)
class PersonBalance:
    key: str
    name: str
    profile_id: int | None
    given: int
    received: int
    received_kinds: tuple[str, ...]
    url: str = ""  # their profile's page, where they are a member

    @property
    def net(self) -> int:
        return self.given - self.received


@dataclass(frozen=True)
class Balance:
    given: int
    received: int
    people: list[PersonBalance]
    prompts: list[str]
    chart: LineChart | None


def _word(number: int) -> str:
    return NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else str(number)


def thanks_prompt(person: PersonBalance) -> str:
    kinds = set(person.received_kinds)
    noun = f"{kinds.pop()}s" if len(kinds) == 1 else "favours"
    first = person.name.split(" ")[0]
    return (
        f"You've received {_word(person.received)} {noun} from {first}; "
        f"is there something you could offer?"
    )


def _month_labels(months: int, today: date) -> list[tuple[int, int]]:
    year, month = today.year, today.month
    keys = []
    for _ in range(months):
        keys.append((year, month))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(keys))


@dataclass
class _Tally:
    name: str
    profile_id: int | None
    given: int = 0
    received: int = 0
    kinds: list[str] = field(default_factory=list)


# The columns the ledger page and the balance read, as plain values: no model instances
# (the page lists up to 100 entries and the balance reads every counted one).
_ROW_FIELDS = (
    "pk",
    "kind",
    "status",
    "giver_id",
    "receiver_id",
    "counterpart_name",
    "delivered_at",
    "created_at",
    "verified_at",
    "value",
    "currency",
    "giver__first_name",
    "giver__last_name",
    "giver__profile__id",
    "receiver__first_name",
    "receiver__last_name",
    "receiver__profile__id",
)
_KIND_LABELS = dict(LedgerEntry._meta.get_field("kind").flatchoices)
_STATUS_LABELS = dict(LedgerEntry._meta.get_field("status").flatchoices)


def _entry_rows(member: User, statuses: list[str] | None = None) -> list[dict[str, Any]]:
    """The member's entries (newest first, as ``entries_of``) as dicts of ``_ROW_FIELDS``."""
    sql = _entry_sql(db_connection.vendor)
    params: list[Any] = [member.pk, member.pk]
    if statuses is not None:
        marks = ", ".join(["%s"] * len(statuses))
        sql = sql.replace("/* statuses */", f" AND l.status IN ({marks})")
        params += statuses
    with db_connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    readers = _entry_readers(db_connection.vendor)
    found = []
    for row in rows:
        values = list(row)
        for position, convert in readers:
            values[position] = convert(values[position])
        found.append(dict(zip(_ROW_FIELDS, values, strict=True)))
    return found


@functools.cache
def _entry_sql(vendor: str) -> str:
    """``_entry_rows``'s statement (``LedgerEntry.objects.filter(Q(giver=member) |
    Q(receiver=member)).values(*_ROW_FIELDS)`` written out: building that queryset cost
    more than running it); ``/* statuses */`` marks where a status filter goes."""
    del vendor  # the cache's key: names are quoted for the database
    entry, user, profile = (
        statements.table(LedgerEntry),
        statements.table(User),
        statements.table(Profile),
    )
    return (
        "SELECT l.id, l.kind, l.status, l.giver_id, l.receiver_id, l.counterpart_name,"  # noqa: S608 -- tables from the models, values bound
        " l.delivered_at, l.created_at, l.verified_at, l.value, l.currency,"
        " g.first_name, g.last_name, gp.id, r.first_name, r.last_name, rp.id"
        f" FROM {entry} l LEFT OUTER JOIN {user} g ON g.id = l.giver_id"
        f" LEFT OUTER JOIN {user} r ON r.id = l.receiver_id"
        f" LEFT OUTER JOIN {profile} gp ON gp.user_id = g.id"
        f" LEFT OUTER JOIN {profile} rp ON rp.user_id = r.id"
        " WHERE (l.giver_id = %s OR l.receiver_id = %s)/* statuses */"
        # LedgerEntry.Meta.ordering
        " ORDER BY l.created_at DESC, l.id DESC"
    )


@functools.cache
def _entry_readers(vendor: str) -> list[tuple[int, Callable[[Any], Any]]]:
    """(column, converter) of each column of ``_entry_sql`` the ORM converts."""
    del vendor  # the cache's key: converters differ by database
    found = []
    for position, name in (
        (6, "delivered_at"),
        (7, "created_at"),
        (8, "verified_at"),
        (9, "value"),
    ):
        convert = statements.column_converter(LedgerEntry, name)
        if convert is not None:
            found.append((position, convert))
    return found


def _other_side(row: dict[str, Any], member_id: int) -> str:
    """``LedgerEntry.counterpart_of``'s side of the row: "receiver" when the member gave."""
    return "receiver" if row["giver_id"] == member_id else "giver"


def _row_label(row: dict[str, Any], side: str) -> str:
    """``LedgerEntry.counterpart_label``: the other member's name (``User.name``), or the
    name recorded when the other side is not a member."""
    if row[f"{side}_id"] is None:
        return str(row["counterpart_name"])
    return f"{row[f'{side}__first_name']} {row[f'{side}__last_name']}".strip()


@dataclass(frozen=True)
class LedgerRow:
    """One entry as the ledger page lists it, its sentence written once in Python."""

    pk: int
    sentence: str
    status_label: str
    is_verified: bool
    value: Decimal | None
    currency: str
    created_at: datetime
    url: str = ""


def _ledger_row(row: dict[str, Any], member_id: int, url: Callable[[int], str]) -> LedgerRow:
    kind = with_article(str(_KIND_LABELS.get(row["kind"], row["kind"])))
    if row["giver_id"] == member_id:
        sentence = f"You gave {kind} to {_row_label(row, 'receiver')}"
    else:
        sentence = f"You received {kind} from {_row_label(row, 'giver')}"
    return LedgerRow(
        pk=row["pk"],
        sentence=sentence,
        status_label=str(_STATUS_LABELS.get(row["status"], row["status"])),
        is_verified=row["verified_at"] is not None,
        value=row["value"],
        currency=row["currency"],
        created_at=row["created_at"],
        url=url(row["pk"]),
    )


def ledger_page(member: User, *, limit: int = 100) -> tuple[Balance, list[LedgerRow]]:
    """The ledger page's balance and its newest ``limit`` entries, from one query."""
    rows = _entry_rows(member)
    counted = [row for row in rows if row["status"] in COUNTED]
    url = url_for_ids("ledger_entry")
    return _balance(member.pk, counted, 12, True), [
        _ledger_row(row, member.pk, url) for row in rows[:limit]
    ]


def balance_of(member: User, *, months: int = 12, chart: bool = True) -> Balance:
    """Given and received (delivered or later), per person, over time, with prompts
    (``chart=False``: without the chart, for readers that do not show it)."""
    return _balance(member.pk, _entry_rows(member, COUNTED), months, chart)


def _balance(member_id: int, rows: list[dict[str, Any]], months: int, chart: bool) -> Balance:
    per_person: dict[str, _Tally] = {}
    monthly: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    given = received = 0
    for entry in rows:
        side = _other_side(entry, member_id)
        is_given = side == "receiver"
        other_id = entry[f"{side}_id"]
        key = f"m{other_id}" if other_id is not None else f"n{entry['counterpart_name'].lower()}"
        row = per_person.get(key)
        if row is None:
            row = per_person[key] = _Tally(
                name=_row_label(entry, side),
                profile_id=entry[f"{side}__profile__id"] if other_id is not None else None,
            )
        when = timezone.localdate(entry["delivered_at"] or entry["created_at"])
        if is_given:
            given += 1
            row.given += 1
            monthly[(when.year, when.month)][0] += 1
        else:
            received += 1
            row.received += 1
            row.kinds.append(entry["kind"])
            monthly[(when.year, when.month)][1] += 1
    profile_url = url_for_ids("member_detail")
    people = sorted(
        (
            PersonBalance(
                key,
                r.name,
                r.profile_id,
                r.given,
                r.received,
                tuple(r.kinds),
                profile_url(r.profile_id) if r.profile_id else "",
            )
            for key, r in per_person.items()
        ),
        key=lambda p: (p.net, p.name),
    )
    prompts = [thanks_prompt(p) for p in people if p.received >= 2 and p.received - p.given >= 2][
        :3
    ]
    return Balance(
        given, received, people, prompts, _chart(monthly, months) if rows and chart else None
    )


def _chart(monthly: dict[tuple[int, int], list[int]], months: int) -> LineChart:
    keys = _month_labels(months, timezone.localdate())
    given_total = sum(v[0] for k, v in monthly.items() if k < keys[0])
    received_total = sum(v[1] for k, v in monthly.items() if k < keys[0])
    given_line, received_line = [], []
    for key in keys:
        given_total += monthly.get(key, [0, 0])[0]
        received_total += monthly.get(key, [0, 0])[1]
        given_line.append(float(given_total))
        received_line.append(float(received_total))
    labels = [date(y, m, 1).strftime("%b %Y") for y, m in keys]
    return line_chart(
        title="What you gave and received, in total, month by month",
        labels=labels,
        series=[("Given", "given", given_line), ("Received", "received", received_line)],
    )


# Referral exchanges ------------------------------------------------------------


@dataclass(frozen=True)
class PledgeView:
    referral_name: str
    reason: str
    created_at: datetime


@dataclass(frozen=True)
class ExchangeView:
    """An exchange as one side sees it: their own pledge, and the other's only once released."""

    exchange: ReferralExchange
    other: User
    status: str
    status_label: str
    mine: PledgeView | None
    theirs: PledgeView | None
    they_pledged: bool

    @property
    def is_open(self) -> bool:
        return self.status == ReferralExchange.Status.OPEN


def _exchanges_visible_to(member: User) -> QuerySet[ReferralExchange]:
    return ReferralExchange.objects.filter(Q(proposer=member) | Q(partner=member)).select_related(
        "proposer__profile", "partner__profile"
    )


def _effective_status(exchange: ReferralExchange) -> str:
    # Lazy expiry: an open exchange past its date reads as expired before the task runs.
    if exchange.status == ReferralExchange.Status.OPEN and exchange.expires_at <= timezone.now():
        return ReferralExchange.Status.EXPIRED
    return exchange.status


def _view(member: User, exchange: ReferralExchange, pledges: list[Pledge]) -> ExchangeView:
    status = _effective_status(exchange)
    mine = next((p for p in pledges if p.member_id == member.pk), None)
    theirs = next((p for p in pledges if p.member_id != member.pk), None)
    released = status == ReferralExchange.Status.RELEASED
    other = exchange.partner if exchange.proposer_id == member.pk else exchange.proposer

    def show(p: Pledge | None) -> PledgeView | None:
        return PledgeView(p.referral_name, p.reason, p.created_at) if p is not None else None

    return ExchangeView(
        exchange=exchange,
        other=other,
        status=status,
        status_label=ReferralExchange.Status(status).label,
        mine=show(mine),
        # The seal: the other side's words exist only after release.
        theirs=show(theirs) if released else None,
        they_pledged=theirs is not None,
    )


def exchanges_of(member: User, *, limit: int | None = 100) -> list[ExchangeView]:
    exchanges = list(_exchanges_visible_to(member)[:limit])
    pledges: dict[int, list[Pledge]] = defaultdict(list)
    for pledge in Pledge.objects.filter(exchange__in=exchanges):
        pledges[pledge.exchange_id].append(pledge)
    return [_view(member, e, pledges[e.pk]) for e in exchanges]


def own_exchange(*, member: User, exchange_id: int) -> ExchangeView:
    exchange = _exchanges_visible_to(member).get(pk=exchange_id)
    return _view(member, exchange, list(exchange.pledges.all()))


# (this side, the other side) of a pair stored once, low id first.
_SIDES = (("member_low_id", "member_high_id"), ("member_high_id", "member_low_id"))


@functools.cache
def _choices_sql() -> str:
    """The record form's two lists in one statement: the profiles of the member's
    connections and of the people they met (active members only), then their own contacts
    in ``contact_choices``'s order."""
    profile, user = statements.table(Profile), statements.table(User)
    connection, meeting, contact = (
        statements.table(Connection),
        statements.table(Meeting),
        statements.table(Contact),
    )
    others = " UNION ".join(
        f"SELECT {other} FROM {table} WHERE {side} = %(member)s"  # noqa: S608 -- the models' names
        for table in (connection, meeting)
        for side, other in _SIDES
    )
    return (
        f"SELECT 0, p.id, u.first_name, u.last_name FROM {profile} p"  # noqa: S608 -- the models' names
        f" INNER JOIN {user} u ON u.id = p.user_id"
        f" WHERE u.is_active = %(active)s AND p.user_id IN ({others})"
        f" UNION ALL SELECT 1, c.id, c.name, '' FROM {contact} c WHERE c.owner_id = %(member)s"
        " ORDER BY 1, 3, 2"
    )


def record_choices(member: User) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """``counterpart_choices`` and ``contact_choices`` in one query, for the record form."""
    with db_connection.cursor() as cursor:
        cursor.execute(_choices_sql(), {"member": member.pk, "active": True})
        rows = cursor.fetchall()
    people = [(pk, f"{first} {last}".strip()) for part, pk, first, last in rows if part == 0]
    contacts = [(pk, name) for part, pk, name, _ in rows if part == 1]
    return sorted(people, key=lambda c: c[1]), contacts


def counterpart_choices(member: User) -> list[tuple[int, str]]:
    """Connections and people the member met: whom entries can name as a member."""
    ids = connected_ids(member)
    for low, high in Meeting.objects.filter(
        Q(member_low=member) | Q(member_high=member)
    ).values_list("member_low_id", "member_high_id"):
        ids.add(high if low == member.pk else low)
    profiles = Profile.objects.filter(user_id__in=ids, user__is_active=True).values_list(
        "pk", "user__first_name", "user__last_name"
    )
    # ``User.name``, without building a profile and a user per person.
    return sorted(
        ((pk, f"{first} {last}".strip()) for pk, first, last in profiles), key=lambda c: c[1]
    )


def contact_choices(member: User) -> list[tuple[int, str]]:
    """The member's own contact records, for naming the other side of an entry."""
    return list(
        Contact.objects.filter(owner=member).order_by("name", "pk").values_list("pk", "name")
    )
