from __future__ import annotations

from datetime import date, timedelta

import pytest

from mensch.contacts.markdown import render_markdown
from mensch.contacts.strength import Touch, strength

pytestmark = pytest.mark.unit
TODAY = date(2025, 6, 1)


def test_markdown_is_rendered_and_sanitised() -> None:
    assert render_markdown("**bold** and *it*") == "<p><strong>bold</strong> and <em>it</em></p>\n"
    # Raw HTML is shown as text, never as markup; script links never become links.
    assert render_markdown('<img src=x onerror=alert(1)> <a href="y">') == (
        '<p>&lt;img src=x onerror=alert(1)&gt; &lt;a href="y"&gt;</p>\n'
    )
    assert render_markdown("[ok](https://a.b) [bad](javascript:alert(1))") == (
        '<p><a href="https://a.b" rel="noopener noreferrer nofollow">ok</a> '
        "[bad](javascript:alert(1))</p>\n"
    )


def test_no_interactions_means_no_strength() -> None:
    assert strength([Touch("note", TODAY, "me")], today=TODAY).score == 0


def test_recent_frequent_mutual_deep_contact_is_strong() -> None:
    touches = [
        Touch("meeting", TODAY - timedelta(days=30 * month), "me" if month % 2 else "them")
        for month in range(12)
    ]
    result = strength(touches, today=TODAY)
    assert result.recency == 1.0
    assert result.frequency == 1.0
    assert result.reciprocity == 1.0
    assert result.score > 90


def test_recency_halves_every_30_days_and_one_sided_contact_scores_lower() -> None:
    old = strength([Touch("message", TODAY - timedelta(days=30), "me")], today=TODAY)
    assert old.recency == pytest.approx(0.5)
    assert old.reciprocity == 0.0
    mutual = strength([Touch("message", TODAY - timedelta(days=30), "both")], today=TODAY)
    assert mutual.score > old.score
