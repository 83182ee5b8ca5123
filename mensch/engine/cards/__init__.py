"""Business cards: OCR lines in, contact fields out (issue 17). Pure Python plus
``phonenumbers``; no Django import, no OCR here (the contacts app runs the OCR).

    fields = parse_card([OcrLine("José Müller", height=40), ...], region="PT")
    fields.name, fields.emails, fields.phones   # phones in E.164
    region_for_location("Lisbon")               # "PT"
"""

from __future__ import annotations

from mensch.engine.cards.parser import parse_card
from mensch.engine.cards.regions import region_for_location
from mensch.engine.cards.types import CardFields, OcrLine

__all__ = ["CardFields", "OcrLine", "parse_card", "region_for_location"]
