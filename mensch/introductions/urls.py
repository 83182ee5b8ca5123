"""Double-opt-in and brokered introductions."""

from __future__ import annotations

from django.urls import path

from mensch.core.converters import register_choice
from mensch.introductions import views

register_choice("decision", "accept", "decline")

urlpatterns = [
    path("introductions/", views.introductions, name="introductions"),
    path(
        "introductions/request/<int:profile_id>/",
        views.introduction_request,
        name="introduction_request",
    ),
    path(
        "introductions/<int:introduction_id>/<decision:decision>/",
        views.introduction_decide,
        name="introduction_decide",
    ),
    path(
        "introductions/<int:introduction_id>/withdraw/",
        views.introduction_withdraw,
        name="introduction_withdraw",
    ),
    path("introductions/broker/", views.introduction_broker, name="introduction_broker"),
]
