"""Other capabilities react to profile changes without this app knowing them.

``profile_changed``: receivers get ``profile`` (the Profile whose text, asks or offers
changed), sent inside the transaction that saved the change.
"""

from __future__ import annotations

from django.dispatch import Signal

profile_changed = Signal()
