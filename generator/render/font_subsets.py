"""Embedded font subsets for the SVG and HTML renderers, one per face and character set.

A face is subset for a stable character set: a fixed base set (the letters, figures and
punctuation of ordinary Dutch, English, German and French text) united with whatever else the
page uses in that face. Most pages need nothing beyond the base set, so they share one subset
per face: a build subsets each face about once instead of once per document, and a warm
process (`watch`, `serve`) almost never. Each page's subset still depends on that page alone
(same content, same bytes), and the subsets are kept in memory only: a cold build stays cold.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Iterable

# Printable ASCII; the accented letters of Dutch, German and French (lower case, and the upper
# case ones German and French start words with: not all of Latin-1, which would add a third
# more bytes to every embedded face); quotes, dashes, ellipsis, bullets, euro and the spaces
# and signs of running text; the superscript figures footnote references print as.
BASE_CHARS: frozenset[str] = frozenset(
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "àáâäæçèéêëíîïóôöœùúûüÿßÄÖÜÉ"
    + "‘’‚“”„‹›«»–—…•·€§°©\u00a0\u00ad\u202f"
    + "⁰¹²³⁴⁵⁶⁷⁸⁹"
)

# Tables removed before subsetting: layout (every position comes from the layout's shaping;
# decoding them is most of the subsetter's time).
DROP_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "kern")


def subset_chars(chars: Iterable[str]) -> str:
    """The characters a face is subset for: the base set and `chars` without control
    characters (no font draws them), sorted."""
    return "".join(sorted(ch for ch in BASE_CHARS.union(chars) if ch >= " " and not "\x7f" <= ch <= "\x9f"))


def font_data(path: str | Path, chars: Iterable[str]) -> bytes:
    """The TTF at `path` subset for `chars` (see subset_chars), memoised per process."""
    return subset_font(str(path), subset_chars(chars))


def subset_options():
    """The subsetter's fixed options: no hinting, no layout features, no timestamp."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []  # no kerning or ligatures of its own: every position comes from layout
    options.hinting = False
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    return options


def open_font(path: str):
    """The TTF at `path` as the subsetter gets it: layout tables gone; glyph bounds, maxp and
    hhea as the font has them (no recalculation: the kept glyphs are the font's own, so their
    bounds stay right and the font-wide maxima stay true upper bounds; recalculating them
    decoded and re-encoded every glyph: 60 % of the subsetting time)."""
    from fontTools.ttLib import TTFont

    # lazy: glyphs stay raw until the subsetter touches them (the same bytes, a third of the time)
    font = TTFont(path, recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    for tag in DROP_TABLES:  # removed before subsetting: decoding them is most of the time
        if tag in font:
            del font[tag]
    return font


@functools.lru_cache(maxsize=64)
def subset_font(path: str, chars: str) -> bytes:
    """The TTF at `path` subset to exactly `chars` when fontTools is available, else the
    whole file."""
    try:
        from fontTools import subset
    except ImportError:  # pragma: no cover - fontTools is optional
        return Path(path).read_bytes()
    font = open_font(path)
    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=[ord(ch) for ch in chars])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    font.close()
    return out.getvalue()
