"""Reading and writing the ``mensch match`` line format (JSON Lines).

Input, one profile a line::

    {"id", "name", "headline", "industry", "location",
     "asks": [{"kind", "text"}], "offers": [{"kind", "text"}]}

Only ``id`` is required; ``hidden`` (a boolean) is accepted too. Fields of the
wrong type are errors, never silently dropped, so a caller learns about a bad
file before anything is written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mensch.engine.matching.models import Item, Match, Profile, ProfileInputError

_TEXT_FIELDS = ("name", "headline", "industry", "location")
_ITEM_FIELDS = ("asks", "offers")


def read_profiles_jsonl(source: str | os.PathLike[str] | Iterable[str]) -> list[Profile]:
    """Read profiles from a JSON Lines file path or from an iterable of lines.

    Blank lines are skipped. The first bad line raises :class:`ProfileInputError`
    with its 1-based line number and what is wrong with it; ids must be unique.
    """
    profiles: list[Profile] = []
    first_seen: dict[str, int] = {}
    for number, line in _numbered_lines(source):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ProfileInputError(number, f"not valid JSON ({exc.msg})") from exc
        profile = profile_from_record(record, line=number)
        if profile.id in first_seen:
            raise ProfileInputError(
                number, f"duplicate id {profile.id!r} (first used on line {first_seen[profile.id]})"
            )
        first_seen[profile.id] = number
        profiles.append(profile)
    return profiles


def _numbered_lines(source: str | os.PathLike[str] | Iterable[str]) -> Iterator[tuple[int, str]]:
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            with path.open(encoding="utf-8") as handle:
                yield from enumerate(handle, start=1)
        except UnicodeDecodeError as exc:
            raise ProfileInputError(0, f"{path} is not UTF-8 text ({exc.reason})") from exc
        return
    yield from enumerate(source, start=1)


def profile_from_record(record: Any, *, line: int = 0) -> Profile:
    """Validate one decoded JSON record and turn it into a :class:`Profile`."""
    if not isinstance(record, dict):
        raise ProfileInputError(line, f"expected a JSON object, got {_json_type(record)}")
    profile_id = record.get("id")
    if profile_id is None:
        raise ProfileInputError(line, 'missing "id"')
    if not isinstance(profile_id, str):
        raise ProfileInputError(line, f'"id" must be a string, got {_json_type(profile_id)}')
    if not profile_id.strip():
        raise ProfileInputError(line, '"id" must not be empty')
    texts = {field: _optional_text(record, field, line) for field in _TEXT_FIELDS}
    items = {field: _items(record, field, line) for field in _ITEM_FIELDS}
    hidden = record.get("hidden", False)
    if hidden is None:
        hidden = False
    if not isinstance(hidden, bool):
        raise ProfileInputError(line, f'"hidden" must be true or false, got {_json_type(hidden)}')
    return Profile(
        id=profile_id,
        name=texts["name"],
        headline=texts["headline"],
        industry=texts["industry"],
        location=texts["location"],
        asks=items["asks"],
        offers=items["offers"],
        hidden=hidden,
    )


def _optional_text(record: dict[str, Any], field: str, line: int) -> str:
    value = record.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ProfileInputError(line, f'"{field}" must be a string, got {_json_type(value)}')
    return value.strip()


def _items(record: dict[str, Any], field: str, line: int) -> tuple[Item, ...]:
    value = record.get(field)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ProfileInputError(line, f'"{field}" must be a list, got {_json_type(value)}')
    items: list[Item] = []
    for position, entry in enumerate(value):
        where = f'"{field}"[{position}]'
        if not isinstance(entry, dict):
            raise ProfileInputError(
                line, f'{where} must be an object with "kind" and "text", got {_json_type(entry)}'
            )
        text = entry.get("text")
        if not isinstance(text, str):
            got = "nothing" if text is None else _json_type(text)
            raise ProfileInputError(line, f'{where}."text" must be a string, got {got}')
        kind = entry.get("kind")
        if kind is None:
            kind = "other"
        if not isinstance(kind, str):
            raise ProfileInputError(
                line, f'{where}."kind" must be a string, got {_json_type(kind)}'
            )
        if text.strip():
            items.append(Item(kind=kind.strip() or "other", text=text.strip()))
    return tuple(items)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def profile_to_record(profile: Profile) -> dict[str, Any]:
    """The input-line form of a profile (``hidden`` only when set)."""
    record: dict[str, Any] = {
        "id": profile.id,
        "name": profile.name,
        "headline": profile.headline,
        "industry": profile.industry,
        "location": profile.location,
        "asks": [{"kind": item.kind, "text": item.text} for item in profile.asks],
        "offers": [{"kind": item.kind, "text": item.text} for item in profile.offers],
    }
    if profile.hidden:
        record["hidden"] = True
    return record


def match_to_record(match: Match) -> dict[str, Any]:
    """The output-line form of one match; the score is rounded to 4 decimals."""
    return {"id": match.id, "score": round(float(match.score), 4), "reason": match.reason}
