"""Keep the shared "New in <city>" lists current: a profile saved (a newcomer, a move, a
profile shown again) or deleted renews its city's list in every process."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from mensch.core.cached import bump
from mensch.profiles.models import Profile
from mensch.web.selectors import city_version


@receiver(post_save, sender=Profile, dispatch_uid="web.profile_saved")
@receiver(post_delete, sender=Profile, dispatch_uid="web.profile_deleted")
def on_profile_written(sender: type[Profile], *, instance: Profile, **kwargs: Any) -> None:
    if instance.location:
        bump(city_version(instance.location))
