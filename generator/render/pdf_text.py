"""PDF operators for shaped text runs (kerning and ligatures placed exactly).

ReportLab embeds TrueType fonts as subsets encoded by Unicode characters. A shaped run's
glyphs are written as the characters the font's cmap maps to them, in `TJ` arrays whose
numbers are the differences between the shaped advances and the widths the PDF font gives
those characters. A ligature glyph is written as its presentation form (U+FB00 ff, U+FB03
ffi, U+FB04 ffl in Source Sans Pro) inside `/Span <</ActualText …>> BDC … EMC`, and the
subset's ToUnicode CMap maps each presentation form to its letters, so extractors that
ignore ActualText give the letters too. (The shaper only keeps ligatures that have a code
point: see generator.text.fonts.)
"""

from __future__ import annotations

import functools
import itertools
import operator
import unicodedata

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.pdfgen.canvas import escapePDF

from generator import scene


def shaped_ops(c: rl_canvas.Canvas, run: scene.Run) -> tuple[list[str], int]:
    """Operators that place a shaped run's glyphs exactly at their advances, and the font
    subset they end in: each glyph is written as the character that the font's cmap maps to it
    (a ligature as its presentation form, U+FB00 ff …, inside a /Span with /ActualText giving
    the characters it stands for, so copying and extraction give the text), with a TJ
    adjustment wherever the shaped advance (kerning) differs from the width the PDF font
    gives that character. Starts with the subset's Tf (ReportLab's setFont resets it)."""
    font = pdfmetrics.getFont(run.font)
    if not run.clusters:  # one glyph per character: the usual case
        fast = _plain_ops(c, font, run)
        if fast is not None:
            return fast
        chars, actual = run.text, None
    else:
        chars, actual = _ligature_chars(font, run)
    widths, default = font.face.charWidths, font.face.defaultWidth
    adjust = [widths.get(32 if ch == "\u00a0" else ord(ch), default) - a for ch, a in zip(chars, run.advances)]
    escape, size = c._escape, _num(run.size)
    ops: list[str] = []
    subset = -1
    index = 0
    for subset, data in font.splitString(chars, c._doc):
        ops.append(f"{font.getSubsetInternalName(subset, c._doc)} {size} Tf")
        items: list[str] = []
        start = 0
        for n in range(len(data)):
            i = index + n
            lig = actual is not None and actual[i] is not None
            if lig:
                if n > start:
                    items.append(f"({escape(data[start:n])})")
                _tj(ops, items)
                ops.append(f"/Span <</ActualText <FEFF{actual[i].encode('utf-16-be').hex().upper()}>>> BDC "
                           f"({escape(data[n:n + 1])}) Tj EMC")
                start = n + 1
            if abs(adjust[i]) > 1e-6 and i < len(chars) - 1:
                if n + 1 > start:
                    items.append(f"({escape(data[start:n + 1])})")
                items.append(_num(adjust[i]))
                start = n + 1
        if len(data) > start:
            items.append(f"({escape(data[start:])})")
        _tj(ops, items)
        index += len(data)
    return ops, subset


def _plain_ops(c: rl_canvas.Canvas, font, run: scene.Run) -> tuple[list[str], int] | None:
    """`shaped_ops` for a run without ligatures whose characters all have their codes in the
    font's first subset already (None otherwise): the same operators, with the Python work
    per kerning pair instead of per character (each code escaped as ReportLab escapes it, and
    the adjustment written between the codes before and after it)."""
    chars = run.text
    codes = _codes(font, c._doc)
    if codes is None or not chars or not codes[0].issuperset(chars):
        return None
    pieces = list(map(_ESCAPED.__getitem__, chars.translate(codes[1]).encode("latin-1")))
    adjust = list(map(operator.sub, map(_char_widths(font).__getitem__, chars), run.advances))
    kerned = False
    for i in itertools.compress(range(len(chars) - 1), adjust):  # the last glyph's adjustment does not count
        d = adjust[i]
        if d > 1e-6 or d < -1e-6:
            pieces[i] += f") {_num(d)} ("
            kerned = True
    text = "".join(pieces)
    tf = f"{font.getSubsetInternalName(0, c._doc)} {_num(run.size)} Tf"
    return [tf, f"[({text})] TJ" if kerned else f"({text}) Tj"], 0


_ESCAPED = tuple(escapePDF(bytes([code])) for code in range(256))  # escapePDF works byte by byte


def _codes(font, doc) -> tuple[frozenset[str], dict[int, str]] | None:
    """The characters whose codes are in the font's first subset in `doc`, and a str.translate
    table from them to their codes (as Latin-1 characters); from ReportLab's assignments,
    made again whenever it has assigned more."""
    state = font.state.get(doc)
    if state is None:
        return None
    assignments = state.assignments
    cached = getattr(state, "praatplaat_codes", None)
    if cached is None or cached[0] != len(assignments):
        table = {code: chr(n) for code, n in assignments.items() if n < 256}
        if 32 in table:
            table[0xA0] = table[32]  # ReportLab writes a no-break space as the space
        cached = state.praatplaat_codes = (len(assignments), frozenset(map(chr, table)), table)
    return cached[1], cached[2]


class _Widths(dict):
    """Character → the width the PDF font gives it (a no-break space: the space's)."""

    def __init__(self, font):
        super().__init__()
        self.widths, self.default = font.face.charWidths, font.face.defaultWidth

    def __missing__(self, ch: str) -> float:
        width = self[ch] = self.widths.get(32 if ch == "\u00a0" else ord(ch), self.default)
        return width


@functools.cache
def _char_widths(font) -> _Widths:
    return _Widths(font)


def _ligature_chars(font, run: scene.Run) -> tuple[str, list[str | None]]:
    """The characters that draw a run's glyphs, and per glyph the text it stands for when that
    differs (a ligature drawn as its presentation form)."""
    cmap = font.face.charToGlyph
    ends = run.clusters[1:] + (len(run.text),)
    chars: list[str] = []
    actual: list[str | None] = []
    for gid, start, end in zip(run.glyphs, run.clusters, ends):
        source = run.text[start:end]
        if len(source) == 1 and (cmap.get(ord(source)) == gid or gid == 0):
            chars.append(source)
            actual.append(None)
        else:
            char = _glyph_char(run.font, gid) or source[:1]
            chars.append(char)
            actual.append(source if char != source else None)
    return "".join(chars), actual


def _tj(ops: list[str], items: list[str]) -> None:
    """Write pending TJ items (strings and adjustments, which may lead or end: around a
    ligature's span) as one operator."""
    if len(items) == 1 and items[0].startswith("("):
        ops.append(f"{items[0]} Tj")
    elif items:
        ops.append(f"[{' '.join(items)}] TJ")
    items.clear()


def _num(value: float) -> str:
    whole = int(value)
    if whole == value:  # the usual case: font units of a 1000-unit em
        return str(whole)
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


_LIGATURES = range(0xFB00, 0xFB07)  # ff, fi, fl, ffi, ffl, ſt, st: their presentation forms


def _to_unicode_cmap(fontname: str, subset) -> str:
    """ReportLab's ToUnicode CMap for a font subset, with each ligature presentation form
    mapped to the letters it stands for (U+FB00 → "ff"), so every text extractor, also one
    that ignores /ActualText, gives the letters the content has."""
    text = _rl_to_unicode_cmap(fontname, subset)
    for code, value in enumerate(subset):
        if value in _LIGATURES:
            letters = "".join(f"{ord(ch):04X}" for ch in unicodedata.normalize("NFKC", chr(value)))
            text = text.replace(f"<{code:02X}> <{value:04X}>", f"<{code:02X}> <{letters}>")
    return text


_rl_to_unicode_cmap = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@functools.cache
def _glyph_char(font_name: str, gid: int) -> str:
    """A character the font's cmap maps to glyph `gid` (the lowest code point), or ''."""
    cmap = pdfmetrics.getFont(font_name).face.charToGlyph
    found = [code for code, g in cmap.items() if g == gid]
    return chr(min(found)) if found else ""


