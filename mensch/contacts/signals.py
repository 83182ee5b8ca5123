"""Apps that keep rows about a contact follow its merges without this app knowing them.

``contacts_merged``: receivers get ``keep`` and ``other`` (two Contacts of the same
owner), sent inside the merge's transaction after ``other``'s timeline and tags moved to
``keep`` and before ``other`` is deleted: a receiver moves its own rows from ``other``
to ``keep``, or they go with ``other``.
"""

from __future__ import annotations

from django.dispatch import Signal

contacts_merged = Signal()
