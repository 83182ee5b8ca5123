"""Your profile, asks and offers, and the member directory."""

from __future__ import annotations

from django.urls import path

from mensch.core.converters import register_choice
from mensch.profiles import views

register_choice("side", "ask", "offer")

urlpatterns = [
    path("profile/", views.profile_edit, name="profile_edit"),
    path("profile/<side:side>s/", views.item_add, name="item_add"),
    path(
        "profile/<side:side>s/<int:item_id>/delete/",
        views.item_delete,
        name="item_delete",
    ),
    path("members/", views.directory, name="directory"),
]
