"""Admin for the stored people-to-meet lists (recomputed by the worker, so view-only)."""

from __future__ import annotations

from django.contrib import admin

from mensch.accounts.admin import ViewOnlyAdmin
from mensch.matching.models import Recommendation


@admin.register(Recommendation)
class RecommendationAdmin(ViewOnlyAdmin):
    list_display = ("member", "rank", "candidate", "score", "computed_at")
    list_select_related = ("member", "candidate")
    search_fields = ("member__email", "candidate__email")
