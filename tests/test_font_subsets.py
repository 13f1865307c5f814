"""Embedded font subsets (generator/render/font_subsets.py): one subset per face serves every
page whose characters lie in the base set, for the SVG and the HTML alike; a page's subset
depends on that page alone; the subset draws what a fully recalculated one draws."""

from __future__ import annotations

import base64
import io
import re
from dataclasses import replace

import pytest
from fontTools import subset
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from generator import scene as s
from generator.render import render_svg
from generator.render.font_subsets import BASE_CHARS, DROP_TABLES, font_data, subset_font, subset_options
from generator.render.html import font_faces_css
from generator.text.fonts import font_face
from test_render_pdf import REGULAR, SEMIBOLD, sample_document

FACES = ("SourceSansPro-Regular", "SourceSansPro-It", "Vera")


@pytest.fixture
def fresh():
    """An empty memo before and after (as in a new process)."""
    subset_font.cache_clear()
    yield
    subset_font.cache_clear()


def cmap_chars(data: bytes) -> set[str]:
    return {chr(c) for c in TTFont(io.BytesIO(data)).getBestCmap()}


def embedded(css: str) -> list[bytes]:
    return [base64.b64decode(d) for d in re.findall(r"base64,([A-Za-z0-9+/=]+)", css)]


def test_pages_within_the_base_set_share_one_subset(fresh):
    path = str(REGULAR.path)
    first = font_data(path, "Waar staan we? Ideeën, coördinatie…")
    assert font_data(path, "Wie doet wat? Öffentlichkeit – “quote”¹") is first
    assert font_data(path, "a\nb\tc") is first  # control characters draw nothing: no subset of their own
    assert subset_font.cache_info().misses == 1
    assert cmap_chars(first) == BASE_CHARS  # Source Sans Pro has every character of the base set


def test_characters_beyond_the_base_set_are_added_for_that_page_only(fresh):
    path = str(REGULAR.path)
    full = {chr(c) for c in TTFont(path).getBestCmap()}
    assert {"Ω", "Ж", "ł"} <= full
    greek = font_data(path, "Ωmega")
    assert cmap_chars(greek) == (BASE_CHARS | {"Ω"}) & full
    assert cmap_chars(font_data(path, "Жук ł")) == (BASE_CHARS | set("Жукł")) & full
    assert "Ω" not in cmap_chars(font_data(path, "omega"))
    assert font_data(path, "Ω") is greek


@pytest.mark.parametrize("name", FACES)
def test_subset_without_recalculation_draws_what_a_recalculated_one_draws(name):
    """Glyph bounds, maxp and hhea are kept as the font has them (no re-encoding of every
    glyph): outlines, advances, glyph bounds and the character map equal those of a subset
    whose every table was recalculated; the font-wide maxima stay upper bounds."""
    path = str(font_face(name).path)
    kept = TTFont(io.BytesIO(font_data(path, "ΩЖ")))
    font = TTFont(path, recalcTimestamp=False)
    for tag in DROP_TABLES:
        if tag in font:
            del font[tag]
    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=[ord(ch) for ch in BASE_CHARS | {"Ω", "Ж"}])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    recalculated = TTFont(io.BytesIO(out.getvalue()))
    assert kept.getBestCmap() == recalculated.getBestCmap()
    assert kept.getGlyphOrder() == recalculated.getGlyphOrder()
    assert kept["hmtx"].metrics == recalculated["hmtx"].metrics
    ours, theirs = kept.getGlyphSet(), recalculated.getGlyphSet()
    for glyph in kept.getGlyphOrder():
        a, b = RecordingPen(), RecordingPen()
        ours[glyph].draw(a)
        theirs[glyph].draw(b)
        assert a.value == b.value, glyph
        g, h = kept["glyf"][glyph], recalculated["glyf"][glyph]
        if g.numberOfContours:
            assert (g.xMin, g.yMin, g.xMax, g.yMax) == (h.xMin, h.yMin, h.xMax, h.yMax), glyph
    for table, fields in (("maxp", ("maxPoints", "maxContours", "maxCompositePoints")),
                          ("hhea", ("advanceWidthMax", "xMaxExtent"))):
        for field in fields:
            assert getattr(kept[table], field) >= getattr(recalculated[table], field)
    head, tight = kept["head"], recalculated["head"]
    assert head.xMin <= tight.xMin and head.yMin <= tight.yMin and head.xMax >= tight.xMax and head.yMax >= tight.yMax


def test_the_html_embeds_the_subsets_the_svg_embeds(fresh):
    svg = render_svg(sample_document()).decode()
    misses = subset_font.cache_info().misses
    css = font_faces_css("Source Sans Pro", ((str(REGULAR.path), 400, "normal"), (str(SEMIBOLD.path), 600, "normal")),
                         "<p>Wie doet wat? Praatplaat samenwerking</p>")
    assert subset_font.cache_info().misses == misses  # nothing subset anew
    assert sorted(embedded(css)) == sorted(embedded(svg))


def _with_text(doc: s.Document, text: str) -> s.Document:
    """`doc` with its first page's title line replaced by `text` in the regular face."""
    page = doc.pages[0]
    items = tuple(replace(p, item=s.TextLine((replace(p.item.runs[1], text=text, advances=()),), tag="title"))
                  if isinstance(p.item, s.TextLine) and p.item.tag == "title" else p
                  for p in page.frame.items)
    return replace(doc, pages=(replace(page, frame=replace(page.frame, items=items)),) + doc.pages[1:])


def test_a_pages_svg_does_not_depend_on_what_the_process_rendered_before(fresh):
    doc = sample_document()
    alone = render_svg(doc)
    greek = render_svg(_with_text(doc, "Ωmega ł"))
    assert any("Ω" in cmap_chars(data) for data in embedded(greek.decode()))
    assert render_svg(doc) == alone
    subset_font.cache_clear()
    assert render_svg(doc) == alone
