"""Typed requests: views behind ``login_required`` get an ``AuthenticatedHttpRequest``.

Django types ``request.user`` as ``User | AnonymousUser``. A view that only runs for a
signed-in member annotates its request with this class instead, so the type checker knows
``request.user`` is a member, without a cast or an ignore at every use (as healthchecks
does in ``hc/accounts/http.py``). API operations get the same: every route needs
authentication, so django-ninja only calls them with a member.
"""

from __future__ import annotations

from django.http import HttpRequest

from mensch.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User  # narrowed on purpose: login_required (and the API's auth) guarantee it
