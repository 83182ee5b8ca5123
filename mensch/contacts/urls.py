from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from mensch.contacts import card_views, import_views, views

urlpatterns: list[URLPattern | URLResolver] = [
    path("contacts/", views.contact_list, name="contacts"),
    path("contacts/new/", views.contact_new, name="contact_new"),
    path("contacts/met-at-event/", views.met_at_event, name="contacts_met_at_event"),
    path("contacts/keep-in-touch/", views.keep_in_touch, name="keep_in_touch"),
    path("contacts/import/", import_views.import_upload, name="contact_import"),
    path(
        "contacts/import/preview/", import_views.import_preview_page, name="contact_import_preview"
    ),
    path("contacts/import/confirm/", import_views.import_confirm, name="contact_import_confirm"),
    path("contacts/export/", import_views.export_page, name="contact_export"),
    path("contacts/cards/", card_views.card_upload, name="card_upload"),
    path("contacts/cards/review/", card_views.card_scans, name="card_scans"),
    path("contacts/cards/<int:scan_id>/", card_views.card_scan, name="card_scan"),
    path("contacts/cards/<int:scan_id>/image/", card_views.card_scan_image, name="card_scan_image"),
    path(
        "contacts/cards/<int:scan_id>/discard/",
        card_views.card_scan_discard,
        name="card_scan_discard",
    ),
    path(
        "contacts/<int:contact_id>/card/", card_views.contact_card_image, name="contact_card_image"
    ),
    path("contacts/export/contacts.vcf", import_views.export_vcard, name="contact_export_vcard"),
    path("contacts/export/contacts.csv", import_views.export_csv, name="contact_export_csv"),
    path("contacts/<int:contact_id>/", views.contact_detail, name="contact_detail"),
    path("contacts/<int:contact_id>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:contact_id>/delete/", views.contact_delete, name="contact_delete"),
    path("contacts/<int:contact_id>/notes/", views.note_add, name="contact_note_add"),
    path(
        "contacts/<int:contact_id>/interactions/",
        views.interaction_add,
        name="contact_interaction_add",
    ),
    path("contacts/<int:contact_id>/cadence/", views.contact_cadence, name="contact_cadence"),
    path("contacts/<int:contact_id>/brief/", views.contact_brief, name="contact_brief"),
    path(
        "contacts/interactions/<int:interaction_id>/delete/",
        views.interaction_delete,
        name="contact_interaction_delete",
    ),
]
