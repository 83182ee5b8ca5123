"""Demo relationship memory: contacts, notes, tags and timelines for a few demo members."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.contacts.models import Interaction, Tag
from mensch.contacts.services import (
    contact_create,
    contact_for_member,
    interaction_log,
    tag_cadence_set,
)

OWNERS = 5
MEMBER_CONTACTS = 8
OUTSIDERS = (
    ("Inês Carvalho", "Carvalho Contabilidade", "Accountant", "inês"),
    ("Tom Becker", "Harbour Print", "Print shop owner", "tom"),
    ("Amara Nwosu", "Nwosu Legal", "Startup lawyer", "amara"),
    ("Lukas Brandt", "Brandt Ventures", "Angel investor", "lukas"),
    ("Sofia Marques", "Marques & Filha", "Bakery owner", "sofia"),
)
NOTES = (
    "Prefers **mornings**; always brings a notebook.",
    "Looking for a co-founder with sales experience.\n\n"
    "- follow up after the summer\n- ask about the Porto office",
    "Met their partner at the same event: *runs a design studio*.",
    "Great listener. Offered to review my pricing page.",
)
FACTS = ("two kids", "cycles to work", "runs marathons", "speaks four languages", "loves jazz")
KINDS = ("call", "message", "meeting", "favour", "message")


def load_demo(*, members: list[User], organizer: User, seed: int) -> str:
    if Interaction.objects.filter(source_key__startswith="demo:").exists():
        return "contacts already loaded"
    rng = random.Random(seed)
    today = timezone.localdate()
    contacts = interactions = 0
    with transaction.atomic():
        for owner in members[:OWNERS]:
            others = [m for m in members if m.pk != owner.pk]
            for other in rng.sample(others, min(MEMBER_CONTACTS, len(others))):
                contact = contact_for_member(owner=owner, member=other)
                contacts += 1
                tags = rng.sample(["clients", "partners", "mentors", "referrers"], 1)
                contact.tags.add(*_tags(owner, tags))
                for index in range(rng.randint(1, 4)):
                    interaction_log(
                        contact=contact,
                        kind=rng.choice(KINDS),
                        happened_on=today - timedelta(days=rng.randint(1, 200)),
                        initiated_by=rng.choice(["me", "them", "both"]),
                        source_key=f"demo:{index}",
                    )
                    interactions += 1
                interaction_log(
                    contact=contact, kind="note", body=rng.choice(NOTES), source_key="demo:note"
                )
                interactions += 1
            for name, company, role, handle in OUTSIDERS[: rng.randint(2, len(OUTSIDERS))]:
                contact = contact_create(
                    owner=owner,
                    name=name,
                    company=company,
                    role=role,
                    email=f"{handle.replace('ê', 'e')}@example.com",
                    tags="Lisbon",
                    facts="\n".join(rng.sample(FACTS, 2)),
                    met_how="Friend of a friend",
                    met_on=today - timedelta(days=rng.randint(30, 400)),
                )
                interaction_log(
                    contact=contact,
                    kind="met",
                    happened_on=contact.met_on,
                    source_key="demo:met",
                )
                contacts += 1
                interactions += 1
            _tags(owner, ["clients", "mentors"])  # the sampling above may have skipped one
            tag_cadence_set(owner=owner, name="clients", ideal_days=30, max_days=60)
            tag_cadence_set(owner=owner, name="mentors", ideal_days=60, max_days=120)
    return f"{contacts} contacts, {interactions} timeline entries"


def _tags(owner: User, names: list[str]) -> list[Tag]:
    return [Tag.objects.get_or_create(owner=owner, name=name)[0] for name in names]
