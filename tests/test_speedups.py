"""The speed-ups give the same bytes as the plain way they replace (issue 16)."""

from __future__ import annotations

import io

import pytest
from fontTools import subset
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.layout.question_panels import search_from
from generator.render.font_subsets import DROP_TABLES, font_data, subset_chars, subset_font, subset_options
from generator.text.fit import largest_size
from generator.text.fonts import available_fonts, font_face

from conftest import LAYOUTS


def _eager_subset(path: str, chars: str) -> bytes:
    """subset_font's subset with every table decoded up front (no lazy loading)."""
    font = TTFont(path, recalcTimestamp=False, recalcBBoxes=False)
    for tag in DROP_TABLES:
        if tag in font:
            del font[tag]
    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=sorted({ord(ch) for ch in chars}))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@pytest.mark.parametrize("chars", ["a", "Waar staan we? 1–12", "ÄËÏÖÜéèàç“”‘’ fiflﬁ 0123456789 ()[]", "ΩЖ→ł"])
def test_lazy_font_subset_same_bytes(chars):
    """A page's subset (the base set and its characters, memoised) is the eager subset."""
    for name in available_fonts():
        path = str(font_face(name).path)
        subset_font.cache_clear()
        assert font_data(path, chars) == _eager_subset(path, subset_chars(chars))


@pytest.mark.parametrize("page, width", [(0, 1000), (1, 1001)])  # 1001 px: PDFium pads each row
def test_png_preview_has_the_pixels_pdfium_renders(page, width):
    """The preview written straight from PDFium's RGB rows decodes to the picture PDFium's
    default bitmap gives through Pillow (the plain way), and carries no metadata."""
    import pypdfium2 as pdfium
    from PIL import Image

    from generator.render import render_pdf, render_png
    from test_render_pdf import sample_document

    pdf_bytes = render_pdf(sample_document())
    image = Image.open(io.BytesIO(render_png(pdf_bytes, page, width)))
    image.load()
    pdf = pdfium.PdfDocument(pdf_bytes)
    plain_page = pdf[page]
    left, bottom, right, top = plain_page.get_mediabox()
    plain_page.set_cropbox(left, bottom, right, top)
    plain = plain_page.render(scale=width / (right - left), fill_color=(255, 255, 255, 255)).to_pil().convert("RGB")
    assert (image.mode, image.size) == ("RGB", plain.size)
    assert image.tobytes() == plain.tobytes()
    assert image.info == {}


@settings(deadline=None)
@given(st.integers(1, 200), st.data())
def test_poster_size_search_finds_what_bisection_finds(count, data):
    """The panels' size search (estimates, then bisection) returns the largest fitting size
    of a monotone test, whatever the estimates, as plain bisection does."""
    sizes = [24.0 + 0.25 * k for k in range(count)]
    last_fit = data.draw(st.integers(0, count - 1))
    guesses = data.draw(st.lists(st.integers(-5, count + 5), min_size=1, max_size=8))
    calls: list[float] = []

    def fits(size: float) -> bool:
        calls.append(size)
        return size <= sizes[last_fit]

    found = sizes[search_from(fits, sizes, lambda i: guesses[i % len(guesses)])]
    assert found == sizes[last_fit] == largest_size(lambda s: s <= sizes[last_fit], sizes[0], sizes[-1], 0.25)
    assert len(calls) <= 3 * count.bit_length() + 2


def test_theme_posters_kept_from_the_last_build_are_the_bytes_a_fresh_build_makes(content_copy, tmp_path):
    """A warm process renders only the theme poster whose theme changed; every poster's bytes
    equal those of a build in a process that never saw the earlier content."""
    from generator.layout.theme_poster import output_name
    from generator.loader import load
    from generator.products import Options
    from generator.products import theme_posters as product

    options = Options(layouts=LAYOUTS, previews=False)
    before = {a.name: a.data for a in product.build(load(content_copy), options).artifacts}
    theme = content_copy / "themes" / "01-bestuur.md"
    theme.write_text(theme.read_text(encoding="utf-8").replace("Bestaat er naar uw mening", "Is er volgens u", 1),
                     encoding="utf-8")
    plaat = load(content_copy)
    assert len(product._rendered) == len(plaat.themes)  # kept: one entry per poster of the last build
    warm = {a.name: a.data for a in product.build(plaat, options).artifacts}
    product._rendered.clear()  # as in a fresh process
    cold = {a.name: a.data for a in product.build(plaat, options).artifacts}
    assert warm == cold
    edited = output_name(next(t for t in plaat.themes if t.id == "bestuur"))
    changed = {name for name in cold if before[name] != cold[name]}
    assert changed == {f"{edited}.pdf", f"{edited}.svg"}


def test_poster_after_an_edit_with_memoised_panels_is_the_poster_without_them(content_copy):
    """The panels memoised in a warm process give the bytes of panels laid out anew."""
    from generator.layout import question_panels
    from generator.loader import load
    from generator.products import Options
    from generator.products import poster as product

    options = Options(layouts=LAYOUTS, previews=False)
    product.build(load(content_copy), options)
    theme = content_copy / "themes" / "03-samenwerkingsstructuur.md"
    theme.write_text(theme.read_text(encoding="utf-8").replace("Welke ambtelijke overleggen", "Welke overleggen", 1),
                     encoding="utf-8")
    plaat = load(content_copy)
    assert question_panels._panel.cache_info().currsize > 0
    warm = [(a.name, a.data) for a in product.build(plaat, options).artifacts]
    question_panels._panel.cache_clear()
    assert warm == [(a.name, a.data) for a in product.build(plaat, options).artifacts]
    info = question_panels._panel.cache_info()
    assert info.misses >= info.currsize > 0  # the second build laid every panel out anew
