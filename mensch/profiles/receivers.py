"""Every account has a profile, however it was made: sign-up, ``createsuperuser``, the
admin or the demo. Code that reads ``user.profile`` can rely on it."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from mensch.accounts.models import User
from mensch.profiles import search
from mensch.profiles.models import Profile


@receiver(post_save, sender=User, dispatch_uid="profiles.account_created")
def on_account_created(
    sender: type[User], *, instance: User, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        profile, _ = Profile.objects.get_or_create(user=instance)
        # The new member is findable by name at once.
        search.documents_refresh([profile.pk])


@receiver(post_delete, sender=Profile, dispatch_uid="profiles.profile_deleted")
def on_profile_deleted(sender: type[Profile], *, instance: Profile, **kwargs: Any) -> None:
    search.documents_remove([instance.pk])
