"""Admin for event chats. A message's text (already seen by the event's attendees) is on its
own page, not in the list; organizers moderate on the site, so this is view-only."""

from __future__ import annotations

from django.contrib import admin

from mensch.accounts.admin import ViewOnlyAdmin
from mensch.chat.models import ChatMessage, ChatRestriction


@admin.register(ChatMessage)
class ChatMessageAdmin(ViewOnlyAdmin):
    list_display = ("id", "event", "author", "created_at", "collapsed", "hidden_at")
    list_filter = ("collapsed",)
    list_select_related = ("event", "author")
    search_fields = ("event__title", "author__email")


@admin.register(ChatRestriction)
class ChatRestrictionAdmin(ViewOnlyAdmin):
    list_display = ("member", "kind", "event", "created_by", "created_at")
    list_filter = ("kind",)
    list_select_related = ("member", "event", "created_by")
    search_fields = ("member__email", "event__title")
