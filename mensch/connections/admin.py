"""Admin for connections, blocks and messages: who and when; a message's body is never shown."""

from __future__ import annotations

from django.contrib import admin

from mensch.accounts.admin import ViewOnlyAdmin
from mensch.connections.models import Block, Connection, Message


@admin.register(Connection)
class ConnectionAdmin(ViewOnlyAdmin):
    list_display = ("id", "member_low", "member_high", "source", "created_at")
    list_filter = ("source",)
    list_select_related = ("member_low", "member_high")
    search_fields = ("member_low__email", "member_high__email")


@admin.register(Block)
class BlockAdmin(ViewOnlyAdmin):
    list_display = ("id", "blocker", "blocked", "created_at")
    list_select_related = ("blocker", "blocked")
    search_fields = ("blocker__email", "blocked__email")


@admin.register(Message)
class MessageAdmin(ViewOnlyAdmin):
    list_display = ("id", "connection", "sender", "created_at", "read_at")
    list_select_related = ("sender",)
    search_fields = ("sender__email",)
    exclude = ("body",)
