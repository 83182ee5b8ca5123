"""Scheduled ledger work: thin tasks that call a service."""

from __future__ import annotations

from django.tasks import task

from mensch.ledger.exchanges import referral_exchanges_expire


@task()
def expire_referral_exchanges() -> int:
    """Mark open exchanges past their expiry; pages treat them as expired even before."""
    return referral_exchanges_expire()
