"""Notifications, email settings and one-click unsubscribe."""

from __future__ import annotations

from django.urls import path

from mensch.notifications import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("settings/email/", views.email_settings, name="email_settings"),
    path("email/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
