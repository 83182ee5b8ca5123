"""Other capabilities react to a block without this app knowing them.

``member_blocked``: receivers get ``blocker`` and ``blocked`` (Users), inside the
transaction that stored the block.
"""

from __future__ import annotations

from django.dispatch import Signal

member_blocked = Signal()
