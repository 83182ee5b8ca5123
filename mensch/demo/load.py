"""Load the generated demo community into the database (Django side of ``mensch.demo``).

Idempotent: members are keyed by email, so running it twice adds nobody twice.
All demo accounts share one password, hashed once (argon2 is slow on purpose).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from tqdm import tqdm

from mensch.accounts.models import User
from mensch.core.registry import contributions
from mensch.demo import people
from mensch.profiles.models import Ask, Offer, Profile


@dataclass(frozen=True)
class DemoSummary:
    members: int
    created: int
    asks: int
    offers: int
    member_email: str
    organizer_email: str
    member_emails: tuple[str, ...]


def demo_load(
    *, members: int = 300, seed: int = 7, password: str, progress: bool = False
) -> DemoSummary:
    generated = people.generate_people(members, seed=seed)
    organizer = people.demo_organizer()
    everyone = [organizer, *generated]
    password_hash = make_password(password)
    existing = set(
        User.objects.filter(email__in=[p.email.lower() for p in everyone]).values_list(
            "email", flat=True
        )
    )
    to_create = [p for p in everyone if p.email.lower() not in existing]
    with transaction.atomic():
        for person in tqdm(
            to_create, desc="Demo members", unit="member", disable=not progress, leave=False
        ):
            _create_person(person, password_hash, is_organizer=person is organizer)
    return DemoSummary(
        members=len(everyone),
        created=len(to_create),
        asks=Ask.objects.filter(
            profile__user__email__in=[p.email.lower() for p in everyone]
        ).count(),
        offers=Offer.objects.filter(
            profile__user__email__in=[p.email.lower() for p in everyone]
        ).count(),
        member_email=generated[0].email.lower() if generated else "",
        organizer_email=organizer.email.lower(),
        member_emails=tuple(p.email.lower() for p in generated),
    )


def _create_person(person: people.DemoPerson, password_hash: str, *, is_organizer: bool) -> None:
    user = User.objects.create(
        email=person.email.lower(),
        first_name=person.first_name,
        last_name=person.last_name,
        password=password_hash,
        is_organizer=is_organizer,
    )
    profile = Profile.objects.get(user=user)  # made with the account
    Profile.objects.filter(pk=profile.pk).update(
        headline=person.headline,
        what_i_do=person.what_i_do,
        industry=person.industry,
        location=person.location,
        languages=", ".join(person.languages),
        goals=person.goals,
        contact_email=person.email.lower(),
        phone=person.phone,
        website=person.website,
    )
    Ask.objects.bulk_create(
        Ask(profile=profile, kind=item.kind, text=item.text, position=index)
        for index, item in enumerate(person.asks)
    )
    Offer.objects.bulk_create(
        Offer(profile=profile, kind=item.kind, text=item.text, position=index)
        for index, item in enumerate(person.offers)
    )


def demo_load_capabilities(summary: DemoSummary, *, seed: int = 7) -> list[str]:
    """Run every app's demo loader, floor by floor (events make meetings, meetings make
    follow-ups, and so on); returns their one-line summaries."""
    by_email = {u.email: u for u in User.objects.filter(email__in=summary.member_emails)}
    members = [by_email[email] for email in summary.member_emails if email in by_email]
    organizer = User.objects.get(email=summary.organizer_email)
    lines = []
    for config, module in contributions("demo"):
        with transaction.atomic():
            made = module.load_demo(members=members, organizer=organizer, seed=seed)
        lines.append(f"{config.label}: {made}")
    return lines
