"""Admin for events, RSVPs and topics (organizers manage them on the site, so view-only)."""

from __future__ import annotations

from django.contrib import admin

from mensch.accounts.admin import ViewOnlyAdmin
from mensch.events.models import Event, Rsvp, Topic


@admin.register(Event)
class EventAdmin(ViewOnlyAdmin):
    list_display = ("title", "organizer", "starts_at", "status", "capacity")
    list_filter = ("status",)
    list_select_related = ("organizer",)
    search_fields = ("title", "venue", "organizer__email")
    date_hierarchy = "starts_at"


@admin.register(Rsvp)
class RsvpAdmin(ViewOnlyAdmin):
    list_display = ("event", "member", "status", "checked_in_at", "created_at")
    list_filter = ("status",)
    list_select_related = ("event", "member")
    search_fields = ("event__title", "member__email")


@admin.register(Topic)
class TopicAdmin(ViewOnlyAdmin):
    list_display = ("title", "event", "posted_by", "created_at")
    list_select_related = ("event", "posted_by")
    search_fields = ("title", "event__title")
