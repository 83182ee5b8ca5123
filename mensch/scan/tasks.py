"""Badges as a background job: the organizer asks (:func:`badges_request`), the worker
draws (:func:`badges_job_run`) and reports progress on the event's :class:`BadgeSheet`,
which the badges page polls (as the seating job does, :mod:`mensch.events.tasks`)."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.tasks import task
from django.utils import timezone

from mensch.events.models import Event
from mensch.events.selectors import going_profiles
from mensch.profiles.models import Ask
from mensch.scan.badges import Badge, badges_pdf
from mensch.scan.codes import code_url
from mensch.scan.models import BadgeSheet, ScanCode

CHUNK = 200


@task()
def make_badges(event_id: int, job: int) -> str:
    return badges_job_run(event_id=event_id, job=job)


def badge_sheet_of(event: Event) -> BadgeSheet:
    sheet, _ = BadgeSheet.objects.get_or_create(event=event)
    return sheet


def badges_request(*, event: Event, paper: str) -> BadgeSheet:
    """Queue the badges for the event's attendees on ``paper`` ("a4" or "letter")."""
    if paper not in BadgeSheet.Paper.values:
        raise ValidationError({"paper": ["Choose A4 or US Letter."]})
    badge_sheet_of(event)
    with transaction.atomic():
        sheet = BadgeSheet.objects.select_for_update().get(event=event)
        if sheet.status in (BadgeSheet.Status.QUEUED, BadgeSheet.Status.RUNNING):
            raise ValidationError({"paper": ["The badges are being made already."]})
        sheet.job += 1
        sheet.paper = paper
        sheet.status = BadgeSheet.Status.QUEUED
        sheet.progress = 0
        sheet.step = "Waiting for the worker…"
        sheet.error = ""
        sheet.save(update_fields=["job", "paper", "status", "progress", "step", "error"])
        # The database task backend stores the job in this same transaction.
        make_badges.enqueue(event.pk, sheet.job)
    return sheet


def _codes(member_ids: list[int]) -> dict[int, ScanCode]:
    """Everyone's current code version, made for those who have none yet."""
    have = set(
        ScanCode.objects.filter(member_id__in=member_ids).values_list("member_id", flat=True)
    )
    ScanCode.objects.bulk_create(
        [ScanCode(member_id=pk) for pk in member_ids if pk not in have], ignore_conflicts=True
    )
    return {c.member_id: c for c in ScanCode.objects.filter(member_id__in=member_ids)}


def _badges(event: Event) -> Iterator[Badge]:
    profiles = going_profiles(event).order_by("user__last_name", "user__first_name", "pk")
    ids = list(profiles.values_list("user_id", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk_ids = ids[start : start + CHUNK]
        codes = _codes(chunk_ids)
        chunk = profiles.filter(user_id__in=chunk_ids).prefetch_related(
            Prefetch("asks", queryset=Ask.objects.order_by("position", "id"))
        )
        for profile in chunk:
            asks = list(profile.asks.all())
            yield Badge(
                name=profile.name,
                headline=profile.headline,
                ask=asks[0].text if asks else "",
                url=code_url(codes[profile.user_id]),
            )


def badges_job_run(*, event_id: int, job: int) -> str:
    current = BadgeSheet.objects.filter(event_id=event_id, job=job)
    sheet = current.select_related("event").first()
    if sheet is None:
        return "superseded"
    event = sheet.event
    total = going_profiles(event).count()
    current.update(status=BadgeSheet.Status.RUNNING, step=f"Drawing {total} badges…")

    def progress(done: int) -> None:
        current.update(progress=min(99, done * 100 // max(total, 1)), step=f"{done} of {total}")

    try:
        pdf, pages = badges_pdf(
            _badges(event),
            event_title=event.title,
            paper=sheet.paper,
            total=total,
            progress=progress,
        )
    except Exception:
        current.update(
            status=BadgeSheet.Status.FAILED,
            error="The badges stopped on an unexpected error. Try again; if it fails again, "
            "tell the site's administrators.",
            step="",
        )
        raise
    current.update(
        status=BadgeSheet.Status.DONE,
        progress=100,
        step="",
        pdf=pdf,
        badges=total,
        pages=pages,
        finished_at=timezone.now(),
    )
    return "done"
