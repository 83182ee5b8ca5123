"""Row locks taken the same way everywhere, so concurrent writes wait instead of deadlocking.

Two rules keep PostgreSQL from finding a deadlock among the services:

- lock every row a write must serialise on *at its start*, all of them at once, in
  ascending primary key order (``ORDER BY pk`` locks rows in that order), so two
  transactions that need the same rows queue in the same order;
- lock with ``FOR NO KEY UPDATE``, which does not conflict with the ``FOR KEY SHARE``
  lock PostgreSQL takes on a referenced row when a row pointing at it is inserted
  (a notification to that member, a message by them). A plain ``FOR UPDATE`` does,
  and that crossing was the deadlock between two members asking each other for an
  introduction at the same moment.

SQLite ignores row locks; it lets one writer at a time in, which serialises as well.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models


def lock_rows(model: type[models.Model], pks: Iterable[int]) -> list[int]:
    """Lock the rows of ``model`` with these primary keys until the transaction ends.

    Call inside ``transaction.atomic``; returns the keys locked, ascending.
    """
    wanted = sorted(set(pks))
    return list(
        model._default_manager.select_for_update(no_key=True)
        .filter(pk__in=wanted)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
