"""PDF/X-4 for print shops (`--pdfx`, alias `--cmyk`): the print-shop poster, a theme poster
and A6 cards are PDF/X-4 and PDF/UA-1 at once, every colour is CMYK from the FOGRA39 profile,
black and grey text is K only (body text 0/0/0/100), small black text overprints, total ink
≤ 300 %, boxes are right, and qpdf finds nothing wrong."""

from __future__ import annotations

import io
import re
import subprocess

import pikepdf
import pytest

from conftest import LAYOUTS
from generator import scene
from generator.color import hex_to_oklch
from generator.styles import load_style
from generator.render import render_pdf
from generator.units import mm
from pdf_checks import pdfx_problems, text_colours, ua_problems

BLEED = mm(3)


@pytest.fixture(scope="module")
def poster_doc(plaat):
    from generator.layout.poster import poster

    return poster(plaat, load_style(LAYOUTS, "poster")).document


@pytest.fixture(scope="module")
def cards_doc(plaat):
    from generator.layout.cards import question_deck
    from generator.layout.common import theme_colours
    from generator.products.cards import PRINT_LAYOUT, print_document

    layout = load_style(LAYOUTS, PRINT_LAYOUT)
    deck = question_deck(plaat, plaat.themes_by_level, theme_colours(plaat, layout), layout)
    return print_document(deck, layout, plaat, plaat.labels.questions, True)


@pytest.fixture(scope="module")
def poster_x(poster_doc):
    return render_pdf(poster_doc, cmyk=True)


@pytest.fixture(scope="module")
def cards_x(cards_doc):
    return render_pdf(cards_doc, cmyk=True)


@pytest.fixture(scope="module")
def theme_poster_doc(plaat):
    """The theme poster with the most questions."""
    from generator.layout.theme_poster import theme_posters

    theme = max(plaat.themes, key=lambda t: len(t.questions))
    return theme_posters(plaat, load_style(LAYOUTS, "theme-poster"), theme_ids=(theme.id,))[0].document


@pytest.fixture(params=["poster", "cards", "theme-poster"])
def printed(request, poster_doc, cards_doc, poster_x, cards_x, theme_poster_doc):
    if request.param == "theme-poster":
        return theme_poster_doc, render_pdf(theme_poster_doc, cmyk=True)
    return {"poster": (poster_doc, poster_x), "cards": (cards_doc, cards_x)}[request.param]


def runs(doc: scene.Document):
    """(text, colour, size) of every run in drawing order (what the PDF shows, one Tj each)."""
    for page in doc.pages:
        for _x, _y, item in scene.walk(page.frame):
            if isinstance(item, scene.TextLine):
                for run in item.runs:
                    yield run.text, run.color, run.size


def _per_run(shown: list, expected: list) -> list:
    """(fill, run) for every scene run, matched to the show operators in drawing order: a run
    with a ligature is shown by several operators (the ligature inside /ActualText), all in
    one colour; their text, NFKC-normalised (U+FB00 -> "ff"), adds up to the run's."""
    import unicodedata

    out, k = [], 0
    for run in expected:
        text, fills = "", set()
        while k < len(shown) and len(unicodedata.normalize("NFKC", text)) < len(run[0]):
            text += shown[k][1]
            fills.add(shown[k][2])
            k += 1
        assert unicodedata.normalize("NFKC", text) == unicodedata.normalize("NFKC", run[0]), (text, run)
        assert len(fills) == 1, (run, fills)
        out.append((fills.pop(), run))
    assert k == len(shown), "show operators left over"
    return out


def test_pdfx_and_pdfua_at_once(printed):
    _doc, data = printed
    assert pdfx_problems(data) == []
    assert ua_problems(data) == []


def test_qpdf_check_is_clean(printed, tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(printed[1])
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_black_and_grey_text_is_k_only(printed):
    """Every run whose colour is black or grey is painted with K alone; near-black body text
    (#1b1b1f) is 0/0/0/100. Runs are matched to the scene in drawing order."""
    doc, data = printed
    shown = _per_run(text_colours(data), list(runs(doc)))
    neutral = 0
    for fill, (text, colour, _s) in shown:
        assert fill[0] == "k", f"{text!r} painted with {fill}"
        if hex_to_oklch(colour)[1] < 0.03 and colour.lower() != "#ffffff":
            neutral += 1
            assert fill[1:4] == (0, 0, 0), f"{text!r} ({colour}) is not K only: {fill}"
            if hex_to_oklch(colour)[0] < 0.3:
                assert fill[4] == 1.0, f"{text!r} ({colour}) is not 100 % K: {fill}"
    assert neutral > 20  # many lines checked (48 on the theme poster, hundreds on the others)


def test_small_black_text_overprints_white_text_does_not(printed):
    doc, data = printed
    for (_p, text, fill, size, overprint) in text_colours(data):
        if fill == ("k", 0, 0, 0, 1.0) and size <= 24:
            assert overprint, f"{text!r} at {size} pt in 100 % K does not overprint"
        if fill == ("k", 0, 0, 0, 0):
            assert not overprint, f"white {text!r} overprints (it would vanish)"


def _all_cmyk(data: bytes):
    """Every CMYK colour in content streams (k/K operators) and shading functions (C0/C1)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) in ("k", "K"):
                    yield tuple(float(v) for v in operands)
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                for key in ("/C0", "/C1"):
                    if key in obj and len(obj[key]) == 4:
                        yield tuple(float(v) for v in obj[key])


def test_total_ink_at_most_300_percent(printed):
    colours = list(_all_cmyk(printed[1]))
    assert colours
    worst = max(sum(c) for c in colours)
    assert worst <= 3.0 + 1e-9, f"total ink {worst * 100:.0f} %"


def test_theme_colours_come_from_the_embedded_profile(plaat, cards_x):
    """The card bands' theme colours are the sRGB colours converted through the profile the
    file embeds as its output intent (littleCMS, relative colorimetric + BPC)."""
    from PIL import Image, ImageCms

    from generator.layout.common import theme_colours
    from generator.products.cards import PRINT_LAYOUT

    with pikepdf.open(io.BytesIO(cards_x)) as pdf:
        profile = pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes()
    transform = ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(io.BytesIO(profile)), "RGB", "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC, flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    found = set(_all_cmyk(cards_x))
    for theme_id, hex_value in theme_colours(plaat, load_style(LAYOUTS, PRINT_LAYOUT)).items():
        rgb = tuple(int(hex_value[i:i + 2], 16) for i in (1, 3, 5))
        cmyk = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), transform).getpixel((0, 0))
        near = [c for c in found if all(abs(a - b / 255) <= 0.011 for a, b in zip(c, cmyk))]
        assert near, f"theme {theme_id} ({hex_value}): no fill near {[round(v / 2.55) for v in cmyk]} %"


def test_boxes_on_every_page(cards_x):
    with pikepdf.open(io.BytesIO(cards_x)) as pdf:
        for page in pdf.pages:
            media = [float(v) for v in page.MediaBox]
            trim = [float(v) for v in page.TrimBox]
            bleed = [float(v) for v in page.BleedBox]
            assert trim == pytest.approx([BLEED, BLEED, BLEED + mm(105), BLEED + mm(148)], abs=0.01)
            assert bleed == pytest.approx(media, abs=0.01)


def test_output_intent_and_version(poster_x):
    assert poster_x.startswith(b"%PDF-1.6")
    with pikepdf.open(io.BytesIO(poster_x)) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.S) == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert str(pdf.docinfo.Trapped) == "/False"
        assert re.search(rb"<pdfxid:GTS_PDFXVersion>PDF/X-4<", pdf.Root.Metadata.read_bytes())


def test_the_pdfx_check_can_fail(poster_x):
    """An RGB colour, a missing output intent or a missing TrimBox are all reported."""
    with pikepdf.open(io.BytesIO(poster_x)) as pdf:
        del pdf.Root.OutputIntents
        del pdf.pages[0].obj.TrimBox
        page = pdf.pages[0]
        page.Contents = pdf.make_stream(page.Contents.read_bytes() + b"\n1 0 0 rg 0 0 5 5 re f\n")
        out = io.BytesIO()
        pdf.save(out)
    problems = " ".join(pdfx_problems(out.getvalue()))
    assert "output intents" in problems and "TrimBox" in problems and "rg" in problems


def test_print_files_are_reproducible(poster_doc, poster_x):
    assert render_pdf(poster_doc, cmyk=True) == poster_x


def test_cli_pdfx_and_cmyk_are_the_same(cli, tmp_path):
    results = []
    for flag in ("--pdfx", "--cmyk"):
        out = tmp_path / flag.strip("-")
        run = cli("build", "cards", "--no-previews", "--themes", "bestuur", "--out", out, flag)
        assert run.code == 0, run.err
        results.append((out / "cards-questions-print.pdf").read_bytes())
    assert results[0] == results[1]
    assert pdfx_problems(results[0]) == []


def _printed_lab(cmyk=None, rgb=None):
    """CIELAB (D50) of a CMYK colour printed under FOGRA39, or of an sRGB colour on screen."""
    from PIL import Image, ImageCms

    from generator.render.pdfx import PROFILE

    lab = ImageCms.createProfile("LAB", 5000)
    if cmyk is not None:
        transform = ImageCms.buildTransform(ImageCms.getOpenProfile(str(PROFILE)), lab, "CMYK", "LAB",
                                            renderingIntent=ImageCms.Intent.ABSOLUTE_COLORIMETRIC)
        pixel = Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in cmyk))
    else:
        transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), lab, "RGB", "LAB",
                                            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
        pixel = Image.new("RGB", (1, 1), rgb)
    L, a, b = ImageCms.applyTransform(pixel, transform).getpixel((0, 0))
    return L / 2.55, a - 128, b - 128  # Pillow stores a and b offset by 128


def test_printed_theme_colours_stay_apart_and_near_the_screen(plaat):
    """Card backs tell the stacks apart by colour: printed through the profile the closest two
    theme colours are still ΔE76 ≥ 20 apart (24.8 measured, 29.4 on screen; the old naive
    formula printed two of them 10.2 apart), and each is within ΔE 10 of its screen colour
    (1.8–8.5 measured; naive 10.7–32.9)."""
    import itertools
    import math

    from generator.layout.common import theme_colours
    from generator.products.cards import PRINT_LAYOUT
    from generator.render.pdfx import area

    colours = theme_colours(plaat, load_style(LAYOUTS, PRINT_LAYOUT))
    printed = {k: _printed_lab(cmyk=area(h)) for k, h in colours.items()}
    for k, h in colours.items():
        screen = _printed_lab(rgb=tuple(int(h[i:i + 2], 16) for i in (1, 3, 5)))
        assert math.dist(printed[k], screen) <= 10, f"{k} ({h}) prints {math.dist(printed[k], screen):.1f} away"
    closest = min(math.dist(printed[a], printed[b]) for a, b in itertools.combinations(printed, 2))
    assert closest >= 20


def test_rules_are_k_only(plaat):
    """The handout's rules (note lines, running-head hairline, footnote rule) are grey in the
    scene and K only in print."""
    from generator.layout.handout_pages import handout_document

    doc = handout_document(plaat, load_style(LAYOUTS, "handout"), load_style(LAYOUTS, "diagram"))
    strokes = {item.stroke.color for page in doc.pages for _x, _y, item in scene.walk(page.frame)
               if isinstance(item, scene.Line)}
    assert strokes and all(hex_to_oklch(c)[1] < 0.03 for c in strokes)
    data = render_pdf(doc, cmyk=True)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        ops = [tuple(float(v) for v in operands) for page in pdf.pages
               for operands, op in pikepdf.parse_content_stream(page) if str(op) == "K"]
    assert len(ops) > 50
    assert all(c[:3] == (0, 0, 0) for c in ops), sorted(set(ops))
