"""Accounts listen to their own model: a new password revokes the member's API tokens."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from mensch.accounts import services
from mensch.accounts.models import User, password_changed


@receiver(password_changed, dispatch_uid="accounts.revoke_tokens_on_new_password")
def revoke_tokens_on_new_password(sender: type[User], user: User, **kwargs: Any) -> None:
    services.api_tokens_revoke_after_password_change(user=user)
