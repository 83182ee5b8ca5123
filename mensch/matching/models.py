"""Stored recommendations: the engine's last answer to "who should I meet, and why?"."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class Recommendation(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recommendations"
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
