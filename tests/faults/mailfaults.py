"""Email backends that fail the way a real mail server does, for the fault tests."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from typing import Any, ClassVar

from django.core.mail.backends.locmem import EmailBackend
from django.core.mail.message import EmailMessage


class FlakyEmailBackend(EmailBackend):
    """The mail server is down for the first ``failures`` sends, then delivers to
    ``mail.outbox`` like the test backend. ``attempts`` counts every send tried."""

    failures: ClassVar[int] = 0
    attempts: ClassVar[int] = 0

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        FlakyEmailBackend.attempts += 1
        if FlakyEmailBackend.failures > 0:
            FlakyEmailBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class WorkerKilled(BaseException):
    """Raised by :class:`DyingEmailBackend` while sending: the worker process dies there."""


class DyingEmailBackend(EmailBackend):
    """The worker is killed in the middle of the SMTP conversation."""

    def send_messages(self, messages: Sequence[EmailMessage], **kwargs: Any) -> int:
        raise WorkerKilled
