"""Event chats: collapse a message that is mostly links and contact details.

The essays' first complaint is the chat flooded with "contact information,
social media profiles, and website links". One link with a sentence around it
(the slides, an article someone asked for) is conversation and stays open.
"""

from __future__ import annotations

from mensch.engine.coach.text import WORD, Draft, outside_spans, read_draft
from mensch.engine.coach.types import FloodCheck

# Fewer words than this around the links and contacts: the message is nothing
# else ("my site: acme.io").
FLOOD_MIN_WORDS = 4
# From this many links and contacts, they must take under this share of the text.
FLOOD_ITEMS = 3
FLOOD_SHARE = 0.35
# From this many, the message is a dump whatever surrounds it.
FLOOD_DUMP_ITEMS = 5


def flood_check(text: str) -> FloodCheck:
    """Decide whether an event-chat message should be shown collapsed, and why."""
    return flood_decision(read_draft(text))


def flood_decision(draft: Draft) -> FloodCheck:
    """:func:`flood_check` on a draft already read (the coach shares it)."""
    links = len(draft.links)
    contacts = len(draft.contact_details)
    items = links + contacts
    covered = sum(end - start for start, end in draft.spans)
    visible = sum(1 for ch in draft.text if not ch.isspace())
    share = covered / visible if visible else 0.0
    content_words = len(WORD.findall(outside_spans(draft)))
    if items == 0:
        return FloodCheck(False, 0, 0, 0.0, content_words, "")
    collapse = (
        content_words < FLOOD_MIN_WORDS
        or (items >= FLOOD_ITEMS and share >= FLOOD_SHARE)
        or items >= FLOOD_DUMP_ITEMS
    )
    reason = ""
    if collapse:
        parts = []
        if links:
            parts.append("1 link" if links == 1 else f"{links} links")
        if contacts:
            parts.append("1 contact detail" if contacts == 1 else f"{contacts} contact details")
        reason = f"Collapsed: {' and '.join(parts)} make up most of this message."
    return FloodCheck(collapse, links, contacts, round(share, 3), content_words, reason)


def is_flood(text: str) -> bool:
    return flood_check(text).collapse
