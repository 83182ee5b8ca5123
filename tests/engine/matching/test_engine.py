"""What a member notices in their list: who comes first, who never appears, and why."""

from __future__ import annotations

import numpy as np
import pytest

from mensch.engine.matching import MatchEngine, MatchSettings, Profile
from mensch.engine.matching.rerank import ExposureSettings

from .conftest import person

pytestmark = pytest.mark.unit


def ids(matches: list) -> list[str]:
    return [m.id for m in matches]


def test_recommend_reciprocal_partner_ranks_above_one_sided_helper(
    studio_community: list[Profile],
) -> None:
    matches = MatchEngine(studio_community).recommend("dana", top=5)

    assert ids(matches)[0] == "bo"
    assert ids(matches).index("bo") < ids(matches).index("cy")
    assert matches[0].score > matches[ids(matches).index("cy")].score


def test_recommend_one_sided_baseline_does_not_prefer_the_partner() -> None:
    # Cy's offer meets Dana's ask more closely than Bo's does; only reciprocity puts Bo first.
    community = [
        person("dana", asks=("bookkeeping for my studio",), offers=("brand identity design",)),
        person("bo", asks=("a brand identity",), offers=("keeping the books",)),
        person("cy", asks=("restaurant clients",), offers=("bookkeeping for studios",)),
    ]

    reciprocal = MatchEngine(community).recommend("dana", top=3)
    one_sided = MatchEngine(community, reciprocal=False).recommend("dana", top=3)

    assert ids(reciprocal)[0] == "bo"
    assert ids(one_sided)[0] == "cy"


def test_recommend_lookalike_competitor_not_recommended(studio_community: list[Profile]) -> None:
    engine = MatchEngine(studio_community)

    assert "eve" not in ids(engine.recommend("dana", top=10))
    assert "dana" not in ids(engine.recommend("eve", top=10))
    assert engine.pair_values(["dana", "eve"])[0, 1] == 0.0


def test_recommend_keep_my_books_is_met_by_bookkeeping() -> None:
    community = [
        person("dana", asks=("someone to keep my studio's books",), offers=("illustration",)),
        person("bo", offers=("bookkeeping",)),
        person("gil", offers=("wedding photography",)),
    ]

    assert ids(MatchEngine(community).recommend("dana", top=5)) == ["bo"]


def test_recommend_reason_names_both_directions(studio_community: list[Profile]) -> None:
    reason = MatchEngine(studio_community).recommend("dana", top=1)[0].reason

    assert reason == (
        "Bo offers bookkeeping for small studios, which you ask for "
        "(\u201csomeone to keep my studio's books\u201d); "
        "you offer brand identity design, which they ask for "
        "(\u201ca new logo and brand for my practice\u201d)."
    )


def test_recommend_reason_one_direction_when_only_one_side_matches(
    studio_community: list[Profile],
) -> None:
    engine = MatchEngine(studio_community)

    by_id = {m.id: m.reason for m in engine.recommend("dana", top=5)}
    fay_sees = {m.id: m.reason for m in engine.recommend("fay", top=5)}

    # Cy's offer shares only the bookkeeping concept with Dana's ask, below the threshold
    # for saying it meets her need, and they share nothing else.
    assert by_id["cy"] == "Ask Cy what they are working on."
    assert by_id["fay"] == (
        "You offer brand identity design, which Fay asks for "
        "(\u201ca designer to refresh our brand identity\u201d)."
    )
    assert fay_sees["dana"] == (
        "Dana offers brand identity design, which you ask for "
        "(\u201ca designer to refresh our brand identity\u201d)."
    )


def test_recommend_reason_quotes_first_person_offers(studio_community: list[Profile]) -> None:
    community = [
        *studio_community,
        person("gus", name="Gus Berg", offers=("I keep the books for creative studios.",)),
    ]

    reasons = {m.id: m.reason for m in MatchEngine(community).recommend("dana", top=5)}

    assert reasons["gus"] == (
        "Gus offers \u201cI keep the books for creative studios\u201d, which you ask for "
        "(\u201csomeone to keep my studio's books\u201d)."
    )


def test_recommend_hidden_member_never_shown_but_gets_a_list(
    studio_community: list[Profile],
) -> None:
    community = [
        *studio_community,
        person(
            "hal",
            industry="Finance",
            asks=("a brand identity for my firm",),
            offers=("bookkeeping for small studios",),
            hidden=True,
        ),
    ]
    engine = MatchEngine(community)

    everyone = engine.recommend_all(top=10)

    assert all("hal" not in ids(matches) for matches in everyone.values())
    assert all("hal" not in ids(engine.recommend(p.id, top=10)) for p in community)
    assert ids(everyone["hal"])[0] == "dana"


def test_recommend_own_industry_does_not_fill_the_list() -> None:
    # Ten fellow designers who would help Dana, and four people from elsewhere.
    designers = [
        person(
            f"designer{i}",
            industry="Design",
            asks=("brand identity work for clients",),
            offers=(f"bookkeeping help and accounts for designers {i}",),
        )
        for i in range(10)
    ]
    others = [
        person(
            f"other{i}",
            industry=f"Industry {i}",
            asks=("a brand identity",),
            offers=("bookkeeping",),
        )
        for i in range(4)
    ]
    dana = person(
        "dana", industry="Design", asks=("bookkeeping and accounts",), offers=("brand identity",)
    )
    matches = MatchEngine([dana, *designers, *others]).recommend("dana", top=6)

    industries = ["Design" if m.id.startswith("designer") else "other" for m in matches]
    assert len(matches) == 6
    assert industries.count("Design") <= 2
    assert set(ids(matches)) >= {f"other{i}" for i in range(4)}


def test_recommend_all_exposure_cap_spreads_a_popular_member() -> None:
    # Every founder wants what Star offers; with a cap of 2, Star appears in only 2 lists.
    star = person("star", asks=("catering for events",), offers=("seed investment",))
    founders = [
        person(f"founder{i}", asks=("seed investment",), offers=("catering for events",))
        for i in range(8)
    ]
    uncapped = MatchSettings(exposure=ExposureSettings(cap=100, min_exposure=0))
    capped = MatchSettings(exposure=ExposureSettings(cap=2, min_exposure=0))

    before = MatchEngine([star, *founders], settings=uncapped).recommend_all(top=3)
    after = MatchEngine([star, *founders], settings=capped).recommend_all(top=3)

    assert sum("star" in ids(matches) for matches in before.values()) == 8
    assert sum("star" in ids(matches) for matches in after.values()) == 2


def test_recommend_all_lifts_a_member_nobody_would_see() -> None:
    # Quiet is a slightly weaker helper than three others; with lists of 3 they would never show.
    helpers = [
        person(f"helper{i}", asks=("a bakery",), offers=("bookkeeping for cafés",))
        for i in range(3)
    ]
    quiet = person("quiet", asks=("a bakery",), offers=("bookkeeping",))
    askers = [
        person(f"cafe{i}", asks=("bookkeeping for my café",), offers=("a bakery",))
        for i in range(4)
    ]
    community = [*helpers, quiet, *askers]
    unlifted = MatchSettings(exposure=ExposureSettings(min_exposure=0))

    before = MatchEngine(community, settings=unlifted).recommend_all(top=3)
    after = MatchEngine(community).recommend_all(top=3)

    assert all("quiet" not in ids(m) for m in before.values())
    assert sum("quiet" in ids(m) for m in after.values()) >= 1


def test_recommend_all_same_input_same_output(studio_community: list[Profile]) -> None:
    first = MatchEngine(studio_community).recommend_all(top=3)
    second = MatchEngine(list(studio_community)).recommend_all(top=3)

    assert first == second


def test_recommend_unknown_member_raises_key_error(studio_community: list[Profile]) -> None:
    with pytest.raises(KeyError, match="nobody"):
        MatchEngine(studio_community).recommend("nobody")


def test_engine_duplicate_ids_rejected() -> None:
    with pytest.raises(ValueError, match="duplicate profile id 'a'"):
        MatchEngine([person("a"), person("a")])


def test_pair_values_symmetric_in_unit_range_with_zero_diagonal(
    studio_community: list[Profile],
) -> None:
    values = MatchEngine(studio_community).pair_values()

    assert values.shape == (5, 5)
    assert np.array_equal(values, values.T)
    assert np.all(np.diag(values) == 0)
    assert values.min() >= 0
    assert values.max() <= 1
    assert values[0, 1] == values.max()  # Dana and Bo are the best pair


def test_recommend_member_without_asks_or_offers_gets_empty_list(
    studio_community: list[Profile],
) -> None:
    community = [*studio_community, person("new")]

    engine = MatchEngine(community)

    assert engine.recommend("new") == []
    assert "new" not in ids(engine.recommend("dana"))


def test_recommend_tax_accounts_met_by_bookkeeper_not_instagram_manager() -> None:
    community = [
        person("ann", asks=("take care of our accounts and tax paperwork",), offers=("catering",)),
        person("bo", offers=("bookkeeping and tax returns for small firms",)),
        person("fay", offers=("I take care of your Instagram accounts",)),
    ]

    assert ids(MatchEngine(community).recommend("ann", top=5))[0] == "bo"


def test_recommend_all_progress_adds_up_to_every_member(studio_community: list[Profile]) -> None:
    reports: list[int] = []

    MatchEngine(studio_community).recommend_all(top=3, progress=reports.append)

    assert sum(reports) == len(studio_community)
    assert all(step > 0 for step in reports)


def test_recommend_all_community_without_any_text_gives_empty_lists() -> None:
    assert MatchEngine([]).recommend_all() == {}
    assert MatchEngine([person("a"), person("b")]).recommend_all() == {"a": [], "b": []}
