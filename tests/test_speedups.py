"""The speed-ups give the same bytes as the plain way they replace (issue 16)."""

from __future__ import annotations

import io

import pytest
from fontTools import subset
from fontTools.ttLib import TTFont

from generator.render.svg import _DROP_TABLES, font_data
from generator.text.fonts import available_fonts, font_face


def _eager_subset(path: str, chars: str) -> bytes:
    """font_data's subset with every table decoded up front (no lazy loading)."""
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    font = TTFont(path, recalcTimestamp=False)
    for tag in _DROP_TABLES:
        if tag in font:
            del font[tag]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(ch) for ch in chars}))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@pytest.mark.parametrize("chars", ["a", "Waar staan we? 1–12", "ÄËÏÖÜéèàç“”‘’ fiflﬁ 0123456789 ()[]"])
def test_lazy_font_subset_same_bytes(chars):
    for name in available_fonts():
        path = font_face(name).path
        font_data.cache_clear()
        assert font_data(str(path), chars) == _eager_subset(str(path), chars)
