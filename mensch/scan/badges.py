"""Printable event badges: a PDF, one sheet of eight badges per page, A4 or US Letter.

Each badge carries the attendee's name, headline, one ask and their scan-to-connect code,
drawn as vector squares from segno's matrix (sharp at any printer resolution). Pure
drawing: :mod:`mensch.scan.tasks` gathers the people and reports progress.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from mensch.scan.codes import qr_drawing

PAPERS = {"a4": A4, "letter": LETTER}
COLUMNS, ROWS = 2, 4
PER_PAGE = COLUMNS * ROWS
MARGIN = 10 * mm
PAD = 5 * mm


@dataclass(frozen=True)
class Badge:
    name: str
    headline: str
    ask: str
    url: str


def _lines(text: str, font: str, size: float, width: float, most: int) -> list[str]:
    """Word-wrapped lines, at most ``most``, the last cut with an ellipsis if needed."""
    lines: list[str] = []
    words = text.split()
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if stringWidth(candidate, font, size) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == most:
            rest = " ".join(words[index:])
            lines[-1] = _cut(f"{lines[-1]} {rest}", font, size, width)
            return lines
    if current:
        lines.append(current)
    return lines[:most]


def _cut(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(f"{text}…", font, size) > width:
        text = text[:-1]
    return f"{text.rstrip()}…"


def _draw_qr(canvas: Canvas, url: str, x: float, y: float, side: float) -> None:
    """Dark modules as rectangles, one per run of dark squares in a row, in module units."""
    drawing = qr_drawing(url)
    canvas.saveState()
    canvas.translate(x, y + side)
    canvas.scale(side / drawing.size, -side / drawing.size)
    canvas.setFillColorRGB(0, 0, 0)
    runs = []
    for row_index, row in enumerate(drawing.rows):
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                runs.append(f"{start} {row_index} {col - start} 1 re")
                start = None
    # Whole numbers need none of path.rect's float formatting, which costs most of the
    # time of a badge: the rectangles go in as PDF operators, filled at once ("f").
    canvas.addLiteral(" ".join([*runs, "f"]))
    canvas.restoreState()


def _draw_badge(
    canvas: Canvas, badge: Badge, event_title: str, x: float, y: float, w: float, h: float
) -> None:
    canvas.setStrokeColorRGB(0.75, 0.75, 0.75)
    canvas.setDash(2, 3)
    canvas.rect(x, y, w, h, stroke=1, fill=0)  # cutting guide
    canvas.setDash()
    qr_side = min(h - 2 * PAD, w * 0.38)
    qr_x, qr_y = x + w - PAD - qr_side, y + (h - qr_side) / 2
    _draw_qr(canvas, badge.url, qr_x, qr_y, qr_side)
    # On screen the code is a link too (a PDF read on a phone, a badge proof by email).
    canvas.linkURL(badge.url, (qr_x, qr_y, qr_x + qr_side, qr_y + qr_side), relative=0)
    text_w = w - 3 * PAD - qr_side
    left, top = x + PAD, y + h - PAD
    canvas.setFillColorRGB(0.35, 0.35, 0.35)
    canvas.setFont("Helvetica", 7.5)
    canvas.drawString(left, top - 7, _cut(event_title, "Helvetica", 7.5, text_w))
    canvas.setFillColorRGB(0, 0, 0)
    cursor = top - 28
    for line in _lines(badge.name, "Helvetica-Bold", 17, text_w, 2):
        canvas.setFont("Helvetica-Bold", 17)
        canvas.drawString(left, cursor, line)
        cursor -= 20
    canvas.setFont("Helvetica", 9)
    for line in _lines(badge.headline, "Helvetica", 9, text_w, 3):
        canvas.drawString(left, cursor, line)
        cursor -= 11
    if badge.ask:
        cursor -= 4
        canvas.setFont("Helvetica-Bold", 8)
        canvas.drawString(left, cursor, "Looking for")
        cursor -= 10
        canvas.setFont("Helvetica", 8.5)
        for line in _lines(badge.ask, "Helvetica", 8.5, text_w, 3):
            canvas.drawString(left, cursor, line)
            cursor -= 10
    canvas.setFillColorRGB(0.35, 0.35, 0.35)
    canvas.setFont("Helvetica", 6.5)
    canvas.drawString(left, y + PAD, "Scan to connect")


def badges_pdf(
    badges: Iterable[Badge],
    *,
    event_title: str,
    paper: str,
    total: int,
    progress: Callable[[int], None] | None = None,
) -> tuple[bytes, int]:
    """The PDF and its page count; ``progress(done)`` after each sheet."""
    width, height = PAPERS[paper]
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    canvas.setTitle(f"Badges: {event_title}")
    canvas.setAuthor("Mensch")
    cell_w = (width - 2 * MARGIN) / COLUMNS
    cell_h = (height - 2 * MARGIN) / ROWS
    done = pages = 0
    for badge in badges:
        slot = done % PER_PAGE
        if slot == 0 and done:
            canvas.showPage()
        if slot == 0:
            pages += 1
        column, row = slot % COLUMNS, slot // COLUMNS
        x = MARGIN + column * cell_w
        y = height - MARGIN - (row + 1) * cell_h
        _draw_badge(canvas, badge, event_title, x, y, cell_w, cell_h)
        done += 1
        if progress is not None and (done % PER_PAGE == 0 or done == total):
            progress(done)
    if not done:
        canvas.setFont("Helvetica", 12)
        canvas.drawString(MARGIN, height - MARGIN - 12, "No one is going to this event yet.")
        pages = 1
    canvas.showPage()
    canvas.save()
    return buffer.getvalue(), pages
