from __future__ import annotations

import pytest

from mensch.engine.coach import flood_check, is_flood, score_message


@pytest.mark.unit
def test_flood_check_link_and_contact_dump_collapses() -> None:
    check = flood_check(
        "Connect with me! linkedin.com/in/maria | www.maria.design | behance.net/maria | "
        "Instagram @maria.designs | maria@maria.design"
    )

    assert check.collapse
    assert check.links == 3
    assert check.contact_details == 2
    assert check.reason == "Collapsed: 3 links and 2 contact details make up most of this message."


@pytest.mark.unit
def test_flood_check_only_a_link_collapses() -> None:
    check = flood_check("https://www.acmeconsulting.com")

    assert check.collapse
    assert check.only_links_and_contacts


@pytest.mark.unit
def test_flood_check_one_link_in_a_sentence_stays_open() -> None:
    check = flood_check(
        "The article Jonas mentioned about four-day weeks is this one: "
        "https://www.theguardian.com/business/2023/feb/21/four-day-week"
    )

    assert not check.collapse
    assert check.links == 1
    assert check.reason == ""


@pytest.mark.unit
def test_flood_check_mentions_are_not_contact_details() -> None:
    check = flood_check("@Dana @Bo thanks for the great panel, see you at table 4!")

    assert not check.collapse
    assert check.contact_details == 0


@pytest.mark.unit
def test_flood_check_five_items_collapse_whatever_surrounds_them() -> None:
    prose = "I really enjoyed tonight and I learned a lot from every single one of you. " * 3
    dump = " a.io b.io c.io d.io e.io"

    assert is_flood(prose + dump)
    assert not is_flood(prose)


@pytest.mark.unit
def test_flood_check_plain_message_stays_open() -> None:
    check = flood_check("Running ten minutes late, save me a seat at table 4 please!")

    assert check == flood_check("Running ten minutes late, save me a seat at table 4 please!")
    assert not check.collapse
    assert check.share == 0.0


@pytest.mark.unit
def test_flood_check_empty_text_stays_open() -> None:
    assert not is_flood("")


@pytest.mark.unit
def test_score_message_flood_is_a_signal() -> None:
    result = score_message("linktr.ee/sara | sara@quinn.studio | +351 912 000 111")

    assert any(signal.code == "link_flood" for signal in result.signals)
    assert result.needs_confirmation
