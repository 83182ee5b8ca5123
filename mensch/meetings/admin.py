"""Admin for meeting ticks and confirmed meetings."""

from __future__ import annotations

from django.contrib import admin

from mensch.accounts.admin import ViewOnlyAdmin
from mensch.meetings.models import Meeting, MeetingTick


@admin.register(Meeting)
class MeetingAdmin(ViewOnlyAdmin):
    list_display = ("id", "member_low", "member_high", "event", "met_on", "confirmed_at")
    list_select_related = ("member_low", "member_high", "event")
    search_fields = ("member_low__email", "member_high__email", "event__title")


@admin.register(MeetingTick)
class MeetingTickAdmin(ViewOnlyAdmin):
    list_display = ("id", "member", "other", "event", "created_at")
    list_select_related = ("member", "other", "event")
    search_fields = ("member__email", "other__email")
