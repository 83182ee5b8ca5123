from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, register_converter

from mensch.ledger import views


class EntryActionConverter:
    regex = "deliver|confirm|thank|close"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(EntryActionConverter, "ledger_action")

urlpatterns: list[URLPattern | URLResolver] = [
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/record/", views.ledger_record, name="ledger_record"),
    path("ledger/export.csv", views.ledger_export, name="ledger_export"),
    path("ledger/<int:entry_id>/", views.ledger_entry, name="ledger_entry"),
    path(
        "ledger/<int:entry_id>/<ledger_action:action>/",
        views.ledger_entry_action,
        name="ledger_entry_action",
    ),
    path("referral-exchanges/", views.referral_exchanges, name="referral_exchanges"),
    path(
        "referral-exchanges/<int:exchange_id>/",
        views.referral_exchange,
        name="referral_exchange",
    ),
    path(
        "referral-exchanges/<int:exchange_id>/cancel/",
        views.referral_exchange_cancel,
        name="referral_exchange_cancel",
    ),
]
