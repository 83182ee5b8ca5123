from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mensch.accounts.models import User
from mensch.events import services
from mensch.events.models import Event, Rsvp
from mensch.profiles.models import Ask, Profile


def make_organizer(first_name: str = "Olga") -> User:
    from tests.factories import make_member

    user = make_member(first_name, last_name="Organizer")
    user.is_organizer = True
    user.save(update_fields=["is_organizer"])
    return user


def happening_event(
    organizer: User,
    *,
    title: str = "Studio owners breakfast",
    capacity: int = 20,
    started: timedelta = timedelta(minutes=30),
) -> Event:
    """A published event that began ``started`` ago and runs two hours."""
    starts = timezone.now() - started
    event = services.event_create(
        organizer=organizer,
        title=title,
        description="A talk on pricing, then rounds.",
        venue="The Workshop Rooms",
        address="",
        sponsors="",
        price="0",
        currency="EUR",
        capacity=capacity,
        time_zone="UTC",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    services.event_publish(event=event)
    return Event.objects.get(pk=event.pk)


def bulk_attendees(event: Event, count: int) -> list[User]:
    """``count`` members going to ``event``, made in a few queries (not through sign-up)."""
    User.objects.bulk_create(
        [
            User(
                email=f"badge.guest{n}@example.org",
                first_name=f"Guest{n:03d}",
                last_name="Badgeholder",
                password="!",
            )
            for n in range(count)
        ]
    )
    users = list(User.objects.filter(email__startswith="badge.guest").order_by("pk"))
    Profile.objects.bulk_create(
        [
            Profile(user=u, headline=f"Bookkeeper for studios, number {n}")
            for n, u in enumerate(users)
        ]
    )
    profiles = {p.user_id: p for p in Profile.objects.filter(user__in=users)}
    Ask.objects.bulk_create(
        [
            Ask(profile=profiles[u.pk], kind="client", text=f"clients for service {n}")
            for n, u in enumerate(users)
        ]
    )
    Rsvp.objects.bulk_create([Rsvp(event=event, member=u) for u in users])
    return users
