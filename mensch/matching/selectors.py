"""People to meet, as the member sees them: no one they are connected to or blocked, and
no one with whom a declined introduction still cools (``introductions.cooldown``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

from mensch.accounts.models import User
from mensch.connections.models import Block, Connection
from mensch.core import statements
from mensch.introductions.cooldown import still_cooling
from mensch.introductions.models import Introduction
from mensch.matching.models import Recommendation
from mensch.profiles.models import Profile
from mensch.profiles.selectors import visible_profiles


@dataclass(frozen=True)
class PersonToMeet:
    """One stored recommendation, and whether an introduction between the two awaits an
    answer."""

    recommendation: Recommendation
    pending: bool

    @property
    def candidate(self) -> User:
        return self.recommendation.candidate

    @property
    def score(self) -> float:
        return self.recommendation.score

    @property
    def reason(self) -> str:
        return self.recommendation.reason


def not_suggested(member_id: int, *, connected: bool) -> tuple[str, list[Any]]:
    """Everyone the member must not be suggested, as one SELECT of user ids (for ``NOT IN``,
    a list the planner reads once), with its parameters: blocks either way and anyone a
    declined introduction still keeps apart from the member (``still_cooling``'s rule,
    compiled), either way; with ``connected``, the member's connections too."""
    connections, blocks = statements.table(Connection), statements.table(Block)
    introduction = statements.table(Introduction)
    # Tables from the models, values bound (S608):
    parts: list[str] = []
    params: list[Any] = []
    if connected:
        parts += [
            f"SELECT c.member_high_id FROM {connections} c WHERE c.member_low_id = %s",  # noqa: S608
            f"SELECT c.member_low_id FROM {connections} c WHERE c.member_high_id = %s",  # noqa: S608
        ]
        params += [member_id, member_id]
    parts += [
        f"SELECT b.blocked_id FROM {blocks} b WHERE b.blocker_id = %s",  # noqa: S608
        f"SELECT b.blocker_id FROM {blocks} b WHERE b.blocked_id = %s",  # noqa: S608
    ]
    params += [member_id, member_id]
    declined = still_cooling()
    if declined is not None:
        cooling, cooling_params = statements.where(Introduction.objects.filter(declined))
        parts += [
            f"SELECT {introduction}.recipient_id FROM {introduction}"  # noqa: S608
            f" WHERE {cooling} AND {introduction}.requester_id = %s",
            f"SELECT {introduction}.requester_id FROM {introduction}"  # noqa: S608
            f" WHERE {cooling} AND {introduction}.recipient_id = %s",
        ]
        params += [*cooling_params, member_id, *cooling_params, member_id]
    return " UNION ALL ".join(parts), params


def people_to_meet(member: User, limit: int = 20) -> list[PersonToMeet]:
    """Stored recommendations of visible members, minus connections, blocks either way and
    anyone a declined introduction still keeps apart from the member, either way; each
    with whether an introduction between the two waits for an answer.

    One statement, written out: the ORM took longer to build it than PostgreSQL takes to
    run it. The rules stay where they are kept: who is visible (``visible_profiles``) and
    which declines still cool (``still_cooling``) come as those querysets' filters,
    compiled, and applied here to the same tables."""
    recommendation = statements.table(Recommendation)
    introduction = statements.table(Introduction)
    user, profile = statements.table(User), statements.table(Profile)
    pair, pk = "r.candidate_id", member.pk
    visible, visible_params = statements.where_once(visible_profiles)
    excluded, excluded_params = not_suggested(pk, connected=True)
    # Tables from the models, values bound:
    sql = (
        "SELECT r.id, r.member_id, r.candidate_id, r.rank, r.score, r.reason,"  # noqa: S608
        f" {user}.first_name, {user}.last_name,"
        f" {profile}.id, {profile}.headline, {profile}.industry, {profile}.location,"
        f" EXISTS (SELECT 1 FROM {introduction} x WHERE x.status = %s"
        f" AND ((x.requester_id = %s AND x.recipient_id = {pair})"
        f" OR (x.requester_id = {pair} AND x.recipient_id = %s)))"
        f" FROM {recommendation} r"
        f" INNER JOIN {user} ON {user}.id = {pair}"
        f" INNER JOIN {profile} ON {profile}.user_id = {pair}"
        f" WHERE r.member_id = %s AND {visible} AND {pair} NOT IN ({excluded})"
        " ORDER BY r.rank LIMIT %s"
    )
    params = [Introduction.Status.PENDING.value, pk, pk, pk, *visible_params, *excluded_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        rows = cursor.fetchall()
    found = []
    for row_id, member_id, candidate_id, rank, score, reason, *names, pending in rows:
        first_name, last_name, profile_id, headline, industry, location = names
        candidate = statements.instance(
            User, id=candidate_id, first_name=first_name, last_name=last_name
        )
        statements.instance(
            Profile,
            id=profile_id,
            user_id=candidate_id,
            headline=headline,
            industry=industry,
            location=location,
        ).user = candidate  # also kept as candidate.profile
        suggestion = statements.instance(
            Recommendation,
            id=row_id,
            member_id=member_id,
            candidate_id=candidate_id,
            rank=rank,
            score=score,
            reason=reason,
        )
        suggestion.candidate = candidate
        found.append(PersonToMeet(suggestion, bool(pending)))
    return found
