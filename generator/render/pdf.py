"""A scene.Document to print-ready PDF bytes with ReportLab.

- Every font is a TrueType font from `doc.fonts`, embedded (ReportLab subsets TTFs);
  the canvas's initial font is the first of them, so no Helvetica reference is written.
- The scene is y-down from the trim's top-left; PDF is y-up from the media box's
  bottom-left. Each page's media box is the trim plus `page_margin` on every side (the
  bleed, or room for crop marks); TrimBox and BleedBox are set on every page.
- Content is clipped to the BleedBox; crop marks (100 % K) are drawn outside it.
- Tagged (PDF/UA-1): items are wrapped in marked content for their scene roles as they are
  drawn (generator.render.tags); the structure tree, XMP and the rest are added afterwards
  (generator.render.pdffinish). With `cmyk` the file is PDF/X-4 as well: colours through the
  coated-offset profile (generator.render.pdfx), text and rules in K only where neutral.
- `invariant=1` and a deterministic finish: the same document gives the same bytes.

This module assembles the document (fonts, pages, outline, the finish); pdf_painter.py draws
the items of each page.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

from generator import scene
from generator.render import page_margin
from generator.render.pdf_painter import Painter

CREATOR = "praatplaat"
# The canvas's initial font for a document without fonts (shapes only): Bitstream Vera, which
# ships with ReportLab, under a name no one else registers.
_FALLBACK_FONT = ("praatplaat-initial-Vera", Path(__import__("reportlab").__file__).parent / "fonts" / "Vera.ttf")


def register_font(name: str, path: Path | str) -> None:
    """Register a TrueType font with ReportLab under `name` unless already registered."""
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))


def render_pdf(doc: scene.Document, *, cmyk: bool = False) -> bytes:
    """Draw `doc` as a tagged PDF (PDF/UA-1). With `cmyk`, a PDF/X-4 file for print shops:
    every colour CMYK from the FOGRA39 profile (neutral text and rules K only), output
    intent, no link annotations (PDF/X allows none on the sheet)."""
    if not doc.pages:
        raise ValueError("a document needs at least one page")
    from generator.render.pdffinish import finish

    data, structure = _draw(doc, cmyk)  # the canvas is freed before the finish (peak memory)
    return finish(data, doc.meta, structure, pdfx=cmyk)


def _draw(doc: scene.Document, cmyk: bool):
    """ReportLab's PDF of `doc` with its marked content, and the structure recorded."""
    fonts = doc.fonts or (scene.FontFace(*_FALLBACK_FONT),)
    for face in fonts:
        register_font(face.name, face.path)
    known = {face.name for face in fonts}
    repeated = _check_fonts(doc, known)
    if cmyk:  # overprint needs ExtGState resources, which ReportLab keeps per page: no copied forms
        repeated = set()

    first = doc.pages[0]
    c = rl_canvas.Canvas(
        io.BytesIO(),
        pagesize=_media_size(first),
        invariant=1,
        initialFontName=fonts[0].name,
        lang=doc.meta.language or None,
    )
    c.setTitle(doc.meta.title)
    c.setAuthor(doc.meta.author)
    c.setSubject(doc.meta.subject)
    c.setKeywords(", ".join(doc.meta.keywords))
    c.setCreator(CREATOR)

    names = _destinations(doc)
    titles = {name: entry.title for name, entry in zip(names, doc.outline)}
    painter = Painter(c, cmyk, repeated, frozenset(names), titles)
    bookmarks = _bookmarks(doc, names)
    for index, page in enumerate(doc.pages):
        painter.page(page, bookmarks.get(index, ()))
        c.showPage()

    _add_outline(c, doc, names)
    # getpdfdata(): the same bytes as c.save() into a buffer, without two copies of them
    return c.getpdfdata(), painter.tagger.structure()


# --------------------------------------------------------------------------- helpers

def _media_size(page: scene.Page) -> tuple[float, float]:
    m = page_margin(page)
    return page.frame.width + 2 * m, page.frame.height + 2 * m


def _check_fonts(doc: scene.Document, known: set[str]) -> set[int]:
    """Check that every text run uses one of `known`; return the ids of the group frames that
    occur more than once and can be drawn once and copied (see `Painter.form` in pdf_painter.py). A repeated frame
    (the same object, e.g. a theme's card back on every card) is looked into once."""
    seen: dict[int, bool] = {}  # id(frame) -> may be copied (no links or gradients: page resources)
    repeated: set[int] = set()

    def visit(frame: scene.Frame, number: int) -> bool:
        formable = True
        for placed in frame.items:
            item = placed.item
            if isinstance(item, scene.Group):
                key = id(item.frame)
                if key in seen:
                    if seen[key]:
                        repeated.add(key)
                    formable = formable and seen[key]
                else:
                    seen[key] = visit(item.frame, number)
                    formable = formable and seen[key]
            elif isinstance(item, scene.TextLine):
                for run in item.runs:
                    if run.font not in known:
                        raise ValueError(
                            f"page {number}: text {item.text!r} uses font {run.font!r}, "
                            f"which is not among the document's fonts ({', '.join(sorted(known))})"
                        )
            elif isinstance(item, scene.Link):
                formable = False
            elif isinstance(item, (scene.Rect, scene.Circle)) and isinstance(item.fill, scene.LinearGradient):
                formable = False
        return formable

    for number, page in enumerate(doc.pages, 1):
        visit(page.frame, number)
    return repeated


def _bookmarks(doc: scene.Document, names: tuple[str, ...]) -> dict[int, list[tuple[str, float]]]:
    """Per page index: (destination name, y) of the outline entries that point there."""
    result: dict[int, list[tuple[str, float]]] = {}
    for i, entry in enumerate(doc.outline):
        if not 0 <= entry.page < len(doc.pages):
            raise ValueError(f"outline entry {entry.title!r} points at page {entry.page}, "
                             f"but the document has {len(doc.pages)} pages")
        result.setdefault(entry.page, []).append((names[i], entry.y))
    return result


def _destinations(doc: scene.Document) -> tuple[str, ...]:
    """The PDF destination name of each outline entry: its key when no other entry shares it."""
    counts = Counter(entry.key for entry in doc.outline)
    return tuple(entry.key if entry.key and counts[entry.key] == 1 else f"outline-{i}"
                 for i, entry in enumerate(doc.outline))


def _add_outline(c: rl_canvas.Canvas, doc: scene.Document, names: tuple[str, ...]) -> None:
    if not doc.outline:
        return
    previous = -1
    for i, entry in enumerate(doc.outline):
        # ReportLab (and PDF) cannot skip a level going down: clamp to one deeper than before.
        level = max(0, min(entry.level, previous + 1))
        c.addOutlineEntry(entry.title, names[i], level=level)
        previous = level
    c.showOutline()
