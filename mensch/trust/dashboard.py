"""Dashboard card: your trust band and the endorsements you received."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from mensch.accounts.models import User
from mensch.core import statements
from mensch.core.cards import DashboardCard
from mensch.profiles.models import Offer
from mensch.trust.models import Endorsement, TrustScore
from mensch.trust.selectors import BAND_WORDS, band_of, visible_endorsements

RECEIVED_SHOWN = 3


@dataclass(frozen=True)
class Score:
    """What the card shows of the member's trust score."""

    band: str
    headline: str


@dataclass(frozen=True)
class Received:
    """One endorsement the member received, as the card lists it."""

    author_name: str
    offer_text: str
    basis_label: str


def _read(member: User) -> list[tuple[object, ...]]:
    """The score, the newest visible endorsements and how many there are, in one statement
    (it was three). Which endorsements are visible is ``visible_endorsements``'s filter,
    compiled once and applied here to the same table."""
    visible, params = statements.where_for(visible_endorsements, member.pk)
    quoted = connection.ops.quote_name
    endorsement, score = quoted(Endorsement._meta.db_table), quoted(TrustScore._meta.db_table)
    user, offer = quoted(User._meta.db_table), quoted(Offer._meta.db_table)
    # Tables from the models, values bound:
    sql = (
        "SELECT 0, s.band, s.headline, NULL, NULL, 0, NULL, NULL"  # noqa: S608
        f" FROM {score} s WHERE s.member_id = %s"
        " UNION ALL SELECT * FROM ("
        "SELECT 1, a.first_name, a.last_name, o.text,"
        f" {endorsement}.basis_label, COUNT(*) OVER (),"
        f" {endorsement}.updated_at, {endorsement}.id"
        f" FROM {endorsement} INNER JOIN {user} a ON a.id = {endorsement}.author_id"
        f" LEFT OUTER JOIN {offer} o ON o.id = {endorsement}.offer_id"
        f" WHERE {visible}"
        f" ORDER BY {endorsement}.updated_at DESC, {endorsement}.id DESC LIMIT %s) AS received"
        " ORDER BY 1, 7 DESC, 8 DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [member.pk, *params, RECEIVED_SHOWN])
        return cursor.fetchall()


def _name(first_name: str, last_name: str) -> str:
    return User(first_name=first_name, last_name=last_name).name


def card(member: User) -> DashboardCard | None:
    score: Score | None = None
    received: list[Received] = []
    count = 0
    for part, first, second, text, basis_label, total, _, _ in _read(member):
        if part == 0:
            score = Score(band=str(first), headline=str(second))
        else:
            received.append(
                Received(_name(str(first), str(second)), str(text or ""), str(basis_label))
            )
            count = int(total)  # type: ignore[call-overload]
    band = score.band if score is not None else band_of(None)
    return DashboardCard(
        title="Your trust",
        template="trust/dashboard_card.html",
        context={
            "score": score,
            "band": band,
            "band_words": BAND_WORDS[band],
            "received": received,
            "count": count,
        },
    )
