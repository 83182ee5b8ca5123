"""Endorsements: write, edit, withdraw, report, review. Every rule lives here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mensch.accounts.models import User
from mensch.connections.selectors import is_blocked_either_way
from mensch.notifications.services import notify
from mensch.profiles.models import Offer
from mensch.trust import conf
from mensch.trust.interactions import interactions_between
from mensch.trust.models import Endorsement, EndorsementReport
from mensch.trust.selectors import band_of_member


def _no_interaction_message(member: User) -> str:
    """Why there is nothing to endorse yet; an accepted introduction alone is not enough."""
    return (
        f"You can endorse {member.first_name} once you have both confirmed a meeting, "
        f"or once they confirmed a favour you gave."
    )


@transaction.atomic
def endorsement_create(*, author: User, member: User, offer_id: int, text: str) -> Endorsement:
    """Endorse one of ``member``'s offers, resting on the latest interaction you share."""
    if author.pk == member.pk:
        raise ValidationError({"member": ["You cannot endorse yourself."]})
    if is_blocked_either_way(author, member):
        raise ValidationError({"member": ["This endorsement is not possible."]})
    offer = Offer.objects.filter(pk=offer_id, profile__user=member).first()
    if offer is None:
        raise ValidationError({"offer": [f"Choose one of {member.first_name}'s offers."]})
    interactions = interactions_between(author, member)
    if not interactions:
        raise ValidationError({"__all__": [_no_interaction_message(member)]})
    if Endorsement.objects.filter(author=author, offer=offer).exists():
        raise ValidationError(
            {"offer": ["You already endorsed this offer; edit your endorsement instead."]}
        )
    basis = interactions[0]
    endorsement = Endorsement(
        author=author,
        member=member,
        offer=offer,
        text=text.strip(),
        basis=basis.kind,
        basis_id=basis.id,
        basis_label=basis.label,
    )
    endorsement.full_clean(validate_constraints=False)
    endorsement.save()
    notify(
        recipient=member,
        kind="endorsement_received",
        title=f"{author.name} endorsed your offer “{offer.text[:80]}”",
        body=endorsement.text,
        url=reverse("trust_mine"),
    )
    return endorsement


@transaction.atomic
def endorsement_update(*, author: User, endorsement_id: int, text: str) -> Endorsement:
    """Edit one's own endorsement (the interaction it rests on stays)."""
    endorsement = Endorsement.objects.select_for_update().get(
        pk=endorsement_id, author=author, removed_at__isnull=True
    )
    endorsement.text = text.strip()
    endorsement.full_clean(validate_constraints=False)
    endorsement.save(update_fields=["text", "updated_at"])
    return endorsement


@transaction.atomic
def endorsement_withdraw(*, author: User, endorsement_id: int) -> None:
    Endorsement.objects.get(pk=endorsement_id, author=author).delete()


@transaction.atomic
def endorsement_report(*, reporter: User, endorsement_id: int, reason: str) -> EndorsementReport:
    """Report a visible endorsement; enough open reports hide it until staff review it."""
    endorsement = Endorsement.objects.select_for_update().get(
        pk=endorsement_id, hidden_at__isnull=True, removed_at__isnull=True
    )
    if endorsement.author_id == reporter.pk:
        raise ValidationError(
            {"__all__": ["This is your own endorsement: edit or withdraw it instead."]}
        )
    if EndorsementReport.objects.filter(endorsement=endorsement, reporter=reporter).exists():
        raise ValidationError({"__all__": ["You have already reported this endorsement."]})
    report = EndorsementReport(endorsement=endorsement, reporter=reporter, reason=reason.strip())
    report.full_clean(validate_constraints=False)
    report.save()
    open_reports = EndorsementReport.objects.filter(endorsement=endorsement).select_related(
        "reporter"
    )
    if endorsement.reviewed_at is not None:
        open_reports = open_reports.filter(created_at__gt=endorsement.reviewed_at)
    weight = sum(report_weight(r.reporter, endorsement) for r in open_reports)
    if weight >= conf.reports_to_hide():
        endorsement.hidden_at = timezone.now()
        endorsement.save(update_fields=["hidden_at"])
    return report


# What one report counts for, by the reporter's trust band: ENDORSEMENT_REPORTS_TO_HIDE
# reports of members of good standing hide an endorsement, while accounts nobody vouches
# for (new ones, a ring of fakes) need four times as many, which the sign-up limit per
# client makes slow to gather.
REPORT_WEIGHT_BY_BAND = {"new": 0.25, "building": 0.5, "good": 1.0, "high": 1.5}
# A reporter who shares a verified interaction with the endorsed member or the author
# knows the people involved: their report counts as much as a member in good standing's.
REPORT_WEIGHT_KNOWS_THEM = 1.0


def report_weight(reporter: User, endorsement: Endorsement) -> float:
    """How much one member's report counts towards hiding ``endorsement``.

    Staff hide it at once (they review it anyway); everyone else counts by trust band,
    raised to a full report when they know the endorsed member or the author.
    """
    if reporter.is_staff:
        return float(conf.reports_to_hide())
    weight = REPORT_WEIGHT_BY_BAND.get(band_of_member(reporter.pk), REPORT_WEIGHT_BY_BAND["new"])
    if weight < REPORT_WEIGHT_KNOWS_THEM and (
        interactions_between(reporter, endorsement.member)
        or interactions_between(reporter, endorsement.author)
    ):
        weight = REPORT_WEIGHT_KNOWS_THEM
    return weight


@transaction.atomic
def endorsement_review(*, reviewer: User, endorsement_id: int, keep: bool) -> Endorsement:
    """Staff decide on a hidden endorsement: show it again, or remove it for good."""
    if not reviewer.is_staff:
        raise PermissionDenied("Only staff review reported endorsements.")
    endorsement = Endorsement.objects.select_for_update().get(pk=endorsement_id)
    if endorsement.hidden_at is None or endorsement.removed_at is not None:
        raise ValidationError({"__all__": ["This endorsement is not waiting for a review."]})
    now = timezone.now()
    endorsement.reviewed_at = now
    if keep:
        endorsement.hidden_at = None
    else:
        endorsement.removed_at = now
    endorsement.save(update_fields=["hidden_at", "reviewed_at", "removed_at"])
    return endorsement
