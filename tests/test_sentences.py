"""tests.sentences.problems_in: flags what reads wrong, and nothing that reads right."""

from __future__ import annotations

import pytest

from tests.sentences import problems_in


@pytest.mark.parametrize(
    "bad",
    [
        "Mateo is looking for Looking for someone to keep the books.",
        "We need seasonal staff?. Who do you know?",
        "Great!. See you there.",
        "See you there.. Bye",
        "You gave a introduction to Ann.",
        "You received a advice from Ben.",
        "It takes a hour.",
        "Ask a HR person.",
        "You are looking for .",
        "Dear , thanks",
        "Ann offers None, which you ask for.",
        "Hello {{ name }}",
        "Ann offers \u201c\u201d.",
        "a photographer with .",
    ],
)
def test_flags_what_reads_wrong(bad: str) -> None:
    assert problems_in(bad), bad


@pytest.mark.parametrize(
    "good",
    [
        "It takes an hour.",
        "She studied at a university in Leeds.",
        "Ask a user.",
        "It was a one-off.",
        "Why not?",
        "Bring something to share, e.g. a story.",
        "Wait for it...",
        "You gave advice to Ann.",
        "You gave an introduction to Ann.",
        "An SEO audit, an MBA and a CTO.",
        "Plan A. Then plan B.",
        "Bo offers bookkeeping for studios, which you ask for (a bookkeeper).",
        "Who do you know? Ask Ann about design.",
        "What are you looking for?",
        "Tick whom you met.",
        "Two people are going, not two people.",
        "Endorsements received: None yet.",
        "None of them came.",
    ],
)
def test_does_not_flag_good_sentences(good: str) -> None:
    assert problems_in(good) == []


def test_names_what_is_wrong() -> None:
    [problem] = problems_in("Mateo is looking for Looking for help")
    assert "doubled phrase" in problem
    assert "looking for Looking for" in problem


def test_page_text_keeps_blocks_apart() -> None:
    from tests.sentences import page_text

    html = (
        "<h3>Looking for</h3><ul><li>Looking for a van</li></ul><script>a a a a</script>"
        "<p>Tom &amp; Ann</p>"
    )

    assert page_text(html) == "Looking for\nLooking for a van\nTom & Ann"
    assert problems_in(page_text(html)) == []
    assert page_text("<p><a href='/x'>Tick whom you met</a>.</p>") == "Tick whom you met."
    assert problems_in("<p>x</p>".join(["", "Mateo is looking for Looking for a van", ""])) != []
