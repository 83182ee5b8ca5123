from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter

import pytest

from mensch.demo.people import (
    CITIES,
    INDUSTRIES,
    ORGANIZER,
    DemoPerson,
    demo_organizer,
    generate_people,
    person_to_match_record,
)
from mensch.vocabulary import ITEM_KINDS

# Ranges that regulators keep for fiction; a demo phone number must fall in one.
FICTIONAL_PHONES = {
    "United Kingdom": r"\+44 (20 7946 0\d{3}|161 496 0\d{3}|131 496 0\d{3})",
    "Ireland": r"\+353 20 91\d \d{4}",
    "Germany": r"\+49 (30 23125|89 99998|40 66969) \d{3}",
    "France": r"\+33 (1 99 00|4 65 71) \d\d \d\d",
    "Sweden": r"\+46 70 174 06 (0[5-9]|[1-9]\d)",
    "Canada": r"\+1 \d{3} 555 01\d\d",
    "United States": r"\+1 \d{3} 555 01\d\d",
    "Australia": r"\+61 (2 5550|3 7010) \d{4}",
}
CITY_LANGUAGE = {"Berlin": "German", "Paris": "French", "Stockholm": "Swedish", "Lyon": "French"}


@pytest.fixture(scope="module")
def community() -> list[DemoPerson]:
    return generate_people(300)


def _everyone_items(people: list[DemoPerson]) -> list[tuple[str, str]]:
    return [(i.kind, i.text) for p in people for i in p.asks + p.offers]


@pytest.mark.unit
def test_generate_people_same_seed_gives_identical_people() -> None:
    assert generate_people(250, seed=3) == generate_people(250, seed=3)


@pytest.mark.unit
def test_generate_people_is_the_same_in_another_process() -> None:
    """No dependence on string hashing or on which text pools a process built first."""
    script = (
        "import json; from mensch.demo.people import generate_people, person_to_match_record; "
        "print(json.dumps([person_to_match_record(p) for p in generate_people(120, seed=9)]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    # S603: the command is this interpreter running a fixed script, no outside input.
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    here = [person_to_match_record(p) for p in generate_people(120, seed=9)]
    assert json.loads(done.stdout) == here


@pytest.mark.unit
def test_generate_people_other_seed_gives_other_people() -> None:
    first, second = generate_people(50, seed=1), generate_people(50, seed=2)
    assert [p.name for p in first] != [p.name for p in second]


@pytest.mark.unit
def test_generate_people_zero_gives_empty_list() -> None:
    assert generate_people(0) == []


@pytest.mark.unit
def test_generate_people_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="zero or more"):
        generate_people(-1)


@pytest.mark.unit
def test_generate_people_large_community_has_unique_ids_and_emails() -> None:
    people = generate_people(20_000, seed=11)
    assert len({p.id for p in people}) == len(people)
    assert len({p.email.lower() for p in people}) == len(people)
    assert people[0].id == "p000001"
    assert people[-1].id == "p020000"


@pytest.mark.unit
def test_generate_people_emails_and_websites_use_reserved_domains(
    community: list[DemoPerson],
) -> None:
    for person in community:
        assert re.fullmatch(r"[a-z]+\.[a-z]+\.\d+@example\.(org|com|net)", person.email)
        assert re.fullmatch(r"https://[a-z0-9-]+\.example", person.website)


@pytest.mark.unit
def test_generate_people_phones_lie_in_fictional_ranges_of_their_country(
    community: list[DemoPerson],
) -> None:
    for person in community:
        country = person.location.rsplit(", ", 1)[1]
        assert re.fullmatch(FICTIONAL_PHONES[country], person.phone), person


@pytest.mark.unit
def test_generate_people_300_span_many_industries_and_cities(
    community: list[DemoPerson],
) -> None:
    assert len(INDUSTRIES) >= 14
    assert len(CITIES) >= 10
    assert len({p.industry for p in community}) >= 12
    assert len({p.location for p in community}) >= 8
    assert {p.industry for p in community} <= set(INDUSTRIES)
    assert {p.location for p in community} <= set(CITIES)


@pytest.mark.unit
def test_generate_people_items_have_valid_kinds_and_counts(community: list[DemoPerson]) -> None:
    for person in community:
        assert 1 <= len(person.asks) <= 3
        assert 1 <= len(person.offers) <= 3
    assert {kind for kind, _ in _everyone_items(community)} <= set(ITEM_KINDS)
    # Not only services: investors, mentors, advice, introductions and talent all appear.
    ask_kinds = {i.kind for p in community for i in p.asks}
    offer_kinds = {i.kind for p in community for i in p.offers}
    for kind in ("supplier", "talent", "investor", "mentor", "advice", "introduction"):
        assert kind in ask_kinds
    for kind in ("supplier", "introduction", "advice", "resource"):
        assert kind in offer_kinds


@pytest.mark.unit
def test_generate_people_texts_are_filled_and_within_limits() -> None:
    for person in generate_people(3_000, seed=5):
        assert person.first_name.strip()
        assert person.last_name.strip()
        assert 0 < len(person.headline) <= 160
        assert 0 < len(person.what_i_do) <= 600
        assert 0 < len(person.goals) <= 300
        assert "{" not in person.headline + person.what_i_do + person.goals
        assert person.languages
        assert len(set(person.languages)) == len(person.languages)
        for item in person.asks + person.offers:
            assert 0 < len(item.text.strip()) <= 200
            assert "{" not in item.text
            assert item.text[0].isupper()


@pytest.mark.unit
def test_generate_people_languages_fit_the_city(community: list[DemoPerson]) -> None:
    for person in community:
        city = person.location.split(", ")[0]
        if city in CITY_LANGUAGE:
            assert CITY_LANGUAGE[city] in person.languages
    assert sum("English" in p.languages for p in community) > len(community) * 0.8


@pytest.mark.unit
def test_generate_people_names_and_headlines_vary(community: list[DemoPerson]) -> None:
    assert len({p.name for p in community}) == len(community)
    assert len({p.first_name for p in community}) >= 120
    assert len({p.headline for p in community}) >= 250
    assert len({p.what_i_do for p in community}) >= 250
    texts = [text for _, text in _everyone_items(community)]
    # Items are drawn from shared phrasings, but no phrasing dominates the community.
    assert len(set(texts)) >= 0.5 * len(texts)
    assert Counter(texts).most_common(1)[0][1] <= 0.05 * len(community)


@pytest.mark.unit
def test_person_to_match_record_has_the_match_line_format(community: list[DemoPerson]) -> None:
    person = community[0]
    record = person_to_match_record(person)
    assert set(record) == {"id", "name", "headline", "industry", "location", "asks", "offers"}
    assert record["id"] == person.id
    assert record["name"] == f"{person.first_name} {person.last_name}"
    assert record["asks"] == [{"kind": i.kind, "text": i.text} for i in person.asks]
    assert record["offers"] == [{"kind": i.kind, "text": i.text} for i in person.offers]
    assert json.loads(json.dumps(record)) == record


@pytest.mark.unit
def test_organizer_is_a_complete_member_apart_from_the_community(
    community: list[DemoPerson],
) -> None:
    assert demo_organizer() is ORGANIZER
    assert ORGANIZER.email not in {p.email for p in community}
    assert ORGANIZER.id not in {p.id for p in community}
    assert ORGANIZER.industry in INDUSTRIES
    assert ORGANIZER.location in CITIES
    assert re.fullmatch(FICTIONAL_PHONES["United Kingdom"], ORGANIZER.phone)
    assert ORGANIZER.asks
    assert ORGANIZER.offers
    assert {i.kind for i in ORGANIZER.asks + ORGANIZER.offers} <= set(ITEM_KINDS)
    assert person_to_match_record(ORGANIZER)["name"] == "Adaeze Nwosu"
