"""Stage 1 of the engine (Typst's "collect"): inline spans → words of styled parts.

A span's style key is (font, scale, colour, href, footnote number or None, kern, liga). Emphasis →
`style.italic`, strong → `style.bold` (strong wins), href → `style.link_color`. A footnote
reference prints as superscript figures (U+2070–2079, "doelen¹") in the span's font at full
size when the font has them (Source Sans Pro does), else as the digits at 0.7 × size on the
baseline; its number stays in the style key, so lines know which notes they print.
Whitespace: any run of ASCII whitespace is one breakable space; no-break spaces join.
"""

from __future__ import annotations

import re
import unicodedata

from generator import model
from generator.text.block import SUPERSCRIPT
from generator.text.fonts import metrics
from generator.text.style import TextStyle

FOOTNOTE_SCALE = 0.7
_WS_SPLIT = re.compile(r"([ \t\n\r\f\v\u2028\u2029]+)")
_BREAKING_WS = " \t\n\r\f\v\u2028\u2029"

Style = tuple  # (font, scale, color, href, footnote, kern, liga): the style key of a segment
_STYLES: dict[Style, Style] = {}


def spans_of(text: model.Inline | str) -> tuple[model.Span, ...]:
    """A paragraph as spans (a plain string is one span)."""
    if isinstance(text, str):
        return (model.Span(text),)
    return tuple(text)


def _span_style(span: model.Span, style: TextStyle, sup_ok: dict) -> tuple[str, Style]:
    font = style.bold if span.strong else style.italic if span.emphasis else style.regular
    color = style.link_color if span.href else style.color
    text = unicodedata.normalize("NFC", span.text)
    scale = 1.0
    if span.footnote is not None:
        digits = text.strip()
        if digits.isdigit() and digits.isascii():
            ok = sup_ok.get(font)
            if ok is None:
                ok = sup_ok[font] = metrics(font).has("⁰¹²³⁴⁵⁶⁷⁸⁹")
            if ok:
                text = text.replace(digits, digits.translate(SUPERSCRIPT))
            else:
                scale = FOOTNOTE_SCALE
        else:
            scale = FOOTNOTE_SCALE
    key = (font, scale, color, span.href, span.footnote, style.kern, style.liga)  # footnotes: own runs
    return text, _STYLES.setdefault(key, key)  # one object per style: cheap comparisons


def collect(spans: tuple[model.Span, ...], style: TextStyle) -> tuple[list[list[tuple[str, Style]]], list[Style]]:
    """The paragraph's words (each a list of (text, style key) parts, hint marks included) and
    the style of the space after each word but the last."""
    sup_ok: dict[str, bool] = {}
    words: list[list[tuple[str, Style]]] = []
    space_after: list[Style] = []
    current: list[tuple[str, Style]] = []
    pending_space: Style | None = None
    for span in spans:
        text, sty = _span_style(span, style, sup_ok)
        for piece in _WS_SPLIT.split(text):
            if not piece:
                continue
            if piece[0] in _BREAKING_WS:
                if current:
                    words.append(current)
                    current = []
                    pending_space = sty
                continue
            if pending_space is not None and not current:
                space_after.append(pending_space)
                pending_space = None
            current.append((piece, sty))
    if current:
        words.append(current)
    return words, space_after
