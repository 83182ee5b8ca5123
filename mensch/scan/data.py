"""The member's part of "all my data" from this app: their code's version (never the code
itself, which is a key to connect with them) and the scans they made and received. Other
members appear by name and profile id only."""

from __future__ import annotations

from django.db.models import Q

from mensch.accounts.models import User
from mensch.profiles.models import Profile
from mensch.scan.models import Scan, ScanCode


def member_data(member: User) -> dict[str, object]:
    code = ScanCode.objects.filter(member=member).first()
    scans = list(
        Scan.objects.filter(Q(scanner=member) | Q(owner=member))
        .select_related("scanner", "owner", "event")
        .order_by("created_at", "pk")
    )
    others = {s.owner_id if s.scanner_id == member.pk else s.scanner_id for s in scans}
    profiles = dict(Profile.objects.filter(user_id__in=others).values_list("user_id", "pk"))
    rows = []
    for scan in scans:
        mine = scan.scanner_id == member.pk
        other = scan.owner if mine else scan.scanner
        rows.append(
            {
                "direction": "I scanned their code" if mine else "they scanned my code",
                "other": {"name": other.name, "profile_id": profiles.get(other.pk)},
                "event": {"id": scan.event_id, "title": scan.event.title} if scan.event else None,
                "status": scan.status,
                "created_at": scan.created_at.isoformat(),
                "answered_at": scan.answered_at.isoformat() if scan.answered_at else None,
            }
        )
    return {
        "scan_code": {
            "version": code.version if code else None,
            "revoked_at": code.revoked_at.isoformat() if code and code.revoked_at else None,
        },
        "scans": rows,
    }
