"""Reading the ``mensch match`` line format: what a caller sees for good and bad lines."""

from __future__ import annotations

import json

import pytest

from mensch.engine.matching import (
    Item,
    Profile,
    ProfileInputError,
    profile_to_record,
    read_profiles_jsonl,
)

pytestmark = pytest.mark.unit


def test_read_profiles_jsonl_reads_items_and_hidden_flag() -> None:
    line = json.dumps(
        {
            "id": "dana",
            "name": "Dana Weiss",
            "industry": "Design",
            "asks": [{"kind": "supplier", "text": " someone to keep my books "}],
            "offers": [{"kind": "supplier", "text": "brand identity design"}, {"text": ""}],
            "hidden": True,
            "extra": "ignored",
        }
    )

    (profile,) = read_profiles_jsonl([line, ""])

    assert profile == Profile(
        id="dana",
        name="Dana Weiss",
        industry="Design",
        asks=(Item("supplier", "someone to keep my books"),),
        offers=(Item("supplier", "brand identity design"),),
        hidden=True,
    )
    assert profile_to_record(profile)["hidden"] is True


def test_read_profiles_jsonl_error_names_line_and_field() -> None:
    lines = [json.dumps({"id": "a"}), json.dumps({"id": "b", "hidden": "yes"})]

    with pytest.raises(ProfileInputError) as caught:
        read_profiles_jsonl(lines)

    assert caught.value.line == 2
    assert caught.value.message == '"hidden" must be true or false, got a string'
    assert str(caught.value) == 'line 2: "hidden" must be true or false, got a string'


def test_read_profiles_jsonl_item_kind_defaults_to_other() -> None:
    (profile,) = read_profiles_jsonl([json.dumps({"id": "a", "asks": [{"text": "a mentor"}]})])

    assert profile.asks == (Item("other", "a mentor"),)
