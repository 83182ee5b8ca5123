"""An accepted brokered introduction credits the member who made it."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from mensch.introductions.models import Introduction
from mensch.introductions.signals import introduction_accepted
from mensch.ledger.services import ledger_credit_introduction


@receiver(introduction_accepted, dispatch_uid="ledger.credit_introducer")
def on_introduction_accepted(
    sender: type[Introduction], *, introduction: Introduction, **kwargs: Any
) -> None:
    ledger_credit_introduction(introduction=introduction)
