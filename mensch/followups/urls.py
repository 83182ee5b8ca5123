from __future__ import annotations

from django.urls import URLPattern, URLResolver, path
from django.views.generic import RedirectView

from mensch.followups import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("followups/", views.followup_list, name="followups"),
    path("followups/overdue/", views.followup_overdue, name="followups_overdue"),
    path("followups/reminders/", views.followup_reminders, name="followup_reminders"),
    path("followups/<int:followup_id>/done/", views.followup_done, name="followup_done"),
    path("followups/<int:followup_id>/snooze/", views.followup_snooze, name="followup_snooze"),
    path("followups/<int:followup_id>/dismiss/", views.followup_dismiss, name="followup_dismiss"),
    path("contacts/<int:contact_id>/promises/", views.promise_add, name="contact_promise_add"),
    # The follow-up calendar joined the one calendar feed (mensch.web): old addresses,
    # already in people's calendar apps, move there (301), the token unchanged.
    path(
        "followups/calendar/",
        RedirectView.as_view(pattern_name="calendar_settings", permanent=True),
    ),
    path(
        "followups/calendar/<str:token>.ics",
        RedirectView.as_view(pattern_name="calendar_feed", permanent=True),
    ),
]
