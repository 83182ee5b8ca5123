from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mensch.followups import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("followups/", views.followup_list, name="followups"),
    path("followups/overdue/", views.followup_overdue, name="followups_overdue"),
    path("followups/<int:followup_id>/done/", views.followup_done, name="followup_done"),
    path("followups/<int:followup_id>/snooze/", views.followup_snooze, name="followup_snooze"),
    path("followups/<int:followup_id>/dismiss/", views.followup_dismiss, name="followup_dismiss"),
    path("followups/calendar/", views.calendar_settings, name="followup_calendar"),
    path("followups/calendar/<str:token>.ics", views.calendar_feed, name="followup_feed"),
]
