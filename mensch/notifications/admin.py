"""Admin for notifications: what was sent to whom and when, not the text."""

from __future__ import annotations

from django.contrib import admin

from mensch.accounts.admin import ViewOnlyAdmin
from mensch.notifications.models import EmailPreference, Notification


@admin.register(Notification)
class NotificationAdmin(ViewOnlyAdmin):
    list_display = (
        "recipient",
        "kind",
        "title",
        "created_at",
        "read_at",
        "emailed_at",
        "email_attempts",
        "email_failed_at",
    )
    list_filter = ("kind", ("email_failed_at", admin.EmptyFieldListFilter))
    list_select_related = ("recipient",)
    search_fields = ("recipient__email", "kind")
    exclude = ("body",)


@admin.register(EmailPreference)
class EmailPreferenceAdmin(ViewOnlyAdmin):
    list_display = ("member", "notifications", "daily_digest", "updated_at")
    list_filter = ("notifications", "daily_digest")
    list_select_related = ("member",)
    search_fields = ("member__email",)
