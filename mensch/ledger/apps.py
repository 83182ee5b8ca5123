from __future__ import annotations

from datetime import timedelta

from mensch.core import registry
from mensch.core.schedule import Periodic


class LedgerConfig(registry.CapabilityConfig):
    name = "mensch.ledger"
    label = "ledger"
    verbose_name = "Give-first ledger and referral exchange"
    api_prefix = "/ledger"
    dashboard_order = 30
    periodic_jobs = {
        "referral_exchanges_expire": Periodic(
            "mensch.ledger.exchanges.referral_exchanges_expire", timedelta(hours=1)
        )
    }

    def ready(self) -> None:
        from mensch.ledger import receivers  # noqa: F401, PLC0415 -- importing connects them, once models are ready
        from mensch.ledger.selectors import verified_favours  # noqa: PLC0415 -- models are ready now
        from mensch.trust.interactions import favour_reader  # noqa: PLC0415 -- models are ready now

        favour_reader.install(verified_favours)
