"""Connections, message threads and blocks."""

from __future__ import annotations

from django.urls import path

from mensch.connections import views

urlpatterns = [
    path("connections/", views.connections, name="connections"),
    path("connections/<int:profile_id>/", views.thread, name="thread"),
    path("connections/<int:profile_id>/poll/", views.thread_poll, name="thread_poll"),
    path("members/<int:profile_id>/block/", views.block, name="block"),
    path("members/<int:profile_id>/unblock/", views.unblock, name="unblock"),
]
