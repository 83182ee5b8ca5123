"""A changed profile updates the lists it enters or leaves (in the worker)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from mensch.matching.services import profile_change_record
from mensch.matching.tasks import matches_request_refresh
from mensch.profiles.models import Profile
from mensch.profiles.signals import profile_changed


@receiver(profile_changed, dispatch_uid="matching.profile_changed")
def on_profile_changed(sender: type[Profile], *, profile: Profile, **kwargs: Any) -> None:
    profile_change_record(member_id=profile.user_id)
    matches_request_refresh(profile.user_id)
