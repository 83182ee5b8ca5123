"""A block ends any pending introduction between the two members."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from mensch.accounts.models import User
from mensch.connections.models import Block
from mensch.connections.signals import member_blocked
from mensch.introductions.services import introductions_cancel_between


@receiver(member_blocked, dispatch_uid="introductions.member_blocked")
def on_member_blocked(sender: type[Block], *, blocker: User, blocked: User, **kwargs: Any) -> None:
    introductions_cancel_between(blocker=blocker, blocked=blocked)
