from __future__ import annotations

from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "mensch.ledger"
    label = "ledger"
    verbose_name = "Give-first ledger and referral exchange"

    def ready(self) -> None:
        from mensch.introductions.signals import introduction_accepted

        introduction_accepted.connect(_credit_introducer, dispatch_uid="ledger.credit_introducer")


def _credit_introducer(sender: object, introduction: object, **kwargs: object) -> None:
    from mensch.ledger.services import ledger_credit_introduction

    ledger_credit_introduction(introduction=introduction)
