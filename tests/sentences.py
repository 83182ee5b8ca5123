"""A checker for sentences the product builds from data: ``problems_in(text)``.

Used by page tests and the browser journey suite. It flags what a reader would stumble
over: a doubled phrase ("looking for looking for"), "a" before a vowel sound ("a
introduction"; the rule is :func:`mensch.phrasing.article`, so "a user", "a one-off",
"an hour" are fine), end punctuation run together ("?.", "!.", ".." but not "..."), and
empty slots (" ,", " .", "for .", "None", "{{", "}}").
"""

from __future__ import annotations

import re
from html import unescape

from mensch.phrasing import vowel_sound

_WORD = r"[A-Za-z0-9\u00c0-\u024f'\u2019-]+"
# Two or more words repeated right after themselves ("looking for looking for").
_DOUBLED = re.compile(rf"\b({_WORD}(?:\s+{_WORD})+)\s+\1\b", re.IGNORECASE)
_A_BEFORE = re.compile(rf"(?<![\w'\u2019-])([Aa])\s+({_WORD})")
_RUN_TOGETHER = re.compile(r"[?!]\.|(?<!\.)\.\.(?!\.)|[?!],|,\.|\.,")
_SLOTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\w \s*,"), 'a space before ","'),
    (re.compile(r"[A-Za-z] \.(?!\.|\w)"), 'a space before "."'),
    (
        re.compile(r"\b(?:for|with|to|of|by|from|about|and|at|in)\s+[.,;:?!](?!\w)"),
        "a word missing",
    ),
    # Python's None in a sentence; "None yet." opening a sentence is English.
    (re.compile(r"(?<=[\w,] )None\b"), '"None"'),
    (re.compile(r"\{\{|\}\}|\{%|%\}"), "a template tag"),
    (re.compile(r"\(\s*\)|\u201c\s*\u201d|\"\s*\""), "an empty quote or bracket"),
)
# Words after "a" that are not a noun phrase starting with a sound ("a.m.", letters).
_A_OK = frozenset({"a", "i", "e", "o", "u"})


_BLOCK = re.compile(
    r"(?i)</?(?:p|div|li|ul|ol|h[1-6]|dt|dd|dl|tr|td|th|table|section|article|header|footer|"
    r"nav|main|aside|form|fieldset|legend|label|button|option|select|textarea|blockquote|"
    r"pre|br|hr|summary|details|figcaption)\b[^>]*>"
)


def page_text(html: str) -> str:
    """The words a reader sees in ``html``, one line per block (paragraph, list item,
    heading, cell...): scripts, styles and tags gone, entities read. A sentence never
    runs from one block into the next, so a heading "Looking for" over the item
    "Looking for a van" is not a doubled phrase."""
    html = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", "\n", html)
    html = re.sub(r"(?s)<!--.*?-->", " ", html)
    html = _BLOCK.sub("\n", html)
    html = re.sub(r"<[^>]+>", "", html)  # inline tags add no space in a browser either
    lines = (" ".join(line.split()) for line in unescape(html).split("\n"))
    return "\n".join(line for line in lines if line)


def problems_in(text: str) -> list[str]:
    """What reads wrong in ``text`` (plain text, not HTML), one line per problem found.

    Each line of ``text`` is read on its own (see :func:`page_text`).

    "a" before a vowel sound uses :func:`mensch.phrasing.vowel_sound`, the rule that
    ``with_article`` follows."""
    found: list[str] = []
    for line in text.splitlines():
        found.extend(_problems_in_line(" ".join(line.split())))
    return found


def _problems_in_line(text: str) -> list[str]:
    found: list[str] = []
    for match in _DOUBLED.finditer(text):
        found.append(f"doubled phrase: {match.group(0)!r}")
    for match in _A_BEFORE.finditer(text):
        word = match.group(2)
        if word.lower() in _A_OK or match.group(1) == "A" and _is_label(text, match.start()):
            continue
        if vowel_sound(word):
            found.append(f'"a" before a vowel sound: {match.group(0)!r}')
    for match in _RUN_TOGETHER.finditer(text):
        found.append(f"punctuation run together: {_around(text, match)!r}")
    for pattern, what in _SLOTS:
        for match in pattern.finditer(text):
            found.append(f"empty slot ({what}): {_around(text, match)!r}")
    return found


def _is_label(text: str, start: int) -> bool:
    """A capital "A" standing alone as a grade or list label ("Plan A", "A:")."""
    return text[start + 1 : start + 2] in {":", ")", "."}


def _around(text: str, match: re.Match[str]) -> str:
    return text[max(0, match.start() - 20) : match.end() + 20]
