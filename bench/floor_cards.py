"""The floor for `make bench`: the same question-card deck as bench/typst/cards.typ, drawn by a
plain ReportLab script (greedy line breaking with `simpleSplit`, no hyphenation, no fitting).

    python bench/floor_cards.py DECK.json OUT.pdf     # the deck (bench_cards.py --dump)
    python bench/floor_cards.py --import-only OUT.pdf # imports, fonts and one empty page
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

W, H = 94 * mm, 133 * mm
PAGE_W, PAGE_H = 210 * mm, 297 * mm
X0, Y0 = (PAGE_W - 2 * W) / 2, (PAGE_H - 2 * H) / 2


def register_fonts() -> None:
    import font_source_sans_pro

    files = Path(font_source_sans_pro.__file__).parent / "files"
    for name in ("Regular", "Semibold", "Bold"):
        pdfmetrics.registerFont(TTFont(f"SSP-{name}", str(files / f"SourceSansPro-{name}.ttf")))


def marks(canvas: Canvas) -> None:
    canvas.setLineWidth(0.25)
    for i in range(3):
        x, y = X0 + i * W, Y0 + i * H
        canvas.line(x, Y0 - 6 * mm, x, Y0 - 2 * mm)
        canvas.line(x, Y0 + 2 * H + 2 * mm, x, Y0 + 2 * H + 6 * mm)
        canvas.line(X0 - 6 * mm, y, X0 - 2 * mm, y)
        canvas.line(X0 + 2 * W + 2 * mm, y, X0 + 2 * W + 6 * mm, y)


def front(canvas: Canvas, x: float, y: float, card: dict, size: float) -> None:
    """A card whose top-left corner is at (x, y) (PDF coordinates, y up)."""
    colour = HexColor(card["colour"])
    canvas.setFillColor(colour)
    canvas.roundRect(x + 3 * mm, y - 15 * mm, W - 6 * mm, 12 * mm, 2.5 * mm, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.setFont("SSP-Semibold", 11)
    canvas.drawString(x + 7 * mm, y - 10.5 * mm, card["theme"])
    canvas.setFillColor(colour)
    canvas.setFont("SSP-Bold", 38)
    baseline = y - 22 * mm - 38 * 0.66
    canvas.drawString(x + 7 * mm, baseline, str(card["number"]))
    canvas.setFillColorRGB(0, 0, 0)
    text = canvas.beginText(x + 7 * mm, baseline - 5.5 * mm - size * 0.66)
    text.setFont("SSP-Regular", size, size * 1.3)
    for line in simpleSplit(card["text"], "SSP-Regular", size, W - 14 * mm):
        text.textLine(line)
    canvas.drawText(text)


def back(canvas: Canvas, x: float, y: float, card: dict, label: str, title: str) -> None:
    canvas.setFillColor(HexColor(card["colour"]))
    canvas.roundRect(x + 3 * mm, y - H + 3 * mm, W - 6 * mm, H - 6 * mm, 2.5 * mm, stroke=0, fill=1)
    canvas.setFillColor(white)
    canvas.setFont("SSP-Regular", 9)
    canvas.drawCentredString(x + W / 2, y - H / 2 + 12, label)
    canvas.setFont("SSP-Bold", 26)
    canvas.drawCentredString(x + W / 2, y - H / 2 - 14, card["theme"])
    canvas.setFont("SSP-Regular", 7)
    canvas.drawCentredString(x + W / 2, y - H + 10 * mm, title)


def deck(data: dict, out: Path) -> None:
    canvas = Canvas(str(out), pagesize=(PAGE_W, PAGE_H), invariant=1)
    cards = data["cards"]
    for s in range(0, len(cards), 4):
        chunk = cards[s:s + 4]
        for i, card in enumerate(chunk):
            front(canvas, X0 + (i % 2) * W, PAGE_H - Y0 - (i // 2) * H, card, data["size"])
        marks(canvas)
        canvas.showPage()
        for i, card in enumerate(chunk):
            back(canvas, X0 + (1 - i % 2) * W, PAGE_H - Y0 - (i // 2) * H, card, data["label"], data["title"])
        marks(canvas)
        canvas.showPage()
    canvas.save()


def main() -> None:
    register_fonts()
    if sys.argv[1] == "--import-only":
        canvas = Canvas(sys.argv[2], pagesize=(PAGE_W, PAGE_H), invariant=1)
        canvas.setFont("SSP-Regular", 12)
        canvas.drawString(X0, Y0, "praatplaat")
        canvas.showPage()
        canvas.save()
        return
    deck(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")), Path(sys.argv[2]))


if __name__ == "__main__":
    main()
