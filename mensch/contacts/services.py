"""Every write to contacts, tags and interactions goes through here."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.selectors import can_see_contact_details
from mensch.contacts.models import Contact, Interaction, Tag
from mensch.contacts.search import search_index_remove, search_index_update
from mensch.contacts.signals import contacts_merged
from mensch.contacts.strength import Touch, strength
from mensch.core.text import normalise_line, validate_plain_text
from mensch.events.models import Event
from mensch.events.selectors import visible_events

CONTACT_FIELDS = (
    "name",
    "company",
    "role",
    "email",
    "phone",
    "url",
    "met_on",
    "met_event",
    "met_event_id",
    "introducer",
    "introducer_id",
    "met_how",
    "facts",
    "ideal_days",
    "max_days",
    "meeting_goal",
)
_ONE_LINE = {"name", "company", "role", "phone", "met_how", "meeting_goal"}
# Text fields a member may leave empty: null from a client means empty, never a 500.
_BLANK_TEXT = {"company", "role", "email", "phone", "url", "met_how", "facts", "meeting_goal"}
MAX_TAGS = 20
logger = logging.getLogger(__name__)
MAX_BATCH = 50


class Person(TypedDict, total=False):
    """One line of "people I met at this event"; a missing field is empty."""

    name: str
    company: str
    email: str


def _assign(contact: Contact, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise ValidationError({name: ["This field does not exist."] for name in sorted(unknown)})
    for name, value in fields.items():
        if value is None and name in _BLANK_TEXT:
            value = ""
        if name in _ONE_LINE and isinstance(value, str):
            value = normalise_line(value)
        elif name in {"email", "url", "facts"} and isinstance(value, str):
            value = value.strip()
        setattr(contact, name, value)


def _check_links(contact: Contact) -> None:
    """The event must be one the owner could see; the introducer one of their contacts."""
    errors: dict[str, list[str]] = {}
    if contact.introducer_id is not None and (
        contact.introducer_id == contact.pk
        or not Contact.objects.filter(pk=contact.introducer_id, owner_id=contact.owner_id).exists()
    ):
        errors["introducer"] = ["Choose one of your other contacts."]
    if (
        contact.met_event_id is not None
        and not visible_events(contact.owner).filter(pk=contact.met_event_id).exists()
    ):
        errors["met_event"] = ["Choose an event you can see."]
    if errors:
        raise ValidationError(errors)


def tag_names(raw: str | list[str]) -> list[str]:
    """``"clients, Lisbon"`` or a list → cleaned, de-duplicated names."""
    parts = raw.split(",") if isinstance(raw, str) else raw
    seen: dict[str, str] = {}
    for part in parts:
        name = normalise_line(str(part))[:40]
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


def _set_tags(contact: Contact, names: list[str]) -> None:
    if len(names) > MAX_TAGS:
        raise ValidationError({"tags": [f"Use at most {MAX_TAGS} tags."]})
    for name in names:
        try:
            validate_plain_text(name)
        except ValidationError as exc:
            raise ValidationError({"tags": exc.messages}) from exc
    existing = {t.name.lower(): t for t in Tag.objects.filter(owner_id=contact.owner_id)}
    tags = []
    for name in names:
        tag = existing.get(name.lower())
        if tag is None:
            tag = Tag.objects.create(owner_id=contact.owner_id, name=name)
            existing[name.lower()] = tag
        tags.append(tag)
    contact.tags.set(tags)


@transaction.atomic
def contact_create(
    *, owner: User, tags: str | list[str] = "", member: User | None = None, **fields: Any
) -> Contact:
    """Add a contact; on any invalid field nothing is saved."""
    contact = Contact(owner=owner, member=member)
    _assign(contact, fields)
    _check_cadence(contact.ideal_days, contact.max_days)
    contact.full_clean(exclude=["owner", "member"])
    _check_links(contact)
    contact.save()
    names = tag_names(tags)
    if names:
        _set_tags(contact, names)
    contact_refresh(contact)
    return contact


@transaction.atomic
def contact_update(
    *, contact: Contact, tags: str | list[str] | None = None, **fields: Any
) -> Contact:
    """Change the given fields (and tags when given); on any invalid field nothing is saved."""
    _assign(contact, fields)
    _check_cadence(contact.ideal_days, contact.max_days)
    contact.full_clean(exclude=["owner", "member"])
    _check_links(contact)
    contact.save()
    if tags is not None:
        _set_tags(contact, tag_names(tags))
    contact_refresh(contact)
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact) -> None:
    search_index_remove([contact.pk])
    contact.delete()


def shown_contact_details(*, owner: User, member: User) -> dict[str, str]:
    """What ``member`` chose to show ``owner`` as their contact details: the profile's
    contact email, phone and website, for their connections only. Never the login email,
    which is how they sign in, not how they asked to be reached."""
    profile = getattr(member, "profile", None)
    if profile is None or not can_see_contact_details(viewer=owner, profile=profile):
        return {}
    shown = {"email": profile.contact_email, "phone": profile.phone, "url": profile.website}
    return {name: value for name, value in shown.items() if value}


def contact_for_member(*, owner: User, member: User, **defaults: Any) -> Contact:
    """The owner's contact for a fellow member, created from what their profile shows the
    owner if missing. A contact the owner already keeps under the email the member shows
    them is linked instead of duplicated."""
    existing = Contact.objects.filter(owner=owner, member=member).first()
    if existing is not None:
        return existing
    shown = shown_contact_details(owner=owner, member=member)
    if shown.get("email"):
        match = Contact.objects.filter(
            owner=owner, member__isnull=True, email__iexact=shown["email"]
        ).first()
        if match is not None:
            match.member = member
            match.save(update_fields=["member", "updated_at"])
            return match
    profile = getattr(member, "profile", None)
    fields = {
        "name": member.name or "Member",
        "role": (profile.headline if profile else "")[:160],
        **shown,
        **defaults,
    }
    with transaction.atomic():
        return contact_create(owner=owner, member=member, **fields)


@transaction.atomic
def tag_cadence_set(*, owner: User, name: str, ideal_days: int | None, max_days: int | None) -> Tag:
    tag = Tag.objects.filter(owner=owner, name__iexact=normalise_line(name)).first()
    if tag is None:
        raise Tag.DoesNotExist
    tag.ideal_days, tag.max_days = ideal_days, max_days
    _check_cadence(ideal_days, max_days)
    tag.full_clean(exclude=["owner"])
    tag.save()
    return tag


def _check_cadence(ideal_days: int | None, max_days: int | None) -> None:
    if ideal_days and max_days and max_days < ideal_days:
        raise ValidationError(
            {"max_days": ["The maximum interval must be at least the ideal interval."]}
        )


@transaction.atomic
def contact_cadence_set(
    *, contact: Contact, ideal_days: int | None, max_days: int | None
) -> Contact:
    _check_cadence(ideal_days, max_days)
    return contact_update(contact=contact, ideal_days=ideal_days, max_days=max_days)


@transaction.atomic
def interaction_log(
    *,
    contact: Contact,
    kind: str,
    happened_on: date | None = None,
    initiated_by: str = Interaction.Initiator.BOTH,
    body: str = "",
    source_key: str = "",
) -> Interaction | None:
    """Add a timeline entry. With a ``source_key`` the same happening is logged once only
    (returns None the second time). Any interaction but a note resets keep-in-touch."""
    if source_key and contact.interactions.filter(source_key=source_key).exists():
        return None
    interaction = Interaction(
        contact=contact,
        kind=kind,
        happened_on=happened_on or timezone.localdate(),
        initiated_by=initiated_by,
        body=body.strip(),
        source_key=source_key,
    )
    interaction.full_clean(exclude=["contact"])
    if interaction.happened_on > timezone.localdate():
        raise ValidationError({"happened_on": ["An interaction cannot be in the future."]})
    interaction.save()
    contact_refresh(contact)
    return interaction


def note_add(*, contact: Contact, body: str) -> Interaction:
    if not body.strip():
        raise ValidationError({"body": ["Write something first."]})
    interaction = interaction_log(contact=contact, kind=Interaction.Kind.NOTE, body=body)
    assert interaction is not None  # no source_key, so it is always logged
    return interaction


@transaction.atomic
def interaction_delete(*, interaction: Interaction) -> None:
    contact = interaction.contact
    interaction.delete()
    contact_refresh(contact)


def contact_refresh(contact: Contact, *, today: date | None = None) -> None:
    """Recompute the denormalised fields: last interaction, strength, search text."""
    today = today or timezone.localdate()
    rows = list(contact.interactions.values_list("kind", "happened_on", "initiated_by", "body"))
    touches = [Touch(kind, on, by) for kind, on, by, _ in rows if kind != Interaction.Kind.NOTE]
    contact.last_interaction_on = max((t.on for t in touches), default=None)
    contact.strength = strength(touches, today=today).score
    notes = " ".join(body for kind, _, _, body in rows if kind == Interaction.Kind.NOTE)
    contact.search_document = " ".join(
        part
        for part in (
            contact.name,
            contact.company,
            contact.role,
            contact.email,
            contact.facts,
            notes,
        )
        if part
    )
    Contact.objects.filter(pk=contact.pk).update(
        last_interaction_on=contact.last_interaction_on,
        strength=contact.strength,
        search_document=contact.search_document,
    )
    search_index_update(contact)


def strengths_refresh(*, owner: User | None = None) -> int:
    """Let time decay show: recompute every contact's strength (a daily task)."""
    contacts = Contact.objects.all() if owner is None else Contact.objects.filter(owner=owner)
    count = 0
    for contact in contacts.iterator(chunk_size=500):
        # One broken row is logged and skipped; everyone else's strengths still refresh.
        try:
            with transaction.atomic():
                contact_refresh(contact)
        except Exception:
            logger.exception(
                "Strength of contact %s (member %s) not refreshed", contact.pk, contact.owner_id
            )
            continue
        count += 1
    return count


@transaction.atomic
def contacts_met_at_event(
    *, owner: User, event: Event, people: list[Person], tags: str = ""
) -> list[Contact]:
    """ "People I met at this event": several contacts at once, each with a "met" entry.
    One bad line refuses the whole batch, naming the line."""
    people = [p for p in people if any(str(value).strip() for value in p.values())]
    if not people:
        raise ValidationError({"people": ["Add at least one person."]})
    if len(people) > MAX_BATCH:
        raise ValidationError({"people": [f"Add at most {MAX_BATCH} people at a time."]})
    met_on = timezone.localdate(event.starts_at)
    created = []
    for number, person in enumerate(people, start=1):
        try:
            contact = contact_create(
                owner=owner,
                tags=tags,
                met_event=event,
                met_on=met_on,
                met_how=f"At {event.title}"[:300],
                name=person.get("name", ""),
                company=person.get("company", ""),
                email=person.get("email", ""),
            )
        except ValidationError as exc:
            messages = [
                f"{field}: {message}" if field != "__all__" else message
                for field, items in exc.message_dict.items()
                for message in items
            ]
            raise ValidationError({"people": [f"Person {number}: {'; '.join(messages)}"]}) from exc
        interaction_log(
            contact=contact,
            kind=Interaction.Kind.MET,
            happened_on=min(met_on, timezone.localdate()),
            source_key=f"event:{event.pk}",
        )
        created.append(contact)
    return created


@transaction.atomic
def contact_merge(*, keep: Contact, other: Contact) -> Contact:
    """Fold ``other`` into ``keep``: empty fields filled, tags and timeline moved; apps
    holding rows about ``other`` move them on ``contacts_merged``."""
    if keep.owner_id != other.owner_id or keep.pk == other.pk:
        raise ValidationError({"__all__": ["Choose two different contacts of yours."]})
    for name in ("company", "role", "email", "phone", "url", "met_on", "met_how", "met_event_id"):
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
    if other.facts and other.facts not in keep.facts:
        keep.facts = "\n".join(part for part in (keep.facts, other.facts) if part)
    if keep.member_id is None and other.member_id is not None:
        keep.member_id = other.member_id
        other.member_id = None
        other.save(update_fields=["member"])
    keep.full_clean(exclude=["owner", "member"])
    keep.save()
    keep.tags.add(*other.tags.all())
    taken = set(keep.interactions.exclude(source_key="").values_list("source_key", flat=True))
    other.interactions.exclude(source_key__in=taken).update(contact=keep)
    Contact.objects.filter(introducer=other).update(introducer=keep)
    contacts_merged.send(sender=Contact, keep=keep, other=other)
    contact_delete(contact=other)
    contact_refresh(keep)
    return keep
