"""Fonts: names → TrueType files from pip packages, and cached metrics from those same files.

A font is named by its file stem ("SourceSansPro-Regular", "SourceSansPro-It", "Vera", …).
Files come from exactly two places, both installed by pip: the `font_source_sans_pro`
package's `files/` folder and ReportLab's own `fonts/` folder; only `.ttf` files.

Text is set with shaped widths: `FontMetrics.shape(text, kern, liga)` runs HarfBuzz
(uharfbuzz) on the same TTF file the PDF embeds and returns the glyphs with their advances in
1/1000 em (cached per string and features); `shaped_units` sums them. A ligature is kept only
if the font's cmap reaches its glyph through a code point (Source Sans Pro: U+FB00, U+FB03,
U+FB04 for ff, ffi, ffl), so the PDF can draw exactly that glyph; otherwise the text is shaped
again without ligatures. `units`/`width` are the unshaped sums of the `hmtx` advances
(ReportLab's `stringWidth`), used where a renderer advances by itself.

ReportLab is imported lazily (it costs about 0.25 s), on the first `metrics()`/`register()`.
"""

from __future__ import annotations

import functools
from itertools import chain, repeat
from pathlib import Path
from typing import NamedTuple

from generator.errors import ConfigError
from generator.scene import FontFace

class Shaped(NamedTuple):
    """Shaped text as columns, one entry per glyph: its id in the font, its advance in 1/1000
    em (kerning included), and the offset in the text of the first character it stands for."""

    gids: tuple[int, ...]
    advances: tuple[float, ...]
    clusters: tuple[int, ...]
    plain: bool = False  # one glyph per character, each at the font's own width (no kerning here)


# Files in those folders that are not fonts for setting text (a shaping test font).
_EXCLUDED = frozenset({"hb-test"})


@functools.cache
def font_dirs() -> tuple[Path, ...]:
    """The folders fonts are looked up in: Source Sans Pro's package files, then ReportLab's."""
    import importlib.util

    dirs: list[Path] = []
    for package, sub in (("font_source_sans_pro", "files"), ("reportlab", "fonts")):
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        folder = Path(next(iter(spec.submodule_search_locations))) / sub
        if folder.is_dir():
            dirs.append(folder)
    return tuple(dirs)


@functools.cache
def _font_files() -> dict[str, Path]:
    files: dict[str, Path] = {}
    for folder in font_dirs():
        for path in sorted(folder.glob("*.ttf")):
            if path.stem not in _EXCLUDED:
                files.setdefault(path.stem, path)  # first folder wins
    return files


def available_fonts() -> tuple[str, ...]:
    """Every font name `font_face` accepts, sorted."""
    return tuple(sorted(_font_files()))


def font_face(name: str) -> FontFace:
    """The TrueType file for a font name (a file stem such as "SourceSansPro-Semibold")."""
    path = _font_files().get(name)
    if path is None:
        raise ConfigError(f"unknown font {name!r} (available: {', '.join(available_fonts())})")
    return FontFace(name, path)


class FontMetrics:
    """Widths and vertical metrics of one font, from the TTF file the PDF embeds.

    `units(text)` is the advance width in 1/1000 em (size-independent, cached per string);
    `width(text, size)` is that in points. `ascent`/`descent`/`cap_height` take a size in
    points and return points; `descent` is positive (distance below the baseline). The vertical
    values are the OS/2 typo metrics as ReportLab reads them (Source Sans Pro: 750/250/660).
    """

    __slots__ = ("name", "path", "ttfont", "_widths", "_default", "_cmap", "_cache", "_shaped", "_shaped_w", "_hb_font",
                 "_scale", "glyph_char", "ascent_units", "descent_units", "cap_height_units")

    def __init__(self, name: str, path: Path):
        from reportlab.pdfbase.ttfonts import TTFont

        self.name = name
        self.path = path
        self.ttfont = TTFont(name, str(path))
        face = self.ttfont.face
        self._widths: dict[int, float] = face.charWidths
        self._default: float = face.defaultWidth
        self._cmap: dict[int, int] = face.charToGlyph
        self._cache: dict[str, float] = {}
        self._shaped: dict[tuple[str, bool, bool], Shaped] = {}
        self._shaped_w: dict[tuple[str, bool, bool], float] = {}
        self._hb_font = None
        self._scale = 1.0
        self.glyph_char: dict[int, str] = {}  # glyph id → a code point that draws it (lowest)
        for code, gid in sorted(self._cmap.items(), reverse=True):
            self.glyph_char[gid] = chr(code)
        self.ascent_units = float(face.ascent)
        self.descent_units = float(-face.descent)
        self.cap_height_units = float(getattr(face, "capHeight", 0) or face.ascent)

    def units(self, text: str) -> float:
        """Advance width of `text` in 1/1000 em (missing glyphs count as .notdef's width)."""
        w = self._cache.get(text)
        if w is None:
            # the same sum as over (widths.get(ord(c), default) for c in text), without a generator
            w = self._cache[text] = sum(map(self._widths.get, map(ord, text), repeat(self._default, len(text))))
        return w

    def shape(self, text: str, kern: bool = True, liga: bool = True) -> Shaped:
        """`text` shaped by HarfBuzz as columns: glyph ids, advances in 1/1000 em (kerning
        included) and, per glyph, the offset in `text` of the first character it stands for.
        Words are shaped one by one and cached (a space ends the shaping context: the fonts
        have no kerning pairs with the space), so a line costs a dict hit per word."""
        if " " not in text:
            return self._word(text, kern, liga)
        words = text.split(" ")
        shaped = [self._word(word, kern, liga) for word in words]
        space = self._word(" ", kern, liga)
        parts = [space] * (2 * len(words) - 1)  # the words with a space between each two
        parts[::2] = shaped
        gids = tuple(chain.from_iterable([p.gids for p in parts]))
        advances = tuple(chain.from_iterable([p.advances for p in parts]))
        plain = all(p.plain for p in parts)
        # no part has more glyphs than characters (its clusters rise from 0), so as many glyphs
        # as characters means glyph k is character k in every part
        if len(gids) == len(text):
            return Shaped(gids, advances, tuple(range(len(text))), plain)
        clusters: list[int] = []
        offset = 0
        for k, (word, g) in enumerate(zip(words, shaped)):
            if k:
                clusters += [c + offset for c in space.clusters]
                offset += 1
            clusters += [c + offset for c in g.clusters]
            offset += len(word)
        return Shaped(gids, advances, tuple(clusters), plain)

    def _word(self, text: str, kern: bool, liga: bool) -> Shaped:
        key = (text, kern, liga)
        found = self._shaped.get(key)
        if found is None:
            found = self._shaped[key] = self._shape(text, kern, liga) if text else Shaped((), (), (), True)
        return found

    def _shape(self, text: str, kern: bool, liga: bool) -> Shaped:
        import uharfbuzz as hb

        if self._hb_font is None:
            face = hb.Face(hb.Blob.from_file_path(str(self.path)))
            self._hb_font = hb.Font(face)
            self._scale = 1000.0 / face.upem
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        buf.direction = "ltr"  # as the renderers draw: characters in their logical order
        buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
        hb.shape(self._hb_font, buf, {"kern": kern, "liga": liga, "clig": liga})
        scale = self._scale
        infos = buf.glyph_infos
        shaped = Shaped(tuple(i.codepoint for i in infos), tuple(p.x_advance * scale for p in buf.glyph_positions),
                        tuple(i.cluster for i in infos))
        if self._drawable(text, shaped):
            widths, default = self._widths, self._default
            plain = len(shaped.gids) == len(text) and all(
                abs(widths.get(ord(c), default) - a) < 1e-9 for c, a in zip(text, shaped.advances))
            return shaped._replace(plain=plain)
        if liga:
            return self._shape(text, kern, False)
        # one glyph per character at its own width: what the PDF can always draw
        cmap, widths, default = self._cmap, self._widths, self._default
        return Shaped(tuple(cmap.get(ord(c), 0) for c in text), tuple(widths.get(ord(c), default) for c in text),
                      tuple(range(len(text))), True)

    def _drawable(self, text: str, shaped: Shaped) -> bool:
        """True if the PDF can draw exactly these glyphs by characters: one glyph per cluster, in
        order, and a glyph standing for several characters (a ligature) has a code point."""
        clusters = shaped.clusters
        if any(b <= a for a, b in zip(clusters, clusters[1:])) or (clusters and clusters[0] != 0):
            return False
        ends = clusters[1:] + (len(text),)
        cmap = self._cmap
        return all(cmap.get(ord(text[start])) == gid if end - start == 1 else gid in self.glyph_char
                   for gid, start, end in zip(shaped.gids, clusters, ends))

    def shaped_units(self, text: str, kern: bool = True, liga: bool = True) -> float:
        """The shaped advance width of `text` in 1/1000 em (cached)."""
        key = (text, kern, liga)
        w = self._shaped_w.get(key)
        if w is None:
            w = self._shaped_w[key] = sum(self.shape(text, kern, liga).advances)
        return w

    def width(self, text: str, size: float) -> float:
        """Advance width of `text` at `size` points, in points (= pdfmetrics.stringWidth)."""
        return 0.001 * size * self.units(text)

    def ascent(self, size: float) -> float:
        return 0.001 * size * self.ascent_units

    def descent(self, size: float) -> float:
        """Distance from the baseline down to the descender line: a positive number."""
        return 0.001 * size * self.descent_units

    def cap_height(self, size: float) -> float:
        return 0.001 * size * self.cap_height_units

    def missing(self, text: str) -> str:
        """The characters of `text` this font has no glyph for, each once, in order of
        appearance. Line breaks and tabs are not counted (they are never drawn)."""
        cmap = self._cmap
        seen: dict[str, None] = {}
        for c in text:
            if c not in seen and ord(c) not in cmap and c not in "\n\r\t":
                seen[c] = None
        return "".join(seen)

    def has(self, text: str) -> bool:
        """True if the font has a glyph for every character of `text`."""
        return not self.missing(text)

    def __repr__(self) -> str:
        return f"FontMetrics({self.name!r})"


@functools.cache
def metrics(name: str) -> FontMetrics:
    """The (cached, one per name) metrics of a font; raises ConfigError for unknown names."""
    face = font_face(name)
    return FontMetrics(face.name, face.path)


def register(name: str) -> str:
    """Register the font with ReportLab's pdfmetrics under `name` (idempotent) and return the
    name. Registers the very TTFont `metrics(name)` measures with; if the name is already
    registered (e.g. by the PDF renderer, from `font_face(name).path`) that registration stays:
    same file, same widths."""
    from reportlab.pdfbase import pdfmetrics

    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(metrics(name).ttfont)
    return name
