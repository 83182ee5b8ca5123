"""Confirmed meetings and "follow up?"."""

from __future__ import annotations

from django.urls import path

from mensch.core.converters import register_choice
from mensch.meetings import views

register_choice("answer", "yes", "no")

urlpatterns = [
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/tick/<int:profile_id>/", views.meeting_tick, name="meeting_tick"),
    path(
        "meetings/<int:meeting_id>/follow-up/<answer:answer>/",
        views.meeting_follow_up,
        name="meeting_follow_up",
    ),
]
