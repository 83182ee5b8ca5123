"""A member's trust band, for limits below the trust app that grow with trust.

Introductions allow more requests a day as a member's band rises. The band is computed
by the trust app, which sits above introductions; rather than reach up, introductions
asks here, and the trust app installs its reader in ``TrustConfig.ready()``. Until a
reader is installed (or for a member with no score yet) everyone is "new".
"""

from __future__ import annotations

from collections.abc import Callable

from mensch.core.readers import Reader

BandReader = Callable[[int], str]


def _nobody_trusted(member_id: int) -> str:
    return "new"


band_reader: Reader[BandReader] = Reader(_nobody_trusted)


def band_of_member(member_id: int) -> str:
    """``"new"``, ``"building"``, ``"good"`` or ``"high"``."""
    return band_reader.read(member_id)
