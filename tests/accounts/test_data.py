from __future__ import annotations

import json

import pytest

from mensch.accounts.data import member_data
from mensch.accounts.models import ApiToken, User
from mensch.accounts.services import api_token_create, api_token_revoke

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_member_data_lists_own_tokens_by_name_and_dates_never_secrets(
    owner: User, stranger: User
) -> None:
    laptop, laptop_secret = api_token_create(user=owner, name="laptop script")
    api_token_revoke(token=api_token_create(user=owner, name="old phone")[0])
    _, stranger_secret = api_token_create(user=stranger, name="stranger's robot")

    data = member_data(owner)

    tokens = data["api_tokens"]
    assert isinstance(tokens, list)
    assert [t["name"] for t in tokens] == ["laptop script", "old phone"]
    assert tokens[0] == {
        "name": "laptop script",
        "hint": laptop.hint,
        "created_at": laptop.created_at.isoformat(),
        "last_used_at": None,
        "revoked_at": None,
    }
    assert tokens[1]["revoked_at"] is not None
    dumped = json.dumps(data)
    assert laptop_secret not in dumped
    for token in ApiToken.objects.all():
        assert token.key_hash not in dumped
    assert "stranger's robot" not in dumped
    assert stranger_secret[:12] not in dumped


def test_member_data_of_a_createsuperuser_account_is_an_empty_list(db: None) -> None:
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 20)
    assert member_data(admin) == {"api_tokens": []}
