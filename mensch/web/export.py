"""All my data: one JSON document of everything a member owns or wrote.

Each app contributes its part through ``data.member_data(member)`` (found by
:func:`mensch.core.registry.contributions`); this module only puts the parts together and
checks that none is missing. The page, the API and ``mensch export`` all call
:func:`member_export`.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.utils import timezone

from mensch.accounts.models import User
from mensch.core.registry import contributions

FORMAT = "mensch-export"
VERSION = 1

# Every export has these sections, each from one app (names in the app's data.py).
SECTIONS = (
    "profile",
    "contacts",
    "followups",
    "introductions",
    "connections",
    "messages",
    "events",
    "meetings",
    "ledger",
    "referral_exchanges",
    "goals",
    "endorsements",
    "notifications",
    "chat",
    "api_tokens",
)


class IncompleteExportError(RuntimeError):
    """An app is missing from the export, or two apps claim the same section."""


def member_export(
    member: User, *, progress: Callable[[str], object] | None = None
) -> dict[str, object]:
    """Everything ``member`` owns or wrote. ``progress(app_label)`` is called before each
    app is asked for its part. Raises :class:`IncompleteExportError` when a section is missing."""
    document: dict[str, object] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
    }
    sections: dict[str, object] = {}
    for config, module in contributions("data"):
        if progress is not None:
            progress(config.label)
        part: dict[str, object] = module.member_data(member)
        taken = sorted(name for name in part if name in sections or name in document)
        if taken:
            raise IncompleteExportError(f"{config.label} exports {taken}, already exported.")
        sections.update(part)
    missing = [name for name in SECTIONS if name not in sections]
    if missing:
        raise IncompleteExportError(f"No app exports {', '.join(missing)}.")
    ordered = {name: sections.pop(name) for name in SECTIONS}
    return {**document, **ordered, **sections}


def export_json(document: dict[str, object]) -> str:
    """The document as the file a member downloads: UTF-8 text, indented, newline-ended."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def export_filename() -> str:
    return f"mensch-{timezone.localdate().isoformat()}.json"
