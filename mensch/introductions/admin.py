"""Admin for introductions: who asked whom, the state and the dates; the reason and the
notes, written for the other member, are not shown."""

from __future__ import annotations

from django.contrib import admin

from mensch.accounts.admin import ViewOnlyAdmin
from mensch.introductions.models import Introduction


@admin.register(Introduction)
class IntroductionAdmin(ViewOnlyAdmin):
    list_display = ("id", "requester", "recipient", "introducer", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("requester", "recipient", "introducer")
    search_fields = ("requester__email", "recipient__email", "introducer__email")
    exclude = ("reason", "requester_note", "recipient_note")
