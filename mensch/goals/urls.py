from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mensch.goals import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("goals/", views.goals, name="goals"),
    path("goals/<int:goal_id>/delete/", views.goal_delete, name="goal_delete"),
    path("roi/", views.roi_dashboard, name="roi"),
    path("roi/export.csv", views.roi_export, name="roi_export"),
    path("roi/organizer/", views.roi_organizer, name="roi_organizer"),
    path("roi/events/<int:event_id>/", views.roi_event, name="roi_event"),
]
