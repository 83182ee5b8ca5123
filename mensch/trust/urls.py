from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mensch.trust import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("trust/", views.trust_mine, name="trust_mine"),
    path("trust/coach/", views.coach_panel, name="coach_panel"),
    path("specialists/", views.specialists, name="specialists"),
    path("specialists/<int:profile_id>/", views.specialist_detail, name="specialist_detail"),
    path(
        "specialists/<int:profile_id>/endorse/",
        views.endorsement_create,
        name="endorsement_create",
    ),
    path("endorsements/review/", views.endorsement_review_list, name="endorsement_review_list"),
    path(
        "endorsements/<int:endorsement_id>/edit/", views.endorsement_edit, name="endorsement_edit"
    ),
    path(
        "endorsements/<int:endorsement_id>/withdraw/",
        views.endorsement_withdraw,
        name="endorsement_withdraw",
    ),
    path(
        "endorsements/<int:endorsement_id>/report/",
        views.endorsement_report,
        name="endorsement_report",
    ),
    path(
        "endorsements/<int:endorsement_id>/review/<str:verdict>/",
        views.endorsement_review,
        name="endorsement_review",
    ),
]
