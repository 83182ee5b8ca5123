"""Who should meet whom depends on every profile: a changed profile asks for a recompute."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from mensch.matching.tasks import matches_request_refresh
from mensch.profiles.models import Profile
from mensch.profiles.signals import profile_changed


@receiver(profile_changed, dispatch_uid="matching.profile_changed")
def on_profile_changed(sender: type[Profile], *, profile: Profile, **kwargs: Any) -> None:
    matches_request_refresh()
