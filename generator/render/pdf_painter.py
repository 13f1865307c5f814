"""Drawing a scene page onto a ReportLab canvas: shapes, gradients, shaped text, links, crop
marks, and repeated frames copied (generator.render.pdf assembles the document around it).

Scene coordinates are y-down from the trim's top-left; the painter converts them to PDF's
y-up coordinates of the media box. Every item is wrapped in marked content for its roles
(generator.render.tags). With `cmyk`, colours go through the print profile
(generator.render.pdfx): areas in CMYK, neutral text and rules in K only, small black text
overprinted.
"""

from __future__ import annotations

import functools

from reportlab.lib.colors import CMYKColor, Color, HexColor
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen import canvas as rl_canvas

from generator import color as colour
from generator import scene
from generator.render import check_href, mark_start, page_margin
from generator.render.pdf_text import shaped_ops
from generator.render.tags import Tagger, role_chain


@functools.lru_cache(maxsize=1024)
def _rl_colour(hex_value: str, cmyk: bool, ink: bool = False) -> Color:
    """A ReportLab colour for "#rrggbb": device RGB, or CMYK through the print profile (`ink`:
    a text or rule colour, K only where neutral; see generator.render.pdfx)."""
    if cmyk:
        from generator.render import pdfx

        return CMYKColor(*(pdfx.ink(hex_value) if ink else pdfx.area(hex_value)))
    return HexColor(colour.normalise_hex(hex_value))


class Painter:
    """Draws one page at a time; converts scene (y-down) to PDF (y-up) coordinates."""

    def __init__(self, c: rl_canvas.Canvas, cmyk: bool, repeated: set[int] = frozenset(),
                 destinations: frozenset[str] = frozenset(), titles: dict[str, str] | None = None):
        self.c = c
        self.tagger = Tagger(lambda op: c._code.append(op))  # showPage() starts a new _code list
        self.titles = titles or {}  # destination name -> outline title (a link's alt text)
        self.annots = 0  # link annotations on the current page
        self.destinations = destinations  # names a "#name" link may point at
        self.cmyk = cmyk
        self.repeated = repeated  # ids of group frames to draw once, as a form
        # id(frame) -> its operators drawn at the origin, and (index, roles) of its BDC operators
        self.forms: dict[int, tuple[list[str], list]] = {}
        self.in_form = False
        self.fill_ops: dict[str, str] = {}  # colour -> its text fill operator
        self.run_ops: dict[tuple, tuple[list[str], int]] = {}  # a shaped run's operators, once per document
        self.shapes: dict[tuple, tuple[str, ...]] = {}  # (x, y, item) -> its operators (see _replayed)
        self.margin = 0.0
        self.top = 0.0  # PDF y of the trim's top edge

    # coordinates ------------------------------------------------------------------
    def X(self, x: float) -> float:
        return self.margin + x

    def Y(self, y: float) -> float:
        return self.top - y

    def colour(self, hex_value: str) -> Color:
        return _rl_colour(hex_value, self.cmyk)

    def ink(self, hex_value: str) -> Color:
        """A text or stroke colour (K only where neutral, in print)."""
        return _rl_colour(hex_value, self.cmyk, True)

    # page -------------------------------------------------------------------------
    def page(self, page: scene.Page, bookmarks) -> None:
        c = self.c
        w, h = page.frame.width, page.frame.height
        m = page_margin(page)
        mw, mh = w + 2 * m, h + 2 * m
        self.margin, self.top = m, mh - m
        c.setPageSize((mw, mh))
        b = page.bleed
        c.setTrimBox((m, m, m + w, m + h))
        c.setBleedBox((m - b, m - b, m + w + b, m + h + b))
        for key, y in bookmarks:
            c.bookmarkPage(key, fit="XYZ", top=min(mh, max(0.0, self.Y(y))))
        self.tagger.start_page()
        self.annots = 0

        c.saveState()
        clip = c.beginPath()
        clip.rect(m - b, m - b, w + 2 * b, h + 2 * b)
        c.clipPath(clip, stroke=0, fill=0)
        self.frame(page.frame, 0.0, 0.0)
        self.tagger.close()
        c.restoreState()

        if page.crop_marks is not None:
            self.tagger.leaf((scene.artifact("Page"),))  # printer's marks
            self.crop_marks(page)
            self.tagger.close()

    def crop_marks(self, page: scene.Page) -> None:
        c = self.c
        marks = page.crop_marks
        start, length = mark_start(page), marks.length
        x0, x1 = self.X(0), self.X(page.frame.width)
        y0, y1 = self.Y(page.frame.height), self.Y(0)  # bottom, top in PDF space
        lines = []
        for x in (x0, x1):  # vertical marks on the vertical trim lines, above and below
            lines.append((x, y1 + start, x, y1 + start + length))
            lines.append((x, y0 - start, x, y0 - start - length))
        for y in (y0, y1):  # horizontal marks on the horizontal trim lines, left and right
            lines.append((x0 - start, y, x0 - start - length, y))
            lines.append((x1 + start, y, x1 + start + length, y))
        c.saveState()
        c.setStrokeColor(CMYKColor(0, 0, 0, 1))
        c.setLineWidth(marks.width)
        c.setDash([], 0)
        c.lines(lines)
        c.restoreState()

    # items ------------------------------------------------------------------------
    def frame(self, frame: scene.Frame, ox: float, oy: float, chain: tuple[scene.Role, ...] = ()) -> None:
        """Draw a frame's items; `chain`: the roles around it (marked content, see tags.py)."""
        tagger = self.tagger
        for placed in frame.items:
            x, y, item = ox + placed.x, oy + placed.y, placed.item
            if isinstance(item, scene.Group):
                inner = role_chain(chain, item.role)
                if not self.in_form and id(item.frame) in self.repeated:
                    self.form(item.frame, x, y, inner)
                else:
                    self.frame(item.frame, x, y, inner)
            elif isinstance(item, scene.Rect):
                tagger.leaf(chain)
                self.rect(x, y, item)
            elif isinstance(item, scene.Circle):
                tagger.leaf(chain)
                self.circle(x, y, item)
            elif isinstance(item, scene.Line):
                tagger.leaf(chain)
                self.line(x, y, item)
            elif isinstance(item, scene.TextLine):
                if item.runs:
                    tagger.leaf(chain)
                    self.overprinted_text(x, y, item)
            elif isinstance(item, scene.Link):
                if not self.cmyk:  # PDF/X: no annotations on the sheet; the text stays tagged
                    self.link(x, y, item)
                    tagger.link(chain, self.annots, item.alt or self._link_alt(item.href))
                    self.annots += 1
            else:  # pragma: no cover - the scene has no other items
                raise TypeError(f"cannot draw {type(item).__name__}")

    def _link_alt(self, href: str) -> str:
        return self.titles.get(href[1:], href[1:]) if href.startswith("#") else href

    def overprinted_text(self, x: float, y: float, item: scene.TextLine) -> None:
        """A text line; in print, set to overprint when all of it is small text in 100 % K."""
        if self.cmyk:
            from generator.render import pdfx

            if all(pdfx.overprints(pdfx.ink(run.color), run.size) for run in item.runs):
                c = self.c
                c.saveState()
                c.setFillOverprint(True)
                c.setOverprintMask(1)
                self.text(x, y, item)
                c.restoreState()
                return
        self.text(x, y, item)

    def form(self, frame: scene.Frame, x: float, y: float, chain: tuple[scene.Role, ...] = ()) -> None:
        """Draw a frame that occurs many times (the same object: a theme's card back, a card's
        band) once: its content-stream operators, drawn at the origin, are kept and each later
        occurrence copies them under a translation. Same page content as drawing it each time
        in place, but ReportLab formats the text and paths once. (Not a form XObject: text
        extractors place text in a form without the page's transformation.)

        Tagged content in it: the place of each BDC operator is kept with the roles inside
        the frame; a copy gets new MCIDs in the elements those roles resolve to in its place."""
        c, tagger = self.c, self.tagger
        tagger.close()  # marked content never straddles the q … Q
        c.saveState()
        c.translate(self.X(x), self.Y(y))
        recorded = self.forms.get(id(frame))
        if recorded is None:
            start, marks = len(c._code), []
            saved = self.margin, self.top
            self.margin, self.top, self.in_form = 0.0, 0.0, True
            tagger.on_mark = lambda inner: marks.append((len(c._code) - start, inner[len(chain):]))
            self.frame(frame, 0.0, 0.0, chain)
            tagger.close()
            tagger.on_mark = None
            (self.margin, self.top), self.in_form = saved, False
            self.forms[id(frame)] = (c._code[start:], marks)
        else:
            code, marks = recorded
            if marks:
                code = list(code)
                for index, inner in marks:
                    code[index] = tagger.again(chain + inner)
                tagger.open = None
            c._code.extend(code)
        c.restoreState()

    def _shape_path(self, x: float, y: float, item):
        p = self.c.beginPath()
        if isinstance(item, scene.Circle):
            p.circle(self.X(x), self.Y(y), item.radius)
        else:
            radius = min(item.radius, item.width / 2, item.height / 2)
            left, bottom = self.X(x), self.Y(y + item.height)
            if radius > 0:
                p.roundRect(left, bottom, item.width, item.height, radius)
            else:
                p.rect(left, bottom, item.width, item.height)
        return p

    def _set_stroke(self, stroke: scene.Stroke) -> None:
        c = self.c
        c.setStrokeColor(self.ink(stroke.color))
        c.setLineWidth(stroke.width)
        c.setDash(list(stroke.dash), 0)

    def _paint(self, x: float, y: float, item) -> None:
        """Fill and stroke a Rect or Circle placed at (x, y) (scene coordinates)."""
        c = self.c
        fill, stroke = item.fill, item.stroke
        if stroke is not None and stroke.width <= 0:
            stroke = None
        if isinstance(fill, scene.LinearGradient):
            self._gradient(x, y, item, fill)
            fill = None
        if fill is None and stroke is None:
            return
        c.saveState()
        if fill is not None:
            c.setFillColor(self.colour(fill))
        if stroke is not None:
            self._set_stroke(stroke)
        c.drawPath(self._shape_path(x, y, item), stroke=int(stroke is not None), fill=int(fill is not None))
        c.restoreState()

    def _gradient(self, x: float, y: float, item, gradient: scene.LinearGradient) -> None:
        c = self.c
        stops = sorted(gradient.stops, key=lambda s: s.offset)
        if not stops:
            return
        colours = [self.colour(s.color) for s in stops]
        c.saveState()
        c.clipPath(self._shape_path(x, y, item), stroke=0, fill=0)
        if len(stops) == 1:
            c.setFillColor(colours[0])
            c.drawPath(self._shape_path(x, y, item), stroke=0, fill=1)
        else:
            positions = [min(1.0, max(0.0, s.offset)) for s in stops]
            c.linearGradient(
                self.X(x + gradient.x1), self.Y(y + gradient.y1),
                self.X(x + gradient.x2), self.Y(y + gradient.y2),
                colours, positions, extend=True,
            )
        c.restoreState()

    def rect(self, x: float, y: float, item: scene.Rect) -> None:
        self._replayed(x, y, item, self._paint)

    def circle(self, x: float, y: float, item: scene.Circle) -> None:
        self._replayed(x, y, item, self._paint)

    def line(self, x: float, y: float, item: scene.Line) -> None:
        self._replayed(x, y, item, self._line)

    def _replayed(self, x: float, y: float, item, draw) -> None:
        """`draw(x, y, item)`, whose operators (a shape between q and Q: no state is left
        changed) are kept per place and item and copied when the same shape is drawn in the
        same place again (cut marks on every sheet, a card's frame in each slot). Not in print
        mode (overprint and CMYK colours use per-page resources) nor for gradients (ditto)."""
        if self.cmyk or isinstance(getattr(item, "fill", None), scene.LinearGradient):
            draw(x, y, item)
            return
        key = (self.X(x), self.Y(y), item)
        code = self.c._code
        found = self.shapes.get(key)
        if found is None:
            start = len(code)
            draw(x, y, item)
            found = tuple(code[start:])
            if len(self.shapes) >= 4096:
                self.shapes.clear()
            self.shapes[key] = found
        else:
            code.extend(found)

    def _line(self, x: float, y: float, item: scene.Line) -> None:
        if item.stroke.width <= 0:
            return
        c = self.c
        c.saveState()
        self._set_stroke(item.stroke)
        c.line(self.X(x), self.Y(y), self.X(x + item.dx), self.Y(y + item.dy))
        c.restoreState()

    def fill_op(self, hex_value: str) -> str:
        """The operator that a text object's `setFillColor` writes for this colour, found once
        per colour (setting a text colour is a third of the cost of a line otherwise)."""
        op = self.fill_ops.get(hex_value)
        if op is None:
            t = self.c.beginText()
            start = len(t._code)
            t.setFillColor(self.ink(hex_value))
            op = self.fill_ops[hex_value] = t._code.pop()
            if len(t._code) != start:  # pragma: no cover - ReportLab writes one operator
                raise RuntimeError("unexpected text colour operators")
        return op

    def text(self, x: float, y: float, item: scene.TextLine) -> None:
        """A text line as one BT … ET: what ReportLab's text object writes for it
        (`beginText()`, per run `setTextOrigin`, `setFont`, `setFillColor` and the run's
        operators), written directly when every run is shaped (the usual case)."""
        if not item.runs:
            return
        if not all(run.advances for run in item.runs):
            self._text_object(x, y, item)
            return
        code = ["BT", "1 0 0 1 0 0 Tm"]  # beginText() at the origin
        for run in item.runs:
            code.append(f"1 0 0 1 {fp_str(self.X(x + run.dx), self.Y(y))} Tm")
            code.append(self.fill_op(run.color))
            code.extend(self._run_ops(run)[0])
        code.append("ET")
        self.c._code.append(" ".join(code))

    def _run_ops(self, run: scene.Run) -> tuple[list[str], int]:
        key = (run.font, run.size, run.text, run.advances, run.glyphs)
        found = self.run_ops.get(key)
        if found is None:
            found = shaped_ops(self.c, run)
            if len(run.text) <= 40:  # names, numbers, labels: the runs that repeat
                self.run_ops[key] = found
        return found

    def _text_object(self, x: float, y: float, item: scene.TextLine) -> None:
        """A text line with a run that is not shaped, through ReportLab's text object."""
        t = self.c.beginText()
        for run in item.runs:
            t.setTextOrigin(self.X(x + run.dx), self.Y(y))
            t.setFont(run.font, run.size)
            t._code.append(self.fill_op(run.color))
            if run.advances:
                found = self._run_ops(run)
                t._code.extend(found[0])
                t._curSubset = found[1]
            else:
                t._textOut(run.text)  # = textOut without measuring the run (each run sets its origin)
        self.c.drawText(t)

    def link(self, x: float, y: float, item: scene.Link) -> None:
        href = check_href(item.href)
        rect = (self.X(x), self.Y(y + item.height), self.X(x + item.width), self.Y(y))
        if href.startswith("#"):
            if href[1:] not in self.destinations:
                raise ValueError(f"link to {href!r}, but no outline entry has that key")
            self.c.linkRect("", href[1:], rect, relative=0, thickness=0)
        else:
            self.c.linkURL(href, rect, relative=0, thickness=0)
