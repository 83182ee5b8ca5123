"""The dashboard's statements apply rules kept in querysets (who is visible, which
endorsements anyone may read) compiled once per process: what they bind must stay what
the rule compiled for this member binds, and a rule that is not one of a member's id alone
must fail loudly rather than be bound wrongly."""

from __future__ import annotations

import pytest
from django.db.models import QuerySet

from mensch.accounts.models import User
from mensch.core import statements
from mensch.profiles.selectors import visible_profiles
from mensch.trust.models import Endorsement
from mensch.trust.selectors import visible_endorsements


@pytest.mark.django_db
def test_a_rule_of_nothing_is_the_rule_compiled_now() -> None:
    assert statements.where_once(visible_profiles) == statements.where(visible_profiles())


@pytest.mark.django_db
def test_a_rule_of_a_member_binds_each_member_s_id(owner: User, stranger: User) -> None:
    for member in (owner, stranger):
        assert statements.where_for(visible_endorsements, member.pk) == statements.where(
            visible_endorsements(member)
        )


def _reads_more_than_the_id(member_id: int) -> QuerySet[Endorsement]:
    return Endorsement.objects.filter(member_id=member_id, author_id__gt=member_id + 1)


@pytest.mark.django_db
def test_a_rule_of_more_than_the_member_s_id_fails_loudly() -> None:
    with pytest.raises(ValueError, match="not a rule of a member's id alone"):
        statements.where_for(_reads_more_than_the_id, 1)
