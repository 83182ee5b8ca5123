"""Admin for endorsements, their reports and trust scores. Staff review reported
endorsements on the site's review page, so this is view-only."""

from __future__ import annotations

from django.contrib import admin

from mensch.accounts.admin import ViewOnlyAdmin
from mensch.trust.models import Endorsement, EndorsementReport, TrustScore


@admin.register(Endorsement)
class EndorsementAdmin(ViewOnlyAdmin):
    list_display = ("id", "author", "member", "basis", "created_at", "hidden_at", "removed_at")
    list_filter = ("basis",)
    list_select_related = ("author", "member")
    search_fields = ("author__email", "member__email")


@admin.register(EndorsementReport)
class EndorsementReportAdmin(ViewOnlyAdmin):
    list_display = ("id", "endorsement", "reporter", "created_at")
    list_select_related = ("reporter",)
    search_fields = ("reporter__email",)


@admin.register(TrustScore)
class TrustScoreAdmin(ViewOnlyAdmin):
    list_display = ("member", "display", "band", "rank", "is_seed", "computed_at")
    list_filter = ("band", "is_seed")
    list_select_related = ("member",)
    search_fields = ("member__email",)
