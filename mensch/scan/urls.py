"""Scan to connect: my code, opening someone's code, answering a scan, event badges."""

from __future__ import annotations

from django.urls import path

from mensch.core.converters import register_choice
from mensch.scan import views

register_choice("met", "yes", "no")

urlpatterns = [
    path("scan/", views.my_code, name="scan_code"),
    path("scan/panel/", views.my_code_panel, name="scan_code_panel"),
    path("scan/revoke/", views.code_revoke, name="scan_code_revoke"),
    path("scan/c/<str:token>/", views.scan_open, name="scan_open"),
    path("scan/c/<str:token>/connect/", views.scan_connect, name="scan_connect"),
    path("scan/scans/<int:scan_id>/", views.scan_detail, name="scan_detail"),
    path("scan/scans/<int:scan_id>/<met:answer>/", views.scan_answer, name="scan_answer"),
    path("events/<int:event_id>/badges/", views.badges, name="scan_badges"),
    path("events/<int:event_id>/badges/status/", views.badges_status, name="scan_badges_status"),
    path(
        "events/<int:event_id>/badges/download/",
        views.badges_download,
        name="scan_badges_download",
    ),
]
