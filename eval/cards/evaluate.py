"""Evaluate business-card reading on the generated cards.

Run: ``.venv/bin/python eval/cards/evaluate.py [--engine tesseract|rapidocr] [--limit N]``

Reads every card in ``truth.json`` with the OCR (the product's Tesseract path by
default, or RapidOCR for comparison), parses it with ``mensch.engine.cards`` using the
card's region as the reading member's, and prints per-field precision and recall and the
time per card. Names, companies, roles and addresses match when equal after case and
whitespace folding; websites by host; emails and phones (E.164) as sets.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent

SINGLE = ("name", "company", "role", "website", "address")
MULTI = ("emails", "phones")


def _fold(text: str) -> str:
    """Without accents: "José Müller" and "Jose Muller" are the same person's name to a
    member correcting a card, though not the same spelling."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", _norm(text)) if not unicodedata.combining(ch)
    )


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().replace(",", " ").split())


def _rapid_lines(path: Path) -> list[Any]:
    from rapidocr_onnxruntime import RapidOCR  # type: ignore[import-untyped]  # ships no types

    from mensch.engine.cards import OcrLine

    global _RAPID
    if _RAPID is None:
        _RAPID = RapidOCR()
    result, _ = _RAPID(str(path))
    lines = []
    for box, text, score in result or []:
        top = min(p[1] for p in box)
        left = min(p[0] for p in box)
        height = max(p[1] for p in box) - top
        width = max(p[0] for p in box) - left
        lines.append(OcrLine(text, int(left), int(top), int(width), int(height), float(score)))
    return lines


_RAPID: Any = None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("tesseract", "rapidocr"), default="tesseract")
    parser.add_argument("--limit", type=int, default=0, help="only the first N cards")
    parser.add_argument("--languages", default="", help='Tesseract languages, e.g. "eng+fra"')
    parser.add_argument("--misses", action="store_true", help="print every wrong field")
    args = parser.parse_args()

    from mensch.commands.server import setup_django

    setup_django()
    from mensch.contacts.cardscan import card_fields, card_image_check, ocr_lines
    from mensch.engine.cards import parse_card

    truths = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
    if args.limit:
        truths = truths[: args.limit]
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    seconds = 0.0
    for truth in truths:
        path = HERE / truth["image"]
        started = time.perf_counter()
        if args.engine == "tesseract" and not args.languages:
            # What Mensch does with a card: two passes where the Latin-script model is there.
            found = card_fields(card_image_check(path.read_bytes()), region=truth["region"])
        else:
            if args.engine == "tesseract":
                lines = ocr_lines(card_image_check(path.read_bytes()), languages=args.languages)
            else:
                lines = _rapid_lines(path)
            found = parse_card(lines, region=truth["region"])
        seconds += time.perf_counter() - started
        for name in SINGLE:
            want, got = _norm(truth[name]), _norm(getattr(found, name))
            tally = counts[name]
            if got and got == want:
                tally["tp"] += 1
            else:
                tally["fp"] += bool(got)
                tally["fn"] += bool(want)
                if args.misses and (got or want):
                    print(f"{truth['image']} {name}: want {want!r}, got {got!r}")
        want, got = _fold(truth["name"]), _fold(found.name)
        tally = counts["name, accents aside"]
        tally["tp"] += bool(got and got == want)
        tally["fp"] += bool(got and got != want)
        tally["fn"] += bool(want and got != want)
        for name in MULTI:
            want_set = {_norm(v) for v in truth[name]}
            got_set = {_norm(v) for v in getattr(found, name)}
            tally = counts[name]
            tally["tp"] += len(want_set & got_set)
            tally["fp"] += len(got_set - want_set)
            tally["fn"] += len(want_set - got_set)
            if args.misses and want_set != got_set:
                print(f"{truth['image']} {name}: want {sorted(want_set)}, got {sorted(got_set)}")

    print(f"{len(truths)} cards, OCR: {args.engine}, {seconds / len(truths):.2f} s per card")
    print(f"{'field':<20} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
    for name in ("name", "name, accents aside", "company", "role", *MULTI, *SINGLE[3:]):
        tally = counts[name]
        tp, fp, fn = tally["tp"], tally["fp"], tally["fn"]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(f"{name:<20} {precision:>9.2f} {recall:>7.2f} {tp:>4} {fp:>4} {fn:>4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
