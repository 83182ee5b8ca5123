"""Meetings: propose times to a connection, book, move, cancel, "did it happen?", and the
confirmed meetings with "follow up?"."""

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
    path("meetings/propose/<int:profile_id>/", views.meeting_propose, name="meeting_propose"),
    path("meetings/proposals/<int:proposal_id>/", views.meeting_proposal, name="meeting_proposal"),
    path(
        "meetings/proposals/<int:proposal_id>/pick/<int:time_id>/",
        views.meeting_proposal_pick,
        name="meeting_proposal_pick",
    ),
    path(
        "meetings/proposals/<int:proposal_id>/other-times/",
        views.meeting_proposal_counter,
        name="meeting_proposal_counter",
    ),
    path(
        "meetings/proposals/<int:proposal_id>/decline/",
        views.meeting_proposal_decline,
        name="meeting_proposal_decline",
    ),
    path("meetings/booked/<int:meeting_id>/", views.scheduled_meeting, name="scheduled_meeting"),
    path(
        "meetings/booked/<int:meeting_id>/move/",
        views.scheduled_meeting_move,
        name="scheduled_meeting_move",
    ),
    path(
        "meetings/booked/<int:meeting_id>/cancel/",
        views.scheduled_meeting_cancel,
        name="scheduled_meeting_cancel",
    ),
    path(
        "meetings/booked/<int:meeting_id>/happened/<answer:answer>/",
        views.scheduled_meeting_answer,
        name="scheduled_meeting_answer",
    ),
    path("settings/time-zone/", views.time_zone_settings, name="time_zone_settings"),
]
