"""Trust pages say the level in words and the standing as a share, not "55/100, rank 2"."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from mensch.accounts.models import User
from mensch.trust.scores import trust_recompute
from tests.sentences import page_text, problems_in
from tests.trust.conftest import meet

pytestmark = pytest.mark.django_db


def test_own_trust_page_and_card_show_words_not_a_bare_score(
    organizer: User, owner: User, login_as: Callable[[User], Client]
) -> None:
    meet(organizer, owner)
    trust_recompute()
    client = login_as(owner)

    mine = page_text(client.get("/trust/").content.decode())
    dashboard = page_text(client.get("/dashboard/").content.decode())

    for text in (mine, dashboard):
        assert "/100" not in text
        assert not re.search(r"\brank \d+ of \d+", text)
    assert re.search(r"has (high|good) trust|trust that is still building|little trust yet", mine)
    assert re.search(r"top \d+% of members|than most members|middle of the community", mine)
    assert problems_in(mine) == []
