from __future__ import annotations

import pytest

from mensch.demo import catalogue, texts
from mensch.demo.schema import ANYONE


@pytest.mark.unit
@pytest.mark.parametrize(
    ("name", "expected"),
    [("O'Brien", "obrien"), ("Yılmaz", "yilmaz"), ("Müller", "muller"), ("Dela Cruz", "delacruz")],
)
def test_slug_folds_names_to_ascii(name: str, expected: str) -> None:
    assert catalogue.slug(name) == expected


@pytest.mark.unit
def test_split_only_reads_industry_tags_and_kind() -> None:
    only, rest = catalogue.split_only("[hospitality,retail] investor|funding for a second shop")
    assert only == ("hospitality", "retail")
    assert catalogue.split_kind(rest, "supplier") == ("investor", "funding for a second shop")
    assert catalogue.split_only("a bookkeeper") == ((), "a bookkeeper")


@pytest.mark.unit
def test_phrasings_for_keeps_tagged_phrasings_to_their_industries() -> None:
    phrases = ("[hospitality] a builder to fit out our new restaurant", "a joiner")
    assert catalogue.phrasings_for(phrases, "legal") == ("a joiner",)
    assert catalogue.phrasings_for(phrases, "hospitality") == (
        "a builder to fit out our new restaurant",
        "a joiner",
    )


@pytest.mark.unit
def test_ask_variants_add_person_lead_ins_only_to_person_phrases() -> None:
    person = catalogue.ask_variants("a bookkeeper who understands VAT")
    assert "Can anyone recommend a bookkeeper who understands VAT?" in person
    assert "A bookkeeper who understands VAT" in person
    help_with = catalogue.ask_variants("help with our payroll")
    assert not any(v.startswith(("Can anyone", "Would love")) for v in help_with)
    assert catalogue.ask_variants("Happy to chat") == ("Happy to chat",)


@pytest.mark.unit
def test_catalogue_every_industry_serves_and_needs_other_industries() -> None:
    """The reciprocal structure: each industry's services are asked for by others, and it asks."""
    for industry in catalogue.INDUSTRY_LIST:
        provided = [s for s in catalogue.SERVICE_LIST if industry.key in s.providers]
        askers = {a for s in provided for a in s.askers} - {industry.key}
        needs = [s for s in catalogue.SERVICE_LIST if catalogue.ask_weight(s, industry.key)]
        assert provided, industry.key
        assert askers, industry.key
        assert len(needs) >= 10, industry.key
        assert all(industry.key not in s.providers or industry.key in s.askers for s in needs)


@pytest.mark.unit
def test_catalogue_generic_services_are_open_to_everyone() -> None:
    generic = [s for s in catalogue.SERVICE_LIST if ANYONE in s.providers]
    assert generic
    assert all(ANYONE in s.askers for s in generic)


@pytest.mark.unit
def test_text_pools_fit_their_limits_for_every_industry_and_city() -> None:
    for i in range(len(catalogue.INDUSTRY_LIST)):
        for c in range(len(catalogue.CITY_LIST)):
            assert all(len(h) <= catalogue.HEADLINE_MAX for h in texts.headlines(i, c))
            assert all(len(p) <= catalogue.WHAT_I_DO_MAX for p in texts.paragraphs(i, c))
    for c in range(len(catalogue.CITY_LIST)):
        for with_who in (False, True):
            pool = texts.goals(c, with_who)
            # {who} is filled with at most ~40 characters.
            assert all(len(g) + 40 <= catalogue.GOALS_MAX for g in pool)
            assert with_who or not any("{who}" in g for g in pool)
