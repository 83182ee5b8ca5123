from __future__ import annotations

import pytest

from mensch.engine.coach.text import read_draft


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "phones"),
    [
        ("call +351 912 000 111 today", ("+351 912 000 111",)),
        ("mobile (020) 7946 0958", ("(020) 7946 0958",)),
        ("ring 0612345678", ("0612345678",)),
        ("we met on 2027-03-12", ()),
        ("it costs €1,500 or 1.500", ()),
        ("order 12345678 shipped", ()),
        ("in 2019 and 2020", ()),
    ],
)
def test_read_draft_finds_phone_numbers_not_dates_or_prices(
    text: str, phones: tuple[str, ...]
) -> None:
    assert read_draft(text).phones == phones


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("see https://acme.io/x.", ("https://acme.io/x",)),
        ("see www.acme.io and acme.pt", ("www.acme.io", "acme.pt")),
        ("tap growfast.social/creator now", ("growfast.social/creator",)),
        ("e.g. this, i.e. that, notes.txt and 3.5/5", ()),
        ("write to ana@acme.io", ()),
    ],
)
def test_read_draft_finds_links(text: str, links: tuple[str, ...]) -> None:
    assert read_draft(text).links == links


@pytest.mark.unit
def test_read_draft_handles_count_only_next_to_a_platform() -> None:
    assert read_draft("thanks @Dana!").handles == ()
    assert read_draft("follow me on Instagram @dana.designs").handles == ("@dana.designs",)
