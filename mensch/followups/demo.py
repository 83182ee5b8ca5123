"""Demo follow-through: promises both ways, manual tasks, some done on time, some late,
some overdue, for the demo members who have contacts."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Contact
from mensch.followups.models import FollowUp

PROMISES_MINE = ("Send the case study", "Share my pricing sheet", "Introduce them to my accountant")
PROMISES_THEIRS = ("Send the deck", "Intro to their CFO", "Share the venue contact")


def load_demo(*, members: list[User], organizer: User, seed: int) -> str:
    if FollowUp.objects.filter(source_key__startswith="demo:").exists():
        return "follow-ups already loaded"
    rng = random.Random(seed)
    today = timezone.localdate()
    made = 0
    with transaction.atomic():
        for owner in members[:5]:
            contacts = list(Contact.objects.filter(owner=owner).order_by("pk")[:8])
            for index, contact in enumerate(contacts):
                mine = index % 2 == 0
                due = today + timedelta(days=rng.randint(-10, 14))
                task = FollowUp(
                    owner=owner,
                    contact=contact,
                    kind=FollowUp.Kind.PROMISE,
                    owed_by=FollowUp.OwedBy.ME if mine else FollowUp.OwedBy.THEM,
                    title=rng.choice(PROMISES_MINE if mine else PROMISES_THEIRS),
                    due_on=due,
                    original_due_on=due,
                    source_key=f"demo:promise:{contact.pk}",
                    created_at=timezone.now() - timedelta(days=20),
                )
                if due < today and rng.random() < 0.6:
                    task.status = FollowUp.Status.DONE
                    late = rng.random() < 0.3
                    task.done_at = timezone.now() - timedelta(
                        days=(today - due).days - (2 if late else 0)
                    )
                task.full_clean()
                task.save()
                made += 1
            for number, title in enumerate(
                ("Write up notes from the breakfast", "Update my offers")
            ):
                due = today + timedelta(days=number * 3 - 1)
                FollowUp.objects.create(
                    owner=owner,
                    title=title,
                    due_on=due,
                    original_due_on=due,
                    source_key=f"demo:manual:{number}",
                )
                made += 1
    return f"{made} follow-up tasks"
