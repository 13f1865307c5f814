"""Shaped text (issue 18): the widths the layout uses are HarfBuzz's advances, and the PDF
and the SVG put every glyph where the layout says, with the text still extractable."""

from __future__ import annotations

import ctypes
import io
import re
from dataclasses import replace

import pytest
import uharfbuzz as hb

from generator import scene
from generator.model import Span
from generator.render.pdf import render_pdf
from generator.render.svg import render_svg
from generator.text import TextStyle, set_text
from generator.text.breaking import line_units
from generator.text.fonts import font_face, metrics

STYLE = TextStyle("SourceSansPro-Regular", "SourceSansPro-It", "SourceSansPro-Bold", 24, 1.2, "#000000",
                  "#0000ff")
SAMPLES = ["Ta Vo We VNG y, Yo", "Tabel Vorm Wet AVG", "office effectief affluent", "“Quote,” y. T.",
           "Omgevingswet", "WAT, Tv, P.A. Yvonne"]


def harfbuzz_width(text: str, font: str, size: float, kern: bool = True, liga: bool = True) -> float:
    """The advances HarfBuzz gives the whole string (not through the engine's caches)."""
    face = hb.Face(hb.Blob.from_file_path(str(font_face(font).path)))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(hb.Font(face), buf, {"kern": kern, "liga": liga})
    return sum(p.x_advance for p in buf.glyph_positions) * size / face.upem


def glyphs(run: scene.Run) -> list[tuple[str, float]]:
    """A run's glyphs and advances: shaped, or (nothing kerned) the font's own widths."""
    if run.advances:
        return run.glyph_runs()
    m = metrics(run.font)
    return [(c, m.width(c, run.size)) for c in run.text]


def test_unkerned_runs_carry_no_advances():
    run = set_text("minimum mening", 2000, STYLE).lines[0].runs[0]
    assert not run.advances and run.width == pytest.approx(harfbuzz_width("minimum mening", STYLE.regular, 24), abs=0.01)
    assert set_text("Tabel", 2000, STYLE).lines[0].runs[0].advances


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("font", ["SourceSansPro-Regular", "SourceSansPro-Bold"])
def test_layout_widths_are_harfbuzz_advances(text, font):
    style = replace(STYLE, regular=font)
    line = set_text(text, 2000, style).lines[0]
    expected = harfbuzz_width(text, font, 24)
    assert line.width == pytest.approx(expected, abs=0.01)
    assert line_units(text, style) * 24 / 1000 == pytest.approx(expected, abs=0.01)
    assert sum(a for r in line.runs for _, a in glyphs(r)) == pytest.approx(expected, abs=0.01)


def test_kerning_tightens_and_can_be_switched_off():
    kerned = set_text("Ta Vo We", 2000, STYLE).lines[0].width
    plain = set_text("Ta Vo We", 2000, replace(STYLE, kern=False)).lines[0].width
    assert plain == pytest.approx(metrics(STYLE.regular).width("Ta Vo We", 24), abs=0.01)
    assert kerned < plain - 1.0  # three kerned pairs at 24 pt


def test_ligatures_only_where_the_style_wants_them():
    text = "office"
    lig = set_text(text, 2000, STYLE).lines[0].runs[0]
    none = set_text(text, 2000, replace(STYLE, liga=False)).lines[0].runs[0]
    assert len(lig.advances) == len(text) - 1 and len(none.advances) == len(text)
    assert lig.glyph_runs()[1][0] == "ff" and not none.glyphs
    assert lig.width == pytest.approx(harfbuzz_width(text, STYLE.regular, 24), abs=0.01)
    assert none.width == pytest.approx(harfbuzz_width(text, STYLE.regular, 24, liga=False), abs=0.01)


def test_a_hyphenated_fragment_is_reshaped():
    block = set_text("Verantwoordelijkheden", 120, STYLE)
    assert len(block.lines) > 1 and block.lines[0].hyphenated
    for line in block.lines:
        assert line.width == pytest.approx(harfbuzz_width(line.text, STYLE.regular, 24), abs=0.01)
        assert line.width <= 120 + 1e-6


def _document(lines: list[scene.TextLine]) -> scene.Document:
    items = tuple(scene.Placed(20, 40 + 40 * k, line) for k, line in enumerate(lines))
    frame = scene.Frame(700, 40 + 40 * len(lines), items)
    fonts = tuple(font_face(n) for n in ("SourceSansPro-Regular", "SourceSansPro-It", "SourceSansPro-Bold"))
    return scene.Document((scene.Page(frame),), scene.DocumentMeta("t", "a", "s", "nl"), fonts)


def _expected(doc: scene.Document) -> list[tuple[str, float]]:
    """(character, x) of every drawn character as the layout places it."""
    out = []
    for p in doc.pages[0].frame.items:
        for run in p.item.runs:
            x = p.x + run.dx
            for letters, advance in glyphs(run):
                out.append((letters, x))
                x += advance
    return out


@pytest.fixture(scope="module")
def shaped_doc():
    lines = [set_text(t, 2000, STYLE).lines[0] for t in SAMPLES]
    lines.append(set_text((Span("Wet ", emphasis=True), Span("Tabel", strong=True)), 2000, STYLE).lines[0])
    return _document(lines)


def test_pdf_places_each_glyph_where_the_layout_says(shaped_doc):
    import pypdfium2
    import pypdfium2.raw as raw

    data = render_pdf(shaped_doc)
    page = pypdfium2.PdfDocument(data)[0]
    text = page.get_textpage()
    height = page.get_height()
    xs, ys = [], []
    for i in range(text.count_chars()):
        x, y = ctypes.c_double(), ctypes.c_double()
        raw.FPDFText_GetCharOrigin(text.raw, i, ctypes.byref(x), ctypes.byref(y))
        ch = chr(raw.FPDFText_GetUnicode(text.raw, i))
        if not ch.isspace() and ch not in "\r\n\x02":
            xs.append((ch, x.value))
            ys.append(height - y.value)
    expected = [(t, x) for t, x in _expected(shaped_doc) if not t.isspace()]
    # a ligature comes back as its letters (ActualText), all at the ligature's origin
    flat = [(ch, x) for t, x in expected for ch in t]
    assert [c for c, _ in xs] == [c for c, _ in flat]
    for (c, got), (_, want) in zip(xs, flat):
        assert got == pytest.approx(want, abs=0.01), c


def test_pdf_text_is_exact_in_every_extractor(shaped_doc):
    from pypdf import PdfReader
    import pypdfium2

    data = render_pdf(shaped_doc)
    want = [ln.item.text for ln in shaped_doc.pages[0].frame.items]
    pypdf_text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    pdfium_text = pypdfium2.PdfDocument(data)[0].get_textpage().get_text_range()
    for line in want:
        assert line in pypdf_text
        assert line in pdfium_text.replace("\r\n", "\n")
    assert "ﬀ" not in pypdf_text + pdfium_text


def test_svg_positions_agree_with_the_pdf(shaped_doc):
    svg = render_svg(shaped_doc).decode("utf-8")
    got = []
    for xs, text in re.findall(r'<tspan[^>]* x="([^"]+)"[^>]*>([^<]*)</tspan>', svg):
        positions = [float(v) for v in xs.split()]
        text = text.replace("&amp;", "&")
        assert len(positions) == len(text)
        got += list(zip(text, positions))
    want = []
    for t, x in _expected(shaped_doc):  # a ligature's letters: the first at its origin
        want.append((t[0], x))
        want += [(ch, None) for ch in t[1:]]
    assert [c for c, _ in got] == [c for c, _ in want]
    for (c, g), (_, w) in zip(got, want):
        if w is not None:
            assert g == pytest.approx(w, abs=0.01), c
