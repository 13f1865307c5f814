"""The poster as a print shop gets it: page boxes with 3 mm bleed, embedded subset fonts,
metadata, a clickable footnote link, crop marks and CMYK on request; it opens in a second
PDF reader (pdfium); and `praatplaat build poster --paper …` writes the right files."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import CONTENT, LAYOUTS
from generator.styles import load_style
from generator.layout.poster import poster
from generator.render import render_pdf
from generator.units import mm, paper_size

BLEED = mm(3)


@pytest.fixture(scope="module")
def a0_pdf(plaat):
    return render_pdf(poster(plaat, load_style(LAYOUTS, "poster")).document)


@pytest.fixture(scope="module")
def reader(a0_pdf):
    return PdfReader(io.BytesIO(a0_pdf))


def box(rect) -> tuple[float, ...]:
    return tuple(float(v) for v in (rect.left, rect.bottom, rect.right, rect.top))


def near(*values: float):
    return pytest.approx(values, abs=0.01)


def test_trim_and_bleed_boxes_are_a0_plus_3_mm(reader):
    (page,) = reader.pages
    width, height = paper_size("A0")
    assert box(page.trimbox) == near(BLEED, BLEED, BLEED + width, BLEED + height)
    assert box(page.bleedbox) == box(page.mediabox) == near(0, 0, width + 2 * BLEED, height + 2 * BLEED)


def test_every_font_is_embedded_and_subset(reader):
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert len(fonts) >= 2
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert str(font["/BaseFont"])[7:8] == "+" and "SourceSansPro" in str(font["/BaseFont"])


def test_metadata_language_and_footnote_link(plaat, reader):
    info = reader.metadata
    assert info.title == f"{plaat.meta.title}: {plaat.meta.subtitle}"
    assert info.author == "Geeske Wildeman, Jan Paffen"
    assert info.subject and "Omgevingswet" in info["/Keywords"]
    assert info.subject == (plaat.meta.subtitle or plaat.meta.title) != plaat.labels.diagram  # not the diagram's
    assert reader.trailer["/Root"]["/Lang"] == plaat.meta.language
    url = plaat.footnotes[0].spans[-1].href
    targets = {a.get_object()["/A"]["/URI"] for a in reader.pages[0]["/Annots"]}
    assert targets == {url}


def test_a_second_reader_opens_and_draws_it(a0_pdf):
    document = pypdfium2.PdfDocument(a0_pdf)
    assert len(document) == 1
    page = document[0]
    width, height = paper_size("A0")
    assert page.get_size() == pytest.approx((width + 2 * BLEED, height + 2 * BLEED), abs=0.01)
    text = page.get_textpage().get_text_range()
    assert "Bedrijfsvoering" in text and "Hoe werkt het?" in text
    image = page.render(scale=200 / page.get_size()[0]).to_pil()
    colours = image.convert("RGB").getcolors(200 * 300)
    assert colours is None or len(colours) > 20   # a real picture, not a blank page


def test_crop_marks_and_cmyk(plaat):
    layout = load_style(LAYOUTS, "poster")
    pdf = render_pdf(poster(plaat, layout, "A3", crop_marks=True).document, cmyk=True)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    width, height = paper_size("A3")
    room = mm(3) + mm(6)                      # marks start past the bleed and are 6 mm long
    assert box(page.mediabox) == near(0, 0, width + 2 * room, height + 2 * room)
    assert box(page.trimbox) == near(room, room, room + width, room + height)
    assert box(page.bleedbox) == near(room - BLEED, room - BLEED, room + width + BLEED, room + height + BLEED)
    tokens = set(page.get_contents().get_data().decode("latin-1").split())
    assert {"k", "K"} & tokens and not {"rg", "RG"} & tokens


def test_cli_builds_a2_with_marks_and_cmyk(cli, tmp_path):
    out = tmp_path / "out"
    run = cli("build", "poster", "--content", CONTENT, "--out", out, "--layouts", LAYOUTS, "--paper", "A2",
              "--crop-marks", "--cmyk")
    assert run.code == 0, run.err
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and "build" not in p.name
                   and not p.relative_to(out).parts[0].startswith("."))  # not the generations (docs/builds.md)
    assert names == ["poster-a2.pdf", "poster-a2.svg", "previews/poster-a2.png"]
    page = PdfReader(out / "poster-a2.pdf").pages[0]
    width, height = paper_size("A2")
    assert float(page.trimbox.width) == pytest.approx(width) and float(page.trimbox.height) == pytest.approx(height)


def test_default_build_writes_a0_and_its_preview(cli, tmp_path):
    out = tmp_path / "out"
    run = cli("build", "poster", "--content", CONTENT, "--out", out, "--layouts", LAYOUTS)
    assert run.code == 0, run.err
    assert (out / "poster-a0.pdf").read_bytes().startswith(b"%PDF")
    assert b"<svg" in (out / "poster-a0.svg").read_bytes()[:500]
    preview = Image.open(out / "previews" / "poster-a0.png")
    assert preview.format == "PNG" and preview.width == 1600
    assert preview.height == pytest.approx(1600 * (1189 + 6) / (841 + 6), abs=2)


def test_cli_reports_an_overflow_in_one_line(cli, content_copy, tmp_path):
    """Questions too many for one sheet: a one-line warning with the cause and advice, and the
    overview poster instead of the full one (build still gives something printable)."""
    theme = content_copy / "themes" / "05-bedrijfsvoering.md"
    text = theme.read_text(encoding="utf-8")
    extra = "\n".join(f"{n}. Welke afspraken maken de gemeenten en de Omgevingsdienst in uw regio over het "
                      f"delen van kennis, mensen en middelen, en hoe houden zij elkaar daaraan?" for n in range(14, 39))
    theme.write_text(text.rstrip("\n") + "\n" + extra + "\n", encoding="utf-8")
    run = cli("build", "poster", "--content", content_copy, "--out", tmp_path / "out", "--layouts", LAYOUTS)
    assert run.code == 0
    warnings = [line for line in run.err.splitlines() if "do not fit" in line]
    assert len(warnings) == 1 and "Traceback" not in run.err
    assert "6 themes, 82 questions need about" in warnings[0] and "`theme-posters`" in warnings[0]
    assert "poster-a0-overview.pdf" in warnings[0]
    assert not (tmp_path / "out" / "poster-a0.pdf").exists()
    assert (tmp_path / "out" / "poster-a0-overview.pdf").exists()