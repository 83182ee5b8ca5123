"""People to meet."""

from __future__ import annotations

from django.urls import path

from mensch.matching import views

urlpatterns = [
    path("people-to-meet/", views.people_to_meet_page, name="people_to_meet"),
]
