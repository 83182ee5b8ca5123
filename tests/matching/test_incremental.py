"""Lists kept current without recomputing everyone: one edit, the shards, the kept
embeddings."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator, Sequence

import numpy as np
import pytest
from django.test import Client
from django_tasks_db.management.commands import db_worker
from numpy.typing import NDArray

from mensch.accounts.models import User
from mensch.matching import services, tasks
from mensch.matching.models import Recommendation, RecommendationList, TextEmbedding
from mensch.profiles.models import Ask, Offer
from mensch.profiles.services import profile_item_create, profile_update
from tests.factories import make_member
from tests.workers import run_tasks_now

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# Twelve trades, worded so that two of them never share a word: unrelated members score 0.
TRADES = [
    "bookkeeping ledgers",
    "brand logos",
    "payroll salaries",
    "wedding photography",
    "german translation",
    "contract lawyers",
    "plumbing repairs",
    "engineer recruiting",
    "lunch catering",
    "social campaigns",
    "website hosting",
    "tax returns",
]


class BagOfWords:
    """A text model whose vectors depend on the text alone (like the semantic one), so
    that an incremental update can equal a full recompute exactly."""

    name = "bag-of-words"
    stable_vectors = True
    embedding_key = "test-bag-of-words"

    def fit(self, texts: Sequence[str]) -> None:
        return None

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        out = np.zeros((len(texts), 256), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                out[row, zlib.crc32(word.encode()) % 256] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out


@pytest.fixture(autouse=True)
def fixed_model(monkeypatch: pytest.MonkeyPatch, settings: object) -> Iterator[None]:
    monkeypatch.setattr(services, "text_model", BagOfWords)
    # The worker loop would close the test's connection, which holds its transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.MATCHES_PER_MEMBER = 3  # type: ignore[attr-defined]
    services.forget_engine()
    yield
    services.forget_engine()


@pytest.fixture
def members() -> list[User]:
    """Thirty members: member i asks for one trade and offers another."""
    return [
        make_member(
            f"Member{i}",
            industry=f"Industry {i % 4}",
            asks=[("supplier", f"{TRADES[(5 * i) % 12]} wanted")],
            offers=[("supplier", f"{TRADES[(7 * i + 3) % 12]} offered")],
        )
        for i in range(30)
    ]


Snapshot = dict[tuple[int, int], tuple[int, float, str]]


def snapshot() -> Snapshot:
    return {
        (member, candidate): (rank, score, reason)
        for member, candidate, rank, score, reason in Recommendation.objects.values_list(
            "member_id", "candidate_id", "rank", "score", "reason"
        )
    }


def differing(before: Snapshot, after: Snapshot) -> int:
    return sum(1 for key in before.keys() | after.keys() if before.get(key) != after.get(key))


def test_editing_one_profile_writes_only_the_rows_that_change_and_equals_a_full_recompute(
    members: list[User],
) -> None:
    services.matches_recompute()
    before = snapshot()
    warm = services.current_engine()
    editor = members[0]
    # Everyone who asks for lunch catering now has a new candidate.
    profile_item_create(
        profile=editor.profile, side="offer", kind="supplier", text="lunch catering offered"
    )
    written = services.matches_update_member(member_id=editor.pk)
    assert services.current_engine() is warm  # the edit was taken in place, not rebuilt
    after = snapshot()
    assert written.rows == differing(before, after) > 0
    assert written.lists < len(members)
    askers = {m.pk for m in members if "lunch catering" in m.profile.asks.get().text}
    assert askers
    assert all(after.get((asker, editor.pk)) for asker in askers if asker != editor.pk)

    services.forget_engine()
    services.matches_recompute()
    assert snapshot() == after


def briefs_of_the_rows() -> dict[int, tuple[int, float]]:
    rows: dict[int, list[float]] = {}
    for member, score in Recommendation.objects.values_list("member_id", "score"):
        rows.setdefault(member, []).append(score)
    return {member: (len(scores), min(scores)) for member, scores in rows.items()}


def test_every_stored_list_has_a_brief_with_its_size_and_last_place(
    members: list[User],
) -> None:
    services.matches_recompute()
    profile_item_create(
        profile=members[0].profile, side="offer", kind="supplier", text="lunch catering offered"
    )
    services.matches_update_member(member_id=members[0].pk)
    profile_update(profile=members[3].profile, is_hidden=True)
    services.matches_update_member(member_id=members[3].pk)
    briefs = {
        member: (size, last)
        for member, size, last in RecommendationList.objects.values_list(
            "member_id", "size", "last_place"
        )
        if size
    }
    assert briefs == briefs_of_the_rows()
    assert len(briefs) > len(members) // 2


def test_a_profile_change_reaches_the_lists_through_the_worker(
    members: list[User], django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    services.matches_recompute()
    leaver = members[3]
    assert Recommendation.objects.filter(candidate=leaver).exists()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        profile_update(profile=leaver.profile, is_hidden=True)
    assert run_tasks_now() >= 1
    assert not Recommendation.objects.filter(candidate=leaver).exists()
    incremental = snapshot()
    services.forget_engine()
    services.matches_recompute()
    assert snapshot() == incremental


def test_a_recompute_embeds_only_new_texts(members: list[User]) -> None:
    engine = services.match_engine()
    texts = (
        set(Ask.objects.values_list("text", flat=True))
        | set(Offer.objects.values_list("text", flat=True))
        | {m.profile.headline for m in members if m.profile.headline}
    )
    assert engine.embedded == len(texts) == TextEmbedding.objects.count()
    assert services.match_engine().embedded == 0
    profile_item_create(
        profile=members[1].profile, side="ask", kind="supplier", text="a plumber, urgently"
    )
    assert services.match_engine().embedded == 1
    assert TextEmbedding.objects.count() == len(texts) + 1


def test_the_batch_in_shards_equals_one_full_recompute_and_rewrites_nothing_unchanged(
    members: list[User], monkeypatch: pytest.MonkeyPatch
) -> None:
    services.matches_recompute()
    full = snapshot()
    Recommendation.objects.all().delete()
    monkeypatch.setattr(services, "SHARD_SIZE", 7)
    assert tasks.matches_recompute_in_shards() == 5  # 30 members, 7 a shard
    assert run_tasks_now() == 5
    assert snapshot() == full
    again = [
        services.matches_recompute_shard(first=first, last=last)
        for first, last in services.member_shards(7)
    ]
    assert sum(w.rows for w in again) == 0
    assert sum(w.lists for w in again) == len(members)


def test_people_to_meet_says_which_model_matched(
    login_as: Callable[[User], Client], members: list[User], settings: object
) -> None:
    settings.MATCH_MODEL = "lexical"  # type: ignore[attr-defined]
    page = login_as(members[0]).get("/people-to-meet/").content.decode()
    assert "Matched by shared words" in page
    assert "Matched by meaning" not in page


def test_a_member_who_joins_gets_a_new_engine_and_a_list(members: list[User]) -> None:
    warm = services.current_engine()
    newcomer = make_member(
        "Newcomer",
        asks=[("supplier", "brand logos wanted")],
        offers=[("supplier", "lunch catering offered")],
    )
    written = services.matches_update_member(member_id=newcomer.pk)
    assert services.current_engine() is not warm
    assert written.lists > 1  # their own list and those of the members who ask for catering
    assert Recommendation.objects.filter(member=newcomer).exists()
    assert Recommendation.objects.filter(candidate=newcomer).exists()
