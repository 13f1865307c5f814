"""The PDF renderer draws a frame that occurs many times (the same object) once and copies its
operators: every occurrence must still be drawn, in its own place, with findable text; frames
with links or gradients are drawn each time (annotations and shadings belong to a page)."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import font_source_sans_pro
from pypdf import PdfReader

from generator import scene as s
from generator.render import render_pdf, render_png

FONTS = Path(font_source_sans_pro.__file__).parent / "files"
REGULAR = s.FontFace("SourceSansPro-Regular", FONTS / "SourceSansPro-Regular.ttf")
META = s.DocumentMeta("t", "a", "s", "nl-NL")
W, H = 300.0, 200.0
SPOTS = ((10.0, 20.0), (150.0, 20.0), (10.0, 110.0))


def card(word: str, link: bool = False) -> s.Frame:
    items = [s.Placed(0, 0, s.Rect(120, 80, fill="#384082", stroke=s.Stroke("#000000", 1))),
             s.Placed(8, 30, s.TextLine((s.Run(0, word, REGULAR.name, 12, "#ffffff", 30),))),
             s.Placed(0, 80, s.Line(120, 0, s.Stroke("#f8ca65", 2, (2.0, 1.0))))]
    if link:
        items.append(s.Placed(0, 0, s.Link(120, 80, "https://example.org/")))
    return s.Frame(120, 80, tuple(items))


def document(shared: s.Frame, copies: bool) -> s.Document:
    """Two pages, the card three times on each: the same frame object, or equal copies."""
    def one(n: int) -> s.Frame:
        return dataclasses.replace(shared) if copies else shared
    pages = tuple(s.Page(s.Frame(W, H, tuple(s.Placed(x, y, s.Group(one(n))) for n, (x, y) in enumerate(SPOTS))))
                  for _ in range(2))
    return s.Document(pages, META, (REGULAR,))


def placed_words(data: bytes) -> list[list[tuple[float, float, str]]]:
    out = []
    for page in PdfReader(io.BytesIO(data)).pages:
        found = []
        height = float(page.mediabox.height)

        def visit(text, cm, tm, font, size):
            if text.strip():
                found.append((round(tm[4] * cm[0] + cm[4], 3), round(height - (tm[5] * cm[3] + cm[5]), 3), text))

        page.extract_text(visitor_text=visit)
        out.append(sorted(found))
    return out


def test_a_repeated_frame_is_drawn_at_every_place_with_its_text():
    frame = card("Bestuur")
    shared, copied = render_pdf(document(frame, False)), render_pdf(document(frame, True))
    expected = sorted((x + 8, y + 30, "Bestuur") for x, y in SPOTS)
    assert placed_words(shared) == placed_words(copied) == [expected, expected]
    assert shared == render_pdf(document(frame, False))  # the same bytes every time
    for page in (0, 1):  # looks the same as three separate frames
        assert render_png(shared, page, 300) == render_png(copied, page, 300)


def test_a_repeated_frame_with_a_link_keeps_a_link_on_every_page():
    data = render_pdf(document(card("Bestuur", link=True), False))
    pages = PdfReader(io.BytesIO(data)).pages
    assert [len(p.get("/Annots") or ()) for p in pages] == [3, 3]
    expected = sorted((x + 8, y + 30, "Bestuur") for x, y in SPOTS)
    assert placed_words(data) == [expected, expected]
