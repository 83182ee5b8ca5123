"""What the dashboard and the front page show."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.models import Block
from mensch.core import statements
from mensch.core.cached import cached, key_part, store
from mensch.core.cards import DashboardCard
from mensch.core.markup import url_for_ids
from mensch.core.registry import contributions
from mensch.events.models import Event
from mensch.introductions.models import Decision, Introduction
from mensch.ledger.models import Pledge, ReferralExchange
from mensch.matching.selectors import PersonToMeet, people_to_meet
from mensch.meetings.models import MeetingTick
from mensch.profiles.models import Ask, Offer, Profile
from mensch.profiles.selectors import visible_profiles

PEOPLE_ON_DASHBOARD = 3
WAITING_LIMIT = 10

# "Your community": the worker counts exactly every few minutes and keeps the figures for
# an hour; a request that finds none counts exactly only while the community is small
# (counting is then cheap), else shows the planner's estimates until the worker's turn.
FIGURES_KEY = "community-figures"
FIGURES_REQUEST_SECONDS = 60
FIGURES_WORKER_SECONDS = 3600
EXACT_COUNTS_BELOW = 20_000
# "New in <city>": the newest members of a city, shared by everyone there; each viewer's
# own profile and blocks are taken out after reading. Saving a profile renews its city.
NEARBY_SHOWN = 5
NEARBY_KEPT = 25
NEARBY_SECONDS = 600


@dataclass(frozen=True)
class WaitingItem:
    """One thing that needs this member's answer, with the link that answers it."""

    kind: str
    text: str
    url: str
    action: str


@dataclass(frozen=True)
class Step:
    label: str
    done: bool
    url_name: str


def exact_figures() -> dict[str, int]:
    """Four counts over the whole community: for the worker, or a small community."""
    visible = visible_profiles()
    return {
        "members": visible.count(),
        "industries": visible.exclude(industry="").values("industry").distinct().count(),
        "asks": Ask.objects.filter(profile__in=visible).count(),
        "offers": Offer.objects.filter(profile__in=visible).count(),
    }


def estimated_figures() -> dict[str, int] | None:
    """PostgreSQL's own statistics (kept by ``ANALYZE``): one catalogue read, no table
    scanned. Hidden and inactive members are in them. None where there are none."""
    if connection.vendor != "postgresql":
        return None
    tables = [Profile._meta.db_table, Ask._meta.db_table, Offer._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)),"
            " (SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)),"
            " (SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)),"
            " (SELECT n_distinct FROM pg_stats WHERE schemaname = current_schema()"
            "  AND tablename = %s AND attname = 'industry')",
            [*tables, tables[0]],
        )
        members, asks, offers, distinct = cursor.fetchone()
    if members is None or members < 0 or asks is None or offers is None or distinct is None:
        return None  # never analysed
    industries = distinct if distinct >= 0 else -distinct * members
    return {
        "members": round(members),
        "industries": round(industries),
        "asks": round(max(asks, 0)),
        "offers": round(max(offers, 0)),
    }


def _figures_for_request() -> dict[str, int]:
    estimate = estimated_figures()
    if estimate is None or estimate["members"] < EXACT_COUNTS_BELOW:
        return exact_figures()
    return estimate


def community_figures() -> dict[str, int]:
    """Members, industries, asks and offers: from the cache, never a full count at scale."""
    return cached(FIGURES_KEY, _figures_for_request, timeout=FIGURES_REQUEST_SECONDS)


def community_figures_refresh() -> dict[str, int]:
    """The worker's periodic job: exact figures, for every process to read."""
    return store(FIGURES_KEY, exact_figures(), timeout=FIGURES_WORKER_SECONDS)


def city_version(city: str) -> str:
    return f"city:{key_part(city)}"


def _newest_in(city: str) -> list[int]:
    return list(
        visible_profiles()
        .filter(location=city)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)[:NEARBY_KEPT]
    )


@dataclass(frozen=True)
class Nearby:
    """A newcomer in the member's city, as "New in <city>" lists them."""

    pk: int
    name: str
    headline: str


@functools.cache
def _nearby_sql(ids: int) -> str:
    visible, _ = statements.where_once(visible_profiles)
    profile_table, user_table, block = (
        statements.table(Profile),
        statements.table(User),
        statements.table(Block),
    )
    marks = ", ".join(["%s"] * ids)
    return (
        f"SELECT {profile_table}.id, {profile_table}.headline,"  # noqa: S608 -- tables from the models, values bound
        f" {user_table}.first_name, {user_table}.last_name FROM {profile_table}"
        f" INNER JOIN {user_table} ON {user_table}.id = {profile_table}.user_id"
        f" WHERE {profile_table}.id IN ({marks}) AND {profile_table}.location = %s"
        f" AND {visible}"
        f" AND NOT EXISTS (SELECT 1 FROM {block} b WHERE b.blocker_id = %s"
        f" AND b.blocked_id = {profile_table}.user_id)"
        f" AND NOT EXISTS (SELECT 1 FROM {block} b WHERE b.blocked_id = %s"
        f" AND b.blocker_id = {profile_table}.user_id)"
    )


def newest_nearby(member: User, profile: OwnProfileRow) -> list[Nearby]:
    """The newest visible members in the member's city, without the member and anyone
    either side blocked; the shared list of ids comes from the cache, the rows (and who is
    still visible and still there) from the database."""
    city = profile.location
    if not city:
        return []
    ids = cached(
        f"newest-in:{key_part(city)}",
        lambda: _newest_in(city),
        version_key=city_version(city),
        timeout=NEARBY_SECONDS,
    )
    ids = [pk for pk in ids if pk != profile.pk]
    if not ids:
        return []
    _, params = statements.where_once(visible_profiles)
    with connection.cursor() as cursor:
        cursor.execute(_nearby_sql(len(ids)), [*ids, city, *params, member.pk, member.pk])
        rows = cursor.fetchall()
    by_id = {
        pk: Nearby(pk, f"{first_name} {last_name}".strip(), headline)
        for pk, headline, first_name, last_name in rows
    }
    return [by_id[pk] for pk in ids if pk in by_id][:NEARBY_SHOWN]


@dataclass(frozen=True)
class OwnProfileRow:
    """The fields of the member's own profile the dashboard reads."""

    pk: int
    headline: str
    location: str
    languages: str
    goals: str


@dataclass(frozen=True)
class OwnItem:
    """One of the member's asks or offers, as the dashboard lists it."""

    pk: int
    kind: str
    kind_label: str
    text: str


@dataclass(frozen=True)
class OwnProfile:
    """The member's profile as the dashboard shows it: the fields it reads, and the asks
    and offers in their order."""

    profile: OwnProfileRow
    asks: list[OwnItem]
    offers: list[OwnItem]


@functools.cache
def _own_profile_sql() -> str:
    profile, ask, offer = statements.table(Profile), statements.table(Ask), statements.table(Offer)
    items = (
        "SELECT {side}, i.id, i.kind, i.text, NULL, NULL, i.position FROM {table} i"  # noqa: S608
        f" INNER JOIN {profile} p ON p.id = i.profile_id WHERE p.user_id = %(member)s"
    )
    return (
        "SELECT 0, p.id, p.headline, p.location, p.languages, p.goals, 0"  # noqa: S608
        f" FROM {profile} p WHERE p.user_id = %(member)s"
        f" UNION ALL {items.format(side=1, table=ask)}"
        f" UNION ALL {items.format(side=2, table=offer)}"
        " ORDER BY 1, 7, 2"
    )


@functools.cache
def _kind_labels() -> dict[str, str]:
    """What ``get_kind_display`` shows for each kind (asks and offers share
    ``ProfileItem.kind``)."""
    field = Ask._meta.get_field("kind")
    return {str(kind): str(label) for kind, label in field.flatchoices}


def own_profile_items(user: User) -> OwnProfile:
    """The member's profile, asks and offers in one query (``own_profile`` takes three).
    Raises Profile.DoesNotExist where the member has none."""
    with connection.cursor() as cursor:
        cursor.execute(_own_profile_sql(), {"member": user.pk})
        rows = cursor.fetchall()
    if not rows or rows[0][0] != 0:
        raise Profile.DoesNotExist
    _, pk, headline, location, languages, goals, _ = rows[0]
    profile = OwnProfileRow(pk, headline, location, languages, goals)
    labels = _kind_labels()
    asks: list[OwnItem] = []
    offers: list[OwnItem] = []
    for side, item_id, kind, text, _, _, _ in rows[1:]:
        item = OwnItem(item_id, kind, labels.get(kind, kind), text)
        (asks if side == 1 else offers).append(item)
    return OwnProfile(profile, asks, offers)


def profile_steps(own: OwnProfile) -> list[Step]:
    profile = own.profile
    return [
        Step(
            "Say who you are and what you do in one sentence",
            bool(profile.headline),
            "profile_edit",
        ),
        Step("Add at least one thing you ask for", bool(own.asks), "profile_edit"),
        Step("Add at least one thing you can offer", bool(own.offers), "profile_edit"),
        Step("Write down your networking goals", bool(profile.goals), "profile_edit"),
        Step(
            "Tell people where you are and which languages you speak",
            bool(profile.location and profile.languages),
            "profile_edit",
        ),
    ]


def dashboard_cards(member: User) -> list[DashboardCard]:
    """The cards the apps contribute, in each app's ``dashboard_order``."""
    found = sorted(contributions("dashboard"), key=lambda pair: pair[0].dashboard_order)
    cards = (module.card(member) for _, module in found)
    return [card for card in cards if card is not None]


@functools.cache
def _waiting_sql() -> str:
    """What waits for the member, in one statement: three lists, each in its own order and
    cut at ``WAITING_LIMIT``, one after the other. Written out rather than built by the ORM
    (building the three querysets took longer than running them). Each row: its list
    (1 introductions, 2 referral exchanges, 3 meetings), its place in that list, the other
    member's name, and what the text and the link need: the introducer's name, or the
    event's title and id and the other member's profile."""
    introduction, exchange, pledge = (
        statements.table(Introduction),
        statements.table(ReferralExchange),
        statements.table(Pledge),
    )
    tick, block, user, profile, event = (
        statements.table(MeetingTick),
        statements.table(Block),
        statements.table(User),
        statements.table(Profile),
        statements.table(Event),
    )
    columns = "part, created_at, id, first_name, last_name, extra_a, extra_b, extra_id, profile_id"
    return (
        f"SELECT {columns} FROM ("  # noqa: S608 -- tables from the models, values bound
        # Introduction requests to the member, and brokered introductions either side of
        # which is the member's to answer.
        "SELECT 1 AS part, i.created_at, i.id, other.first_name, other.last_name,"
        " broker.first_name AS extra_a, broker.last_name AS extra_b,"
        " CAST(NULL AS INTEGER) AS extra_id, CAST(NULL AS INTEGER) AS profile_id"
        " FROM (SELECT i.id, i.created_at, i.introducer_id, CASE WHEN i.requester_id ="
        " %(member)s THEN i.recipient_id ELSE i.requester_id END AS other_id"
        f" FROM {introduction} i"
        " WHERE i.status = %(intro_pending)s AND i.expires_at > %(now)s"
        " AND ((i.recipient_id = %(member)s AND i.recipient_decision = %(decision_pending)s)"
        " OR (i.requester_id = %(member)s AND i.requester_decision = %(decision_pending)s"
        " AND i.introducer_id IS NOT NULL))"
        " ORDER BY i.created_at, i.id LIMIT %(limit)s) i"
        f" INNER JOIN {user} other ON other.id = i.other_id"
        f" LEFT OUTER JOIN {user} broker ON broker.id = i.introducer_id) AS introductions"
        f" UNION ALL SELECT {columns} FROM ("
        # Open referral exchanges without the member's pledge.
        "SELECT 2 AS part, x.created_at, x.id, other.first_name, other.last_name,"
        " NULL AS extra_a, NULL AS extra_b,"
        " CAST(NULL AS INTEGER) AS extra_id, CAST(NULL AS INTEGER) AS profile_id"
        " FROM (SELECT x.id, x.created_at, CASE WHEN x.proposer_id = %(member)s"
        f" THEN x.partner_id ELSE x.proposer_id END AS other_id FROM {exchange} x"
        " WHERE (x.proposer_id = %(member)s OR x.partner_id = %(member)s)"
        " AND x.status = %(exchange_open)s AND x.expires_at > %(now)s"
        f" AND NOT EXISTS (SELECT 1 FROM {pledge} p"
        " WHERE p.exchange_id = x.id AND p.member_id = %(member)s)"
        " ORDER BY x.created_at, x.id LIMIT %(limit)s) x"
        f" INNER JOIN {user} other ON other.id = x.other_id) AS exchanges"
        f" UNION ALL SELECT {columns} FROM ("
        # Meetings the other side confirmed (at an event, or anywhere) and the member did
        # not, with no block either way.
        "SELECT 3 AS part, t.created_at, t.id, other.first_name, other.last_name,"
        " e.title AS extra_a, NULL AS extra_b, t.event_id AS extra_id, pr.id AS profile_id"
        " FROM (SELECT t.id, t.created_at, t.member_id, t.event_id"
        f" FROM {tick} t WHERE t.other_id = %(member)s"
        f" AND t.member_id NOT IN (SELECT b.blocked_id FROM {block} b"
        " WHERE b.blocker_id = %(member)s"
        f" UNION ALL SELECT b.blocker_id FROM {block} b WHERE b.blocked_id = %(member)s)"
        f" AND NOT EXISTS (SELECT 1 FROM {tick} back WHERE back.member_id = %(member)s"
        " AND back.other_id = t.member_id AND back.event_id = t.event_id)"
        f" AND NOT (t.event_id IS NULL AND EXISTS (SELECT 1 FROM {tick} back"
        " WHERE back.member_id = %(member)s AND back.other_id = t.member_id"
        " AND back.event_id IS NULL))"
        " ORDER BY t.created_at, t.id LIMIT %(limit)s) t"
        f" INNER JOIN {user} other ON other.id = t.member_id"
        f" LEFT OUTER JOIN {profile} pr ON pr.user_id = t.member_id"
        f" LEFT OUTER JOIN {event} e ON e.id = t.event_id) AS meetings"
        " ORDER BY 1, 2, 3"
    )


def _name(first_name: str, last_name: str) -> str:
    return User(first_name=first_name, last_name=last_name).name


def waiting_for(member: User) -> list[WaitingItem]:
    """Everything that waits for this member's answer and for nobody else's: introduction
    requests, brokered introductions, referral exchanges without their pledge, meetings the
    other side confirmed. One query."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params = {
        "member": member.pk,
        "now": now,
        "limit": WAITING_LIMIT,
        "intro_pending": Introduction.Status.PENDING.value,
        "decision_pending": Decision.PENDING.value,
        "exchange_open": ReferralExchange.Status.OPEN.value,
    }
    with connection.cursor() as cursor:
        cursor.execute(_waiting_sql(), params)
        rows = cursor.fetchall()
    introductions_url = reverse("introductions") + "#awaiting-h"
    items = []
    for part, _, pk, first_name, last_name, extra_a, extra_b, extra_id, profile_id in rows:
        other = _name(first_name, last_name)
        if part == 1 and extra_a is not None:
            text = f"{_name(extra_a, extra_b)} introduces you to {other}."
            items.append(WaitingItem("Introduction", text, introductions_url, "Accept or decline"))
        elif part == 1:
            items.append(
                WaitingItem(
                    "Introduction request",
                    f"{other} asks to meet you.",
                    introductions_url,
                    "Answer the request",
                )
            )
        elif part == 2:
            items.append(
                WaitingItem(
                    "Referral exchange",
                    f"Your referral exchange with {other} waits for your pledge.",
                    reverse("referral_exchange", args=[pk]),
                    "Make your pledge",
                )
            )
        elif extra_id is not None:
            items.append(
                WaitingItem(
                    "Meeting to confirm",
                    f"{other} says you met at {extra_a}.",
                    reverse("event_met", args=[extra_id]),
                    "Confirm the meeting",
                )
            )
        else:
            items.append(
                WaitingItem(
                    "Meeting to confirm",
                    f"{other} says you met.",
                    reverse("member_detail", args=[profile_id]),
                    "Confirm the meeting",
                )
            )
    return items


def dashboard_people(member: User) -> list[PersonToMeet]:
    """The top stored suggestions: read, never computed, in the request."""
    return people_to_meet(member, limit=PEOPLE_ON_DASHBOARD)


def _person_row(
    row: PersonToMeet, member_url: Callable[[int], str], introduction_url: Callable[[int], str]
) -> tuple[str, str, str, bool, str, str]:
    """What "People to meet" writes of a suggestion: name, headline, reason, whether an
    introduction waits, and the two links."""
    profile = row.candidate.profile
    return (
        profile.name,
        profile.headline,
        row.reason,
        row.pending,
        member_url(profile.pk),
        introduction_url(profile.pk),
    )


def dashboard(user: User) -> dict[str, object]:
    own = own_profile_items(user)
    profile = own.profile
    steps = profile_steps(own)
    done = sum(step.done for step in steps)
    people = dashboard_people(user)
    nearby = newest_nearby(user, profile)
    # The rows' links, each pattern reversed once for the page rather than once a row.
    member_url = url_for_ids("member_detail")
    introduction_url = url_for_ids("introduction_request")
    step_urls = {name: reverse(name) for name in {step.url_name for step in steps if not step.done}}
    return {
        "profile": profile,
        "asks": own.asks,
        "offers": own.offers,
        "waiting": waiting_for(user),
        "people": people,
        "people_rows": [_person_row(row, member_url, introduction_url) for row in people],
        "steps": steps,
        "step_rows": [(step, step_urls.get(step.url_name, "")) for step in steps],
        "steps_done": done,
        "completeness": round(100 * done / len(steps)),
        "community": community_figures(),
        "nearby": nearby,
        "nearby_rows": [(other, member_url(other.pk)) for other in nearby],
        "cards": dashboard_cards(user),
    }
