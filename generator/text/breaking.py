"""The one text engine's entry points: paragraphs, list items, single lines and names.

Typst's inline layout in four stages, one module each: `collect` (spans → styled words),
`prepare` (words → measured atoms between break opportunities, cached), `linebreak`
(optimal fit, or every breaking for text set by shape), `finalize` (lines → positioned runs
with their footnote numbers). `set_text(text, width, style)` breaks one paragraph into lines
no wider than `width` points and returns a `TextBlock`; `set_name` sets a name or title (a
word is hyphenated only if it does not fit a line whole); `fit_size` finds the largest size
at which a text fits a box (`fit.largest_size`). Renderers only draw the resulting lines.

Too-long words: a word that does not fit on a line alone gets its pyphen points even if
`style.hyphenate` is False; a piece that still does not fit is split between characters
(a "-" inserted) as a last resort: the block is then `overfull` (and `overflow` > 0 if even
one character is wider than the line). Text is never dropped.

Speed: word widths are dict hits (`fonts.FontMetrics.units`), each word's atoms are cached
(`prepare.word_atoms`), each paragraph's atoms per (text, fonts, colours, language) (size-
independent: widths are in 1/1000 em), and whole results per (text, width, style, tag), so
repeated texts cost nothing and `fit_size` only re-runs the breaking.
"""

from __future__ import annotations

import functools
import math
from dataclasses import replace

from generator import model, scene
from generator.errors import LayoutError
from generator.text.block import LineBreak, TextBlock, normalise, unbreak
from generator.text.collect import spans_of
from generator.text.finalize import build
from generator.text.fit import largest_size
from generator.text.linebreak import break_lines, line_width
from generator.text.prepare import EPS, Prepared, prepare, view
from generator.text.style import Hyphenation, TextStyle
from generator.units import PT_PER_MM

__all__ = ["Hyphenation", "LineBreak", "TextBlock", "TextStyle", "fit_size", "fits", "forget_paragraphs",
           "line_units", "normalise", "prepared", "set_line", "set_name", "set_text", "unbreak", "widest_piece_units"]


def prepared(text: model.Inline | str, style: TextStyle) -> Prepared:
    """The paragraph's measured atoms in the style's fonts (cached; size-independent)."""
    return _prepare(spans_of(text), style.regular, style.italic, style.bold, style.color, style.link_color,
                    style.lang, style.hyphenation, style.kern, style.liga)


_prepare = prepare


def line_units(text: model.Inline | str, style: TextStyle) -> float:
    """The width of `text` set on one line, in 1/1000 em of the style's size."""
    p = prepared(text, style)
    return line_width(view(p, math.inf)[0], 0, len(p.w) - 1) if p.w else 0.0


@functools.lru_cache(maxsize=4096)
def set_line(text: str, style: TextStyle, tag: str = "") -> scene.TextLine:
    """`text` as one line, never broken (a number, a label): runs as `set_text` makes them."""
    p = prepared(text, style)
    if not p.w:
        return scene.TextLine((), tag=tag)
    a, _ = view(p, math.inf)
    return build(p, a, [(0, len(p.w) - 1)], style, math.inf, tag).lines[0]


def widest_piece_units(text: model.Inline | str, style: TextStyle) -> float:
    """The widest part of `text` that cannot break without a pyphen hyphen (a word, or a part
    of one between the content's '|' hints or after an existing hyphen; with the hyphen a
    hint inserts), in 1/1000 em of the style's size."""
    return prepared(text, style).max_group_w


@functools.lru_cache(maxsize=16384)
def _set_cached(spans: tuple[model.Span, ...], width: float, style: TextStyle, tag: str) -> TextBlock:
    p = prepared(spans, style)
    if not p.w:
        lh = style.size * style.leading
        return TextBlock((), lh, 0.0, 0.0, measure=width, size=style.size, align=style.align,
                         breaks=(), source_text="")
    limit = width * 1000.0 / style.size  # the width in 1/1000 em of the style's size
    a, lines = break_lines(p, limit, style.hyphenate, style.hyphenation)
    return build(p, a, lines, style, width, tag)


def set_text(text: model.Inline | str, width: float, style: TextStyle, *, tag: str = "") -> TextBlock:
    """Break a paragraph into lines at most `width` points wide (see the module docstring)."""
    if not width > 0:
        what = f"'{tag}'" if tag else "text"
        raise LayoutError(f"no room for {what}: the layout leaves a column {width / PT_PER_MM:.0f} mm wide; "
                          f"check the layout file's margins, paddings and widths")
    if not style.size > 0:
        raise ValueError(f"font size must be positive, got {style.size}")
    if style.align not in ("left", "center"):
        raise ValueError(f"unknown text alignment {style.align!r} (left, center)")
    return _set_cached(spans_of(text), float(width), style, tag)


def set_name(text: model.Inline | str, width: float, style: TextStyle, *, tag: str = "") -> TextBlock:
    """A name or title in a box `width` wide: broken at spaces, existing hyphens and the
    content's '|' hints; a pyphen point only inside a word too long for a line. So a name that
    fits on one line is one line, and no word that fits whole is hyphenated to even the
    lines out (what a paragraph would do: "Strategic leader-/ship")."""
    if style.hyphenate:
        style = replace(style, hyphenate=False)
    return set_text(text, width, style, tag=tag)


def fits(block: TextBlock, max_height: float) -> bool:
    return not block.overfull and block.height <= max_height + 1e-9


def fit_size(text: model.Inline | str, width: float, style: TextStyle, max_height: float,
             min_size: float, max_size: float, *, tag: str = "") -> tuple[float, TextBlock] | None:
    """The largest size (a multiple of 0.25 pt in [min_size, max_size], or min_size itself) at
    which the text sets in `width` × `max_height` with no overfull line; None if it does not
    fit even at min_size (see `fit.largest_size`; the returned block always fits)."""
    if min_size > max_size:
        raise ValueError(f"min_size {min_size} > max_size {max_size}")
    if not width > 0 or not min_size > 0:
        raise ValueError(f"width and sizes must be positive (width {width}, min_size {min_size})")
    return _fit_cached(spans_of(text), float(width), style, float(max_height), float(min_size),
                       float(max_size), tag)


@functools.lru_cache(maxsize=16384)
def _fit_cached(spans: tuple[model.Span, ...], width: float, style: TextStyle, max_height: float,
                min_size: float, max_size: float, tag: str) -> tuple[float, TextBlock] | None:
    p = prepared(spans, style)
    if not p.w:
        return max_size, set_text(spans, width, replace(style, size=max_size), tag=tag)

    def ok(size: float) -> bool:  # breaks the lines without building runs
        limit = width * 1000.0 / size
        a, lines = break_lines(p, limit, style.hyphenate, style.hyphenation)
        if a.forced or len(lines) * size * style.leading > max_height + 1e-9:
            return False
        return all(line_width(a, i, j) <= limit + EPS for i, j in lines)

    # upper bounds: one line needs size × leading; the words (line ends drop spaces) need
    # (their width at size) / width lines of size × leading each
    total = sum(p.w) * 0.001  # width of the words per point of size
    top = min(max_size, max_height / style.leading + 1e-6)
    top = min(top, math.sqrt(width * max_height / (total * style.leading)) + 1e-6)
    size = largest_size(ok, min_size, max(top, min_size))
    if size is None:
        return None
    return size, set_text(spans, width, replace(style, size=size), tag=tag)


def forget_paragraphs() -> None:
    """Drop the per-paragraph caches (prepared atoms, set blocks, fitted sizes); word widths
    and hyphenation stay cached. For callers that set thousands of distinct paragraphs once
    each (a deck of cards): the caches are bounded by entry count, not by memory."""
    _prepare.cache_clear()
    _set_cached.cache_clear()
    _fit_cached.cache_clear()
