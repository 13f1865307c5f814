"""One page of a scene.Document as a stand-alone SVG.

- Size in points, viewBox in points from (-bleed, -bleed): SVG user units are scene
  points, so every coordinate equals the scene's (absolute, groups are not translated).
  Crop marks are print furniture and are not drawn; the view covers trim + bleed.
- Text is real `<text>` (one per TextLine, one `<tspan>` per Run) with every character at
  its shaped place (an x per character: the layout's HarfBuzz positions, kerning included,
  the same as the PDF's); the embedded fonts carry no GSUB/GPOS, so no renderer kerns or
  substitutes on top of them. Searchable and selectable. With `text="outline"` each run is
  drawn as its glyph outlines instead (a `<path>`, the text in `aria-label`), for print RIPs
  and converters that cannot use the embedded fonts.
- Fonts are embedded as `@font-face` data: URIs, subset with fontTools to a base set of
  ordinary Latin text plus whatever else the page uses in that face (font_subsets: pages
  share one subset per face; the whole TTF if fontTools is missing), each under its own face name (so
  an HTML page that inlines the SVG keeps its own faces). Every run names that face, then
  the font's real family, with `font-weight`/`font-style`, then sans-serif: a renderer
  without web fonts (librsvg, many RIPs) still finds the right weight of the installed
  family. No scripts, no external files.
- Items carry their scene tag as `data-tag`; groups and text lines their source (file:line)
  as `data-source`. Gradient ids count up (g1, g2, …) so the same page gives the same bytes.
"""

from __future__ import annotations

import base64
import functools
import io
import re
from pathlib import Path

import svgwrite

from generator import color as colour
from generator import scene
from generator.render import check_href
from generator.render.font_subsets import font_data


TEXT_MODES = ("text", "outline")


def render_svg(doc: scene.Document, page: int = 0, *, text: str = "text") -> bytes:
    """Page `page` (0-based) of `doc` as UTF-8 SVG bytes; `text`: "text" (real text with
    embedded fonts) or "outline" (glyph outlines as paths)."""
    if not 0 <= page < len(doc.pages):
        raise IndexError(f"page {page} does not exist (the document has {len(doc.pages)} pages)")
    if text not in TEXT_MODES:
        raise ValueError(f"SVG text must be one of {', '.join(TEXT_MODES)}, not {text!r}")
    return _SvgPage(doc, doc.pages[page], outline=text == "outline").render()


def num(value: float) -> str:
    """A coordinate as short, stable text: at most three decimals, no "-0"."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_UNSAFE_FAMILY = re.compile(r"[^A-Za-z0-9 _.+-]")


def css_family(name: str) -> str:
    """A font face name as a quoted CSS family name (odd characters become '_')."""
    return "'" + _UNSAFE_FAMILY.sub("_", name) + "'"


GENERIC_FALLBACK = "sans-serif"


@functools.lru_cache(maxsize=64)
def face_info(path: str) -> tuple[str, int, str]:
    """(family, CSS weight, CSS style) of a TrueType file, from its name and OS/2 tables:
    the typographic family (name 16) if set, else the family (name 1)."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    try:
        names = font["name"]
        family = str(names.getDebugName(16) or names.getDebugName(1) or Path(path).stem)
        os2 = font["OS/2"]
        italic = bool(os2.fsSelection & 1) or font["post"].italicAngle != 0
        return family, int(os2.usWeightClass), "italic" if italic else "normal"
    finally:
        font.close()


def font_stack(face_name: str, path: str) -> str:
    """The font-family list of a run: the embedded face, the real family, the generic."""
    family = face_info(path)[0]
    return f"{css_family(face_name)}, {css_family(family)}, {GENERIC_FALLBACK}"


class _SvgPage:
    def __init__(self, doc: scene.Document, page: scene.Page, outline: bool = False):
        self.doc = doc
        self.page = page
        self.outline = outline
        self.glyph_ids: dict[tuple[str, str], str] = {}
        self.faces = {face.name: face for face in doc.fonts}
        self.gradients = 0
        b = page.bleed
        w, h = page.frame.width + 2 * b, page.frame.height + 2 * b
        self.dwg = svgwrite.Drawing(
            size=(f"{num(w)}pt", f"{num(h)}pt"), profile="full", debug=False,
            viewBox=f"{num(-b)} {num(-b)} {num(w)} {num(h)}",
        )
        if doc.meta.language:
            self.dwg["xml:lang"] = doc.meta.language
        self.defs = self.dwg.defs

    def render(self) -> bytes:
        dwg = self.dwg
        if self.doc.meta.title:
            dwg.set_desc(title=self.doc.meta.title)
        css = "" if self.outline else self.font_css()
        if css:
            dwg.defs.add(dwg.style(css))
        self.frame(self.page.frame, 0.0, 0.0, dwg)
        out = io.StringIO()
        dwg.write(out)
        return out.getvalue().encode("utf-8")

    # fonts ------------------------------------------------------------------------
    def font_css(self) -> str:
        used: dict[str, set[str]] = {}
        for _x, _y, item in scene.walk(self.page.frame):
            if isinstance(item, scene.TextLine):
                for run in item.runs:
                    used.setdefault(run.font, set()).update(run.text)
        rules = []
        for name in sorted(used):
            face = self.faces.get(name)
            if face is None:
                raise ValueError(f"text uses font {name!r}, which is not among the document's fonts "
                                 f"({', '.join(sorted(self.faces))})")
            data = base64.b64encode(font_data(str(face.path), used[name])).decode("ascii")
            _family, weight, style = face_info(str(face.path))
            rules.append(
                f"@font-face{{font-family:{css_family(name)};font-weight:{weight};font-style:{style};"
                f"src:url(data:font/ttf;base64,{data}) format('truetype');}}"
            )
        return "\n".join(rules)

    # items ------------------------------------------------------------------------
    def frame(self, frame: scene.Frame, ox: float, oy: float, parent) -> None:
        for placed in frame.items:
            x, y, item = ox + placed.x, oy + placed.y, placed.item
            if isinstance(item, scene.Group):
                group = self.dwg.g()
                _tag(group, item.tag, item.source)
                self.frame(item.frame, x, y, group)
                parent.add(group)
            elif isinstance(item, scene.Rect):
                parent.add(self.rect(x, y, item))
            elif isinstance(item, scene.Circle):
                parent.add(self.circle(x, y, item))
            elif isinstance(item, scene.Line):
                parent.add(self.line(x, y, item))
            elif isinstance(item, scene.TextLine):
                if item.runs:
                    parent.add(self.text(x, y, item))
            elif isinstance(item, scene.Link):
                parent.add(self.link(x, y, item))
            else:  # pragma: no cover - the scene has no other items
                raise TypeError(f"cannot draw {type(item).__name__}")

    def paint(self, fill: scene.Paint | None, x: float, y: float) -> str:
        if fill is None:
            return "none"
        if isinstance(fill, scene.LinearGradient):
            return f"url(#{self.gradient(fill, x, y)})"
        return colour.normalise_hex(fill)

    def gradient(self, g: scene.LinearGradient, x: float, y: float) -> str:
        self.gradients += 1
        ident = f"g{self.gradients}"
        element = self.dwg.linearGradient(
            id=ident, gradientUnits="userSpaceOnUse",
            x1=num(x + g.x1), y1=num(y + g.y1), x2=num(x + g.x2), y2=num(y + g.y2),
        )
        for stop in sorted(g.stops, key=lambda s: s.offset):
            element.add_stop_color(offset=num(min(1.0, max(0.0, stop.offset))),
                                   color=colour.normalise_hex(stop.color))
        self.defs.add(element)
        return ident

    def stroke(self, element, stroke: scene.Stroke | None) -> None:
        if stroke is None or stroke.width <= 0:
            return
        element["stroke"] = colour.normalise_hex(stroke.color)
        element["stroke-width"] = num(stroke.width)
        if stroke.dash:
            element["stroke-dasharray"] = " ".join(num(d) for d in stroke.dash)

    def rect(self, x: float, y: float, item: scene.Rect):
        element = self.dwg.rect(insert=(num(x), num(y)), size=(num(item.width), num(item.height)))
        radius = min(item.radius, item.width / 2, item.height / 2)
        if radius > 0:
            element["rx"] = element["ry"] = num(radius)
        element["fill"] = self.paint(item.fill, x, y)
        self.stroke(element, item.stroke)
        _tag(element, item.tag)
        return element

    def circle(self, x: float, y: float, item: scene.Circle):
        element = self.dwg.circle(center=(num(x), num(y)), r=num(item.radius))
        element["fill"] = self.paint(item.fill, x, y)
        self.stroke(element, item.stroke)
        _tag(element, item.tag)
        return element

    def line(self, x: float, y: float, item: scene.Line):
        element = self.dwg.line(start=(num(x), num(y)), end=(num(x + item.dx), num(y + item.dy)))
        self.stroke(element, item.stroke)
        _tag(element, item.tag)
        return element

    def text(self, x: float, y: float, item: scene.TextLine):
        if self.outline:
            return self.outlined(x, y, item)
        element = self.dwg.text("", style="font-kerning:none;font-variant-ligatures:none;white-space:pre")
        element["xml:space"] = "preserve"
        _tag(element, item.tag, item.source)
        for run in item.runs:
            path = str(self.face(run.font).path)
            _family, weight, style = face_info(path)
            element.add(self.dwg.tspan(
                run.text, x=[num(v) for v in char_xs(run, x + run.dx)], y=[num(y)],
                font_family=font_stack(run.font, path), font_weight=str(weight), font_style=style,
                font_size=num(run.size), fill=colour.normalise_hex(run.color),
            ))
        return element

    def face(self, name: str) -> scene.FontFace:
        face = self.faces.get(name)
        if face is None:
            raise ValueError(f"text uses font {name!r}, which is not among the document's fonts "
                             f"({', '.join(sorted(self.faces))})")
        return face

    def outlined(self, x: float, y: float, item: scene.TextLine):
        """A text line as glyph outlines: per run a group scaled to the run's size holding one
        `<use>` per glyph (each glyph's path once in <defs>); the line's text is its label."""
        from generator.render.outlines import glyph_path, glyph_run

        group = self.dwg.g()
        group["role"] = "img"
        group["aria-label"] = item.text
        _tag(group, item.tag, item.source)
        for run in item.runs:
            path = str(self.face(run.font).path)
            unit, glyphs = glyph_run(path, run.text)
            scale = run.size * unit
            start = x + run.dx
            if run.advances:  # shaped: each letter where the text mode puts it (kerning included)
                glyphs = [(name, (cx - start) / scale) for (name, _), cx in zip(glyphs, char_xs(run, start))]
            g = self.dwg.g(transform=f"translate({num(start)} {num(y)}) scale({scale:.6g} {-scale:.6g})",
                           fill=colour.normalise_hex(run.color))
            for name, pen in glyphs:
                if glyph_path(path, name):
                    g.add(self.dwg.use(f"#{self.glyph_id(path, name)}", x=num(pen)))
            group.add(g)
        return group

    def glyph_id(self, path: str, name: str) -> str:
        """The id of a glyph's <path> in <defs>, added on first use (ids count up: same bytes)."""
        key = (path, name)
        ident = self.glyph_ids.get(key)
        if ident is None:
            from generator.render.outlines import glyph_path

            ident = self.glyph_ids[key] = f"glyph{len(self.glyph_ids) + 1}"
            self.defs.add(self.dwg.path(d=glyph_path(path, name), id=ident))
        return ident

    def link(self, x: float, y: float, item: scene.Link):
        href = check_href(item.href)
        anchor = self.dwg.a(href, target=None)
        anchor["href"] = href
        area = self.dwg.rect(insert=(num(x), num(y)), size=(num(item.width), num(item.height)),
                             fill="none", pointer_events="all")
        anchor.add(area)
        return anchor


def char_xs(run: scene.Run, x: float) -> list[float]:
    """Where each character of a run starts: at its shaped glyph's place (kerning included), so
    no renderer's own advances or kerning move it. The letters of a ligature share its advance
    equally (SVG draws them as letters: the text stays exact). Unkerned runs: one x."""
    if not run.advances:
        return [x]
    xs: list[float] = []
    pos = x
    for letters, advance in run.glyph_runs():
        step = advance / len(letters)
        xs += [pos + k * step for k in range(len(letters))]
        pos += advance
    return xs


def _tag(element, tag: str, source: str = "") -> None:
    if tag:
        element["data-tag"] = tag
    if source:
        element["data-source"] = source
