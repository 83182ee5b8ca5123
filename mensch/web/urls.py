"""The front page, the dashboard, a member's page and "all my data"."""

from __future__ import annotations

from django.urls import path

from mensch.web import calendar_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("members/<int:profile_id>/", views.member_detail, name="member_detail"),
    path("settings/calendar/", calendar_views.calendar_settings, name="calendar_settings"),
    path("settings/calendar/renew/", calendar_views.calendar_renew, name="calendar_renew"),
    path("settings/calendar/revoke/", calendar_views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", calendar_views.calendar_feed, name="calendar_feed"),
    path("settings/export/", views.data_export, name="data_export"),
    path("settings/export/download/", views.data_export_download, name="data_export_download"),
]
