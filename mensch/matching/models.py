"""Stored recommendations: the engine's last answer to "who should I meet, and why?"."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class Recommendation(models.Model):
    # No index of its own: the unique (member, candidate) index serves every lookup by
    # member, and one index fewer makes each list write cheaper.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="recommendations",
        db_index=False,
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    reason = models.CharField(max_length=600)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ("member", "rank")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["member", "candidate"], name="recommendation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.candidate_id} (#{self.rank})"


class RecommendationList(models.Model):
    """One member's stored list in brief, written with its rows: how many people it holds
    and its last place (the lowest score). A profile edit reads these to find the lists
    the member now enters without reading every list's rows; a member without one counts
    as having a list that is not full."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    size = models.PositiveSmallIntegerField()
    last_place = models.FloatField()

    def __str__(self) -> str:
        return f"{self.member_id}: {self.size} (last {self.last_place})"


class TextEmbedding(models.Model):
    """One text's vector from a model whose vectors depend on the text alone (the semantic
    one), kept so that a recompute embeds only new or changed texts."""

    model = models.CharField(max_length=100)
    digest = models.CharField(max_length=32)  # mensch.engine.matching.text_digest
    vector = models.BinaryField()  # float32, little-endian

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["model", "digest"], name="text_embedding_once"),
        ]

    def __str__(self) -> str:
        return f"{self.model}:{self.digest}"


class ProfileChange(models.Model):
    """A member's profile changed: how every worker's warm engine catches up with edits
    that other workers (or machines) handled. Pruned by the periodic batch."""

    member_id = models.PositiveBigIntegerField()  # a user id; the user may be gone since
    changed_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.member_id} at {self.changed_at:%Y-%m-%d %H:%M:%S}"
