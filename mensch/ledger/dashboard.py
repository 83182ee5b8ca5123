"""The dashboard card: the member's own give/receive balance and one gentle prompt."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.db import connection

from mensch.accounts.models import User
from mensch.core import statements
from mensch.core.cards import DashboardCard
from mensch.ledger.models import LedgerEntry
from mensch.ledger.selectors import COUNTED, PersonBalance, thanks_prompt


@dataclass(frozen=True)
class CardBalance:
    """What the card shows of ``selectors.balance_of``: the counts and the first prompt."""

    given: int
    received: int
    prompt: str


@dataclass
class _Tally:
    name: str
    given: int = 0
    received: int = 0
    kinds: list[str] = field(default_factory=list)


@functools.cache
def _entries_sql(statuses: int) -> str:
    """The member's counted entries, newest first (``entries_of``'s order), each with the
    other side's name: only what the balance's counts and prompts read."""
    entry, user = statements.table(LedgerEntry), statements.table(User)
    marks = ", ".join(["%s"] * statuses)
    return (
        "SELECT l.giver_id, l.receiver_id, l.counterpart_name, l.kind,"  # noqa: S608 -- tables from the models, values bound
        " u.first_name, u.last_name"
        f" FROM {entry} l LEFT OUTER JOIN {user} u"
        " ON u.id = CASE WHEN l.giver_id = %s THEN l.receiver_id ELSE l.giver_id END"
        " WHERE (l.giver_id = %s OR l.receiver_id = %s)"
        f" AND l.status IN ({marks}) ORDER BY l.created_at DESC, l.id DESC"
    )


def card_balance(member: User) -> CardBalance:
    """``selectors.balance_of(member)``'s given, received and first prompt, from one
    statement of a few columns: each person's tally is kept as ``selectors._balance``
    keeps it (a member by id, anyone else by their name in any case, named as on their
    newest entry), and the people sorted and prompted as it does."""
    me = member.pk
    with connection.cursor() as cursor:
        cursor.execute(_entries_sql(len(COUNTED)), [me, me, me, *COUNTED])
        rows = cursor.fetchall()
    per_person: dict[str, _Tally] = {}
    given = received = 0
    for giver_id, receiver_id, counterpart_name, kind, first_name, last_name in rows:
        is_given = giver_id == me
        other_id = receiver_id if is_given else giver_id
        key = f"m{other_id}" if other_id is not None else f"n{counterpart_name.lower()}"
        row = per_person.get(key)
        if row is None:
            name = (
                f"{first_name} {last_name}".strip()
                if other_id is not None
                else str(counterpart_name)
            )
            row = per_person[key] = _Tally(name)
        if is_given:
            given += 1
            row.given += 1
        else:
            received += 1
            row.received += 1
            row.kinds.append(kind)
    people = sorted(
        (
            PersonBalance(key, r.name, None, r.given, r.received, tuple(r.kinds))
            for key, r in per_person.items()
        ),
        key=lambda p: (p.net, p.name),
    )
    prompts = [thanks_prompt(p) for p in people if p.received >= 2 and p.received - p.given >= 2]
    return CardBalance(given, received, prompts[0] if prompts else "")


def card(member: User) -> DashboardCard | None:
    balance = card_balance(member)
    return DashboardCard(
        title="Give first",
        template="ledger/card.html",
        context={
            "given": balance.given,
            "received": balance.received,
            "prompt": balance.prompt,
        },
    )
