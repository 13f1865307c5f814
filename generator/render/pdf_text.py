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
import unicodedata

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen import canvas as rl_canvas

from generator import scene


def shaped_ops(c: rl_canvas.Canvas, run: scene.Run) -> tuple[list[str], int]:
    """Operators that place a shaped run's glyphs exactly at their advances, and the font
    subset they end in: each glyph is written as the character that the font's cmap maps to it
    (a ligature as its presentation form, U+FB00 ff …, inside a /Span with /ActualText giving
    the characters it stands for, so copying and extraction give the text), with a TJ
    adjustment wherever the shaped advance (kerning) differs from the width the PDF font
    gives that character. Starts with the subset's Tf (ReportLab's setFont resets it)."""
    font = pdfmetrics.getFont(run.font)
    widths, default = font.face.charWidths, font.face.defaultWidth
    if not run.clusters:  # one glyph per character: the usual case
        chars, actual = run.text, None
    else:
        chars, actual = _ligature_chars(font, run)
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


