from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mensch.chat import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("events/<int:event_id>/chat/", views.chat_page, name="chat"),
    path("events/<int:event_id>/chat/messages/", views.chat_poll, name="chat_poll"),
    path(
        "chat/messages/<int:message_id>/<str:action>/",
        views.chat_message_hide,
        name="chat_message_hide",
    ),
    path(
        "events/<int:event_id>/chat/members/<int:profile_id>/<str:action>/",
        views.chat_member_moderate,
        name="chat_member_moderate",
    ),
]
