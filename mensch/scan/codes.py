"""The signed, revocable, expiring link inside a member's code, and its QR drawing.

The token is ``django.core.signing`` over ``{"m": member id, "n": nonce}`` with a timestamp:
a changed character fails the signature, an old timestamp fails ``MENSCH_SCAN_CODE_DAYS``,
and a nonce other than the member's current one means the code was revoked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import segno
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.scan.models import ScanCode, new_nonce

SALT = "mensch.scan.code"
DAY = 86_400

Problem = Literal["invalid", "expired", "revoked"]

PROBLEMS: dict[Problem, str] = {
    "invalid": "This code is not a valid Mensch code: it may have been copied wrongly. "
    "Ask the person to show their code again.",
    "expired": "This code has expired. Ask the person to show their code again: "
    "the one on their phone is always current.",
    "revoked": "This code was revoked by its owner and no longer works. "
    "Ask the person to show their current code.",
}


class CodeError(Exception):
    """A code that does not lead to a member; ``message`` says why, in words."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.message = PROBLEMS[problem]
        super().__init__(self.message)


def scan_code_of(member: User) -> ScanCode:
    """The member's code version, made on first use."""
    code = ScanCode.objects.filter(member=member).first()
    if code is not None:
        return code
    try:
        with transaction.atomic():
            return ScanCode.objects.create(member=member)
    except IntegrityError:  # made by a parallel request
        return ScanCode.objects.get(member=member)


def token_for(code: ScanCode) -> str:
    return signing.dumps({"m": code.member_id, "n": code.nonce}, salt=SALT, compress=True)


def code_path(code: ScanCode) -> str:
    return reverse("scan_open", args=[token_for(code)])


def code_url(code: ScanCode, base: str | None = None) -> str:
    """The absolute link a phone camera opens; ``base`` defaults to ``SITE_URL``."""
    return f"{(base or settings.SITE_URL).rstrip('/')}{code_path(code)}"


def member_for_token(token: str) -> User:
    """The member a token names, or :class:`CodeError` saying why not."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.SCAN_CODE_DAYS * DAY)
    except signing.SignatureExpired as exc:
        raise CodeError("expired") from exc
    except signing.BadSignature as exc:
        raise CodeError("invalid") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("m"), int):
        raise CodeError("invalid")
    code = ScanCode.objects.select_related("member").filter(member_id=payload["m"]).first()
    if code is None or not code.member.is_active:
        raise CodeError("invalid")
    if code.nonce != payload.get("n"):
        raise CodeError("revoked")
    return code.member


@transaction.atomic
def scan_code_revoke(*, member: User) -> ScanCode:
    """Every code of the member shown or printed so far stops working; a new one begins."""
    code = ScanCode.objects.select_for_update().filter(member=member).first()
    if code is None:
        code = scan_code_of(member)
    code.version += 1
    code.nonce = new_nonce()
    code.revoked_at = timezone.now()
    code.save(update_fields=["version", "nonce", "revoked_at"])
    return code


@dataclass(frozen=True)
class Drawing:
    """A QR code as dark modules: ``size`` squares a side, quiet zone included."""

    size: int
    rows: list[list[bool]]


def qr_drawing(url: str, border: int = 2) -> Drawing:
    """For printing in bulk: a fixed mask pattern. Every mask reads; choosing the best one
    costs most of the time of a badge, which a 300-person event multiplies."""
    qr = segno.make(url, error="m", micro=False, mask=4)
    rows = [[bool(cell) for cell in row] for row in qr.matrix_iter(scale=1, border=border)]
    return Drawing(len(rows), rows)


def qr_svg(url: str) -> str:
    """Inline SVG that scales to its box (no width/height, a viewBox), dark on white."""
    qr = segno.make(url, error="m", micro=False)
    return str(
        qr.svg_inline(
            scale=1,
            border=2,
            omitsize=True,
            dark="#000",
            light="#fff",
            svgclass="scan-qr",
            title="Scan-to-connect code",
        )
    )
