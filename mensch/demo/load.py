"""Load the generated demo community into the database (Django side of ``mensch.demo``).

Idempotent: members are keyed by email, so running it twice adds nobody twice.
All demo accounts share one password, hashed once (argon2 is slow on purpose).

Members are generated and written in chunks (``CHUNK`` at a time: one bulk insert each for
accounts, profiles, asks and offers, in one short transaction), so memory stays bounded
and 100,000 members take minutes, not hours. No per-member service call or signal runs
for them: the profile ``post_save`` would make on a new account, and its search document,
are written in the same chunk. After the bulk writes the planner's statistics are
refreshed (``ANALYZE``) and the cached directory facets renewed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connections, router, transaction
from django.db.models import Model
from django.utils import timezone
from tqdm import tqdm

from mensch.accounts.models import User
from mensch.core.analyze import analyze
from mensch.core.cached import bump
from mensch.core.registry import contributions
from mensch.demo import people
from mensch.profiles import search
from mensch.profiles.models import Ask, Offer, Profile
from mensch.profiles.selectors import INDUSTRIES_VERSION

# Members written per transaction: large enough that round trips do not dominate,
# small enough that one chunk's objects stay a few megabytes.
CHUNK = 2_000
# The members every app's demo acts on (the demo login first): the whole default
# community of 300, and the same first 300 of a community of 100,000, so no app's
# demo grows with the community.
CAPABILITY_SAMPLE = 300


@dataclass(frozen=True)
class DemoSummary:
    members: int
    created: int
    asks: int
    offers: int
    member_email: str
    organizer_email: str
    member_emails: tuple[str, ...]


def demo_load(
    *, members: int = 300, seed: int = 7, password: str, progress: bool = False
) -> DemoSummary:
    organizer = people.demo_organizer()
    password_hash = make_password(password)
    emails: list[str] = []
    created = asks = offers = 0
    everyone = itertools.chain((organizer,), people.iter_people(members, seed=seed))
    with tqdm(
        total=members + 1, desc="Demo members", unit="member", disable=not progress, leave=False
    ) as bar:
        for chunk in _chunks(everyone, CHUNK):
            made, chunk_asks, chunk_offers = _load_chunk(chunk, password_hash, organizer)
            created += made
            asks += chunk_asks
            offers += chunk_offers
            emails.extend(p.email.lower() for p in chunk if p is not organizer)
            bar.update(len(chunk))
    if created:
        analyze(User, Profile, Ask, Offer)
        # New industries for the directory's filter (cached, versioned).
        transaction.on_commit(lambda: bump(INDUSTRIES_VERSION))
    return DemoSummary(
        members=members + 1,
        created=created,
        asks=asks,
        offers=offers,
        member_email=emails[0] if emails else "",
        organizer_email=organizer.email.lower(),
        member_emails=tuple(emails),
    )


def _chunks(items: Iterable[people.DemoPerson], size: int) -> Iterator[list[people.DemoPerson]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _load_chunk(
    chunk: list[people.DemoPerson], password_hash: str, organizer: people.DemoPerson
) -> tuple[int, int, int]:
    """Write the chunk's new members; returns (members created, asks, offers) of the
    whole chunk, counting the items of members already there from the database."""
    by_email = {p.email.lower(): p for p in chunk}
    with transaction.atomic():
        existing = set(
            User.objects.filter(email__in=list(by_email)).values_list("email", flat=True)
        )
        fresh = [p for email, p in by_email.items() if email not in existing]
        user_ids = _insert(
            User,
            [
                {
                    "email": p.email.lower(),
                    "first_name": p.first_name,
                    "last_name": p.last_name,
                    "password": password_hash,
                    "is_organizer": p is organizer,
                }
                for p in fresh
            ],
        )
        profile_ids = _insert(
            Profile,
            [
                {
                    "user_id": user_id,
                    "headline": p.headline,
                    "what_i_do": p.what_i_do,
                    "industry": p.industry,
                    "location": p.location,
                    "languages": ", ".join(p.languages),
                    "goals": p.goals,
                    "contact_email": p.email.lower(),
                    "phone": p.phone,
                    "website": p.website,
                }
                for user_id, p in zip(user_ids, fresh, strict=True)
            ],
        )
        new_asks = _insert(
            Ask,
            [
                {"profile_id": profile_id, "kind": item.kind, "text": item.text, "position": index}
                for profile_id, p in zip(profile_ids, fresh, strict=True)
                for index, item in enumerate(p.asks)
            ],
        )
        new_offers = _insert(
            Offer,
            [
                {"profile_id": profile_id, "kind": item.kind, "text": item.text, "position": index}
                for profile_id, p in zip(profile_ids, fresh, strict=True)
                for index, item in enumerate(p.offers)
            ],
        )
        # What the profile services do on every write: the directory's search document.
        search.documents_refresh(profile_ids)
        old_asks = old_offers = 0
        if existing:
            old_asks = Ask.objects.filter(profile__user__email__in=existing).count()
            old_offers = Offer.objects.filter(profile__user__email__in=existing).count()
    return len(user_ids), len(new_asks) + old_asks, len(new_offers) + old_offers


def _insert(model: type[Model], rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows (field attname -> value; every other field takes its default) and
    return their ids, in order.

    On PostgreSQL with ``COPY`` and ids drawn from the table's sequence beforehand, a
    tenth of the cost of ``bulk_create``'s SQL; elsewhere with ``bulk_create``."""
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return [obj.pk for obj in model._default_manager.bulk_create(model(**r) for r in rows)]
    meta = model._meta
    quote = connection.ops.quote_name
    now = timezone.now()
    fields = list(meta.concrete_fields)
    defaults: dict[str, Any] = {}
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults[field.attname] = now
        elif field.has_default():
            defaults[field.attname] = field.get_db_prep_save(field.get_default(), connection)
        elif field.null:
            defaults[field.attname] = None
    pk = meta.pk
    assert pk is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, pk.column, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        for row, new_id in zip(rows, ids, strict=True):
            row[pk.attname] = new_id
        names = [field.attname for field in fields]
        columns = ", ".join(quote(field.column or field.attname) for field in fields)
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[name] if name in row else defaults[name] for name in names])
    return ids


def demo_members(summary: DemoSummary, *, limit: int | None = None) -> list[User]:
    """The first ``limit`` (``CAPABILITY_SAMPLE``) demo members, the demo login first."""
    emails = summary.member_emails[: CAPABILITY_SAMPLE if limit is None else limit]
    by_email = {u.email: u for u in User.objects.filter(email__in=emails)}
    return [by_email[email] for email in emails if email in by_email]


def demo_load_capabilities(summary: DemoSummary, *, seed: int = 7) -> list[str]:
    """Run every app's demo loader, floor by floor (events make meetings, meetings make
    follow-ups, and so on), on a bounded sample of the community; returns their
    one-line summaries."""
    members = demo_members(summary)
    organizer = User.objects.get(email=summary.organizer_email)
    lines = []
    for config, module in contributions("demo"):
        with transaction.atomic():
            made = module.load_demo(members=members, organizer=organizer, seed=seed)
        lines.append(f"{config.label}: {made}")
    return lines
