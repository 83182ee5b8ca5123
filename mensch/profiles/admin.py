"""Admin for profiles: staff hide a profile or fix an ask or offer; private contact details
are not shown (see mensch/accounts/admin.py for the rule)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from mensch.profiles.models import Ask, Offer, Profile


class AskInline(admin.TabularInline):
    model = Ask
    fields = ("kind", "text", "position")
    extra = 0


class OfferInline(admin.TabularInline):
    model = Offer
    fields = ("kind", "text", "position")
    extra = 0


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "headline", "industry", "location", "is_hidden", "updated_at")
    list_filter = ("is_hidden",)
    list_select_related = ("user",)
    search_fields = (
        "user__email",
        "user__first_name",
        "user__last_name",
        "headline",
        "industry",
        "location",
    )
    fields = (
        "user",
        "headline",
        "what_i_do",
        "industry",
        "location",
        "languages",
        "goals",
        "is_hidden",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("user", "created_at", "updated_at")
    inlines = (AskInline, OfferInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # every account gets its profile when it is created
