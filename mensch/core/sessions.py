"""Sessions kept in the database (``SESSION_ENGINE`` without Redis), read by a prepared read.

Django's database sessions, with one change: every signed-in page's read of its session
row, ``Session.objects.get(session_key=…, expire_date__gt=now)``, is a
:class:`~mensch.core.prepared.PreparedRead` instead of a queryset built and compiled each
time. The same row, the same instance; saving, expiry, key rotation and clearing are
Django's. With Redis the session comes from the cache (``cached_db``) and the database is
read only on a miss, so that engine is left as it is.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from mensch.core.prepared import PreparedRead

_live_session = PreparedRead(Session, ("session_key", "="), ("expire_date", ">"))


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        if self.model is not Session:  # a subclass with its own model: Django's read
            # Not in django-stubs' SessionStore, which types only the public methods.
            return super()._get_session_from_db()  # type: ignore[misc]
        session = _live_session(self.session_key, timezone.now())
        if session is None:
            self._session_key = None  # as Django's: an unknown or expired key is dropped
        return session
