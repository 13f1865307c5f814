"""The PDF renderer (and the PNG preview of it) on small hand-built scenes."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import font_source_sans_pro
import pytest
from PIL import Image
from pypdf import PdfReader

from extract import assert_contains_all, normalise, pdf_text
from generator import scene as s
from generator.render import page_margin, render_pdf, render_png
from generator.units import mm

FONTS = Path(font_source_sans_pro.__file__).parent / "files"
REGULAR = s.FontFace("SourceSansPro-Regular", FONTS / "SourceSansPro-Regular.ttf")
SEMIBOLD = s.FontFace("SourceSansPro-Semibold", FONTS / "SourceSansPro-Semibold.ttf")

W, H, BLEED = mm(148), mm(105), mm(3)
BAND_START, BAND_END = "#384082", "#f8ca65"
FOOTER = "#dde3f0"
BUBBLE_A, BUBBLE_B, DOT = "#43ae7e", "#a5c162", "#f8ca65"
URL = "https://example.org/praatplaat"
META = s.DocumentMeta("Praatplaat test", "Team Samenwerking", "Samenwerking gemeenten", "nl-NL",
                      ("gemeenten", "omgevingsdiensten"))


def run(dx: float, text: str, face: s.FontFace = REGULAR, size: float = 11, colour: str = "#000000"):
    return s.Run(dx, text, face.name, size, colour, width=0.5 * size * len(text))


def sample_document(crop_marks: bool = False, bleed: float = BLEED) -> s.Document:
    """A two-page A6 landscape card: a gradient band and a footer running into the bleed,
    two bubbles, a dashed rule, a two-run title, a group with a panel, a link, an outline."""
    band = s.LinearGradient(0, 0, W + 2 * bleed, 0, (s.GradientStop(0, BAND_START), s.GradientStop(1, BAND_END)))
    panel = s.Frame(100, 80, (
        s.Placed(0, 0, s.Rect(100, 80, fill="#ffffff", stroke=s.Stroke("#384082", 0.75), radius=8, tag="panel")),
        s.Placed(8, 20, s.TextLine((run(0, "Wie doet wat?"),), tag="question")),
        s.Placed(60, 50, s.Circle(10, fill=DOT, tag="bubble:dot")),
    ))
    items = (
        s.Placed(-bleed, -bleed, s.Rect(W + 2 * bleed, 30 + bleed, fill=band, tag="band")),
        s.Placed(-bleed, H - 20, s.Rect(W + 2 * bleed, 20 + bleed, fill=FOOTER, tag="footer")),
        s.Placed(80, 120, s.Circle(40, fill=BUBBLE_A, stroke=s.Stroke("#111111", 1.5), tag="bubble:a")),
        s.Placed(200, 150, s.Circle(30, fill=BUBBLE_B, tag="bubble:b")),
        s.Placed(40, 220, s.Line(300, 0, s.Stroke("#384082", 1, (4, 2)), tag="rule")),
        s.Placed(20, 22, s.TextLine((run(0, "Praatplaat ", SEMIBOLD, 16, "#ffffff"),
                                     run(82, "samenwerking", REGULAR, 16, "#ffffff")), tag="title")),
        s.Placed(300, 60, s.Group(panel, tag="panel-group")),
        s.Placed(20, 270, s.TextLine((run(0, "Meer: example.org", size=9, colour="#111111"),), tag="url")),
        s.Placed(20, 260, s.Link(80, 14, URL)),
    )
    marks = s.CropMarks(length=mm(6), offset=mm(3)) if crop_marks else None
    first = s.Page(s.Frame(W, H, items), bleed=bleed, crop_marks=marks, label="voorkant")
    second = s.Page(s.Frame(W, H, (
        s.Placed(20, 40, s.TextLine((run(0, "Tweede pagina: coördinatie", size=14),), tag="body")),
    )), bleed=bleed, crop_marks=marks, label="achterkant")
    outline = (s.OutlineEntry("Voorkant", 0, 0), s.OutlineEntry("Vragen", 0, 60, 1),
               s.OutlineEntry("Achterkant", 1, 0))
    return s.Document((first, second), META, (REGULAR, SEMIBOLD), outline)


@pytest.fixture(scope="module", autouse=True)
def _restore_font_registry():
    """ReportLab's font registry is global and keyed by face: a face registered here first
    would be the object generator.text.fonts later finds registered (in production layout
    registers before rendering). Leave the registry as these tests found it."""
    from reportlab.pdfbase import pdfmetrics

    saved = dict(pdfmetrics._fonts), dict(pdfmetrics._dynFaceNames)
    yield
    pdfmetrics._fonts.clear()
    pdfmetrics._fonts.update(saved[0])
    pdfmetrics._dynFaceNames.clear()
    pdfmetrics._dynFaceNames.update(saved[1])


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_pdf(sample_document())


@pytest.fixture(scope="module")
def reader(pdf) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def box(rect) -> tuple[float, ...]:
    return tuple(round(float(v), 3) for v in (rect.left, rect.bottom, rect.right, rect.top))


def rgb(hex_value: str) -> tuple[int, int, int]:
    return tuple(int(hex_value[i:i + 2], 16) for i in (1, 3, 5))


def assert_pixel(image: Image.Image, xy: tuple[int, int], expected: str, tolerance: int = 2) -> None:
    got = image.getpixel(xy)[:3]
    assert all(abs(a - b) <= tolerance for a, b in zip(got, rgb(expected))), f"pixel {xy} is {got}, not {expected}"


# --------------------------------------------------------------------------- boxes

def test_boxes_without_marks(reader):
    for page in reader.pages:
        assert box(page.mediabox) == box_of(0, 0, W + 2 * BLEED, H + 2 * BLEED)
        assert box(page.trimbox) == box_of(BLEED, BLEED, BLEED + W, BLEED + H)
        assert box(page.bleedbox) == box(page.mediabox)


def box_of(*values: float) -> tuple[float, ...]:
    return tuple(round(v, 3) for v in values)


def test_boxes_with_crop_marks():
    doc = sample_document(crop_marks=True)
    m = page_margin(doc.pages[0])
    assert m == pytest.approx(mm(9))  # marks start at the bleed (3 mm) and are 6 mm long
    reader = PdfReader(io.BytesIO(render_pdf(doc)))
    for page in reader.pages:
        assert box(page.mediabox) == box_of(0, 0, W + 2 * m, H + 2 * m)
        assert box(page.trimbox) == box_of(m, m, m + W, m + H)
        assert box(page.bleedbox) == box_of(m - BLEED, m - BLEED, m + W + BLEED, m + H + BLEED)


def test_crop_marks_are_drawn_outside_the_bleed():
    doc = sample_document(crop_marks=True)
    pdf = render_pdf(doc)
    reader = PdfReader(io.BytesIO(pdf))
    stream = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert "0 0 0 1 K" in stream  # 100 % K
    assert "\n.25 w\n" in stream
    m = page_margin(doc.pages[0])
    # the last path drawn: eight mark segments, all outside the bleed box
    segments = re.findall(r"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l", stream.rsplit("0 0 0 1 K", 1)[1])
    assert len(segments) == 8
    lo, hi_x, hi_y = m - BLEED, m + W + BLEED, m + H + BLEED
    for x1, y1, x2, y2 in ((float(v) for v in seg) for seg in segments):
        for x, y in ((x1, y1), (x2, y2)):
            outside = x <= lo + 1e-3 or x >= hi_x - 1e-3 or y <= lo + 1e-3 or y >= hi_y - 1e-3
            assert outside, (x, y)
    # and on the PNG: the mark on the left trim line, above the top-left corner, is dark
    media_w = W + 2 * m
    scale = 3000 / media_w
    image = Image.open(io.BytesIO(render_png(pdf, 0, 3000))).convert("L")
    x = round(m * scale)
    y = round((m - BLEED - mm(3)) * scale)  # 3 mm into the 6 mm mark, from the top edge
    darkest = min(image.getpixel((x + dx, y)) for dx in (-2, -1, 0, 1, 2))
    assert darkest < 128
    # while inside the trim, the same column is the band, not a line
    assert image.getpixel((round((m + 1) * scale), round((m + 200) * scale))) > 200


# --------------------------------------------------------------------------- fonts, text, metadata

def test_fonts_are_embedded_truetype(reader, pdf):
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            assert font["/Subtype"] == "/TrueType", font
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
            names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    assert names == {"SourceSansPro-Regular", "SourceSansPro-Semibold"}
    for base14 in (b"Helvetica", b"Times-Roman", b"Courier", b"/Type1"):
        assert base14 not in pdf


def test_without_document_fonts_no_base14_font():
    shape_only = s.Document((s.Page(s.Frame(100, 100, (s.Placed(50, 50, s.Circle(20, fill="#ff0000")),))),),
                            META, ())
    pdf = render_pdf(shape_only)
    assert b"Helvetica" not in pdf and b"/Type1" not in pdf


def test_text_extracts(pdf):
    first, second = pdf_text(pdf)
    assert_contains_all(first, ["Praatplaat samenwerking", "Wie doet wat?", "Meer: example.org"])
    assert normalise("Tweede pagina: coördinatie") in normalise(second)
    assert "coördinatie" in second


def test_metadata_and_language(reader):
    info = reader.metadata
    assert info.title == META.title
    assert info.author == META.author
    assert info.subject == META.subject
    assert info["/Keywords"] == "gemeenten, omgevingsdiensten"
    assert info.creator == "praatplaat"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"


def test_link_annotation(reader):
    annots = [a.get_object() for a in reader.pages[0]["/Annots"]]
    uris = [a["/A"]["/URI"] for a in annots if a.get("/Subtype") == "/Link"]
    assert uris == [URL]
    left, bottom, right, top = (float(v) for v in annots[0]["/Rect"])
    page_h = H + 2 * BLEED
    assert (left, right) == pytest.approx((BLEED + 20, BLEED + 100), abs=1e-3)
    assert (bottom, top) == pytest.approx((page_h - BLEED - 274, page_h - BLEED - 260), abs=1e-3)
    assert annots[0]["/Border"] == [0, 0, 0]


def test_unsafe_links_are_refused():
    doc = s.Document((s.Page(s.Frame(100, 100, (s.Placed(0, 0, s.Link(10, 10, "javascript:alert(1)")),))),),
                     META, (REGULAR,))
    with pytest.raises(ValueError, match="javascript"):
        render_pdf(doc)


def test_unknown_font_is_an_error():
    doc = s.Document((s.Page(s.Frame(100, 100, (
        s.Placed(0, 20, s.TextLine((s.Run(0, "x", "Helvetica", 10, "#000000", 5),))),))),), META, (REGULAR,))
    with pytest.raises(ValueError, match="Helvetica"):
        render_pdf(doc)


def test_outline(reader):
    outline = reader.outline
    assert outline[0].title == "Voorkant"
    assert [e.title for e in outline[1]] == ["Vragen"]  # nested under Voorkant
    assert outline[2].title == "Achterkant"
    assert reader.get_destination_page_number(outline[0]) == 0
    assert reader.get_destination_page_number(outline[1][0]) == 0
    assert reader.get_destination_page_number(outline[2]) == 1
    assert float(outline[1][0].top) == pytest.approx(H + BLEED - 60, abs=1e-3)
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_outline_level_jumps_are_clamped():
    doc = sample_document()
    doc = s.Document(doc.pages, doc.meta, doc.fonts, (s.OutlineEntry("A", 0, 0), s.OutlineEntry("B", 1, 0, 3)))
    reader = PdfReader(io.BytesIO(render_pdf(doc)))
    assert reader.outline[0].title == "A" and reader.outline[1][0].title == "B"


# --------------------------------------------------------------------------- colour

def colour_operators(page) -> set[str]:
    tokens = page.get_contents().get_data().decode("latin-1").split()
    return {t for t in tokens if t in ("rg", "RG", "g", "G", "k", "K")}


def test_rgb_and_cmyk_colours():
    rgb_page = PdfReader(io.BytesIO(render_pdf(sample_document()))).pages[0]
    assert {"rg", "RG"} <= colour_operators(rgb_page)
    reader = PdfReader(io.BytesIO(render_pdf(sample_document(), cmyk=True)))
    for page in reader.pages:
        assert colour_operators(page) <= {"k", "K"}, "a non-CMYK colour operator"
        for ref in page["/Resources"].get("/Shading", {}).values():
            assert ref.get_object()["/ColorSpace"] == "/DeviceCMYK"
    text = reader.pages[1].get_contents().get_data().decode("latin-1")
    assert "0 0 0 1 k" in text  # black text is 100 % K only


# --------------------------------------------------------------------------- pixels

def test_png_pixels(pdf):
    image = Image.open(io.BytesIO(render_png(pdf, 0, 1200)))
    media_w, media_h = W + 2 * BLEED, H + 2 * BLEED
    scale = 1200 / media_w
    assert image.size == (1200, round(media_h * scale))

    def px(x: float, y: float) -> tuple[int, int]:  # scene point -> pixel
        return round((x + BLEED) * scale), round((y + BLEED) * scale)

    assert_pixel(image, px(80, 120), BUBBLE_A)
    assert_pixel(image, px(200, 150), BUBBLE_B)
    assert_pixel(image, px(360, 110), DOT)  # inside the group: 300 + 60, 60 + 50
    assert_pixel(image, px(-BLEED / 2, H + BLEED / 2), FOOTER)  # bottom-left corner of the bleed
    assert_pixel(image, px(-BLEED + 0.5, -BLEED + 0.5), BAND_START, 4)  # gradient start, top left
    assert_pixel(image, px(W + BLEED - 0.5, -BLEED / 2), BAND_END, 4)  # gradient end, top right
    assert_pixel(image, px(150, 60), "#ffffff")  # the card's white


def test_png_width_and_page():
    pdf = render_pdf(sample_document())
    image = Image.open(io.BytesIO(render_png(pdf, 1, 400)))
    assert image.width == 400 and image.mode == "RGB"
    with pytest.raises(IndexError):
        render_png(pdf, 2)


# --------------------------------------------------------------------------- determinism

def test_same_document_same_bytes():
    assert render_pdf(sample_document()) == render_pdf(sample_document())
    assert render_pdf(sample_document(), cmyk=True) == render_pdf(sample_document(), cmyk=True)
    pdf = render_pdf(sample_document(True))
    assert render_png(pdf) == render_png(pdf)


_HASH_SCRIPT = """
import hashlib, sys
sys.path[:0] = [{tests!r}, {root!r}]
from test_render_pdf import sample_document
from generator.render import render_pdf, render_svg, render_png
doc = sample_document(crop_marks=True)
pdf = render_pdf(doc)
parts = [pdf, render_pdf(doc, cmyk=True), render_svg(doc, 0), render_svg(doc, 1), render_png(pdf, 0, 300)]
print(" ".join(hashlib.sha256(p).hexdigest() for p in parts))
"""


def test_bytes_do_not_depend_on_hash_seed():
    tests = Path(__file__).resolve().parent
    script = _HASH_SCRIPT.format(tests=str(tests), root=str(tests.parent))
    outputs = set()
    for seed in ("0", "1", "12345"):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1, outputs


def _with_link(href: str, *keys: str) -> s.Document:
    page = s.Page(s.Frame(W, H, (s.Placed(20, 20, s.Link(80, 14, href)),)))
    target = s.Page(s.Frame(W, H))
    outline = tuple(s.OutlineEntry(f"Deel {n}", 1, 30 * n, key=key) for n, key in enumerate(keys))
    return s.Document((page, target), META, (REGULAR,), outline)


def test_a_fragment_link_jumps_to_the_outline_entry_with_that_key():
    reader = PdfReader(io.BytesIO(render_pdf(_with_link("#tweede", "eerste", "tweede"))))
    (link,) = [a.get_object() for a in reader.pages[0]["/Annots"]]
    target, fit, _left, top = link["/Dest"][:4]
    assert target.idnum == reader.pages[1].indirect_reference.idnum and fit == "/XYZ"
    assert abs(float(top) - (H - 30)) < 0.01


def test_a_fragment_link_to_no_entry_or_a_shared_key_is_refused():
    with pytest.raises(ValueError, match="no outline entry has that key"):
        render_pdf(_with_link("#elders", "eerste"))
    with pytest.raises(ValueError, match="no outline entry has that key"):
        render_pdf(_with_link("#dubbel", "dubbel", "dubbel"))  # ambiguous: not a destination


# --------------------------------------------------------------------------- tags (PDF/UA)


def tagged_document() -> s.Document:
    """A decorative band, a list item with label and body, a figure with alt text, then a
    paragraph with a link that runs on to page 2 (one Role, two groups, one after the other)."""
    para, figure = s.Role("P"), s.Role("Figure", alt="Twee bollen")
    item = s.Role("LI", s.Role("L"))
    band = s.Rect(W, 30, fill=BAND_START)
    first = s.Frame(W, H, (
        s.Placed(0, 0, s.Group(s.Frame(W, 30, (s.Placed(0, 0, band),)), role=s.artifact())),
        s.Placed(20, 100, s.Group(s.Frame(W, 20, (s.Placed(0, 0, s.TextLine((run(0, "1."),))),)),
                                  role=s.Role("Lbl", item))),
        s.Placed(40, 100, s.Group(s.Frame(W, 20, (s.Placed(0, 0, s.TextLine((run(0, "Punt een"),))),)),
                                  role=s.Role("LBody", item))),
        s.Placed(80, 200, s.Group(s.Frame(50, 50, (s.Placed(0, 0, s.Circle(20, fill=BUBBLE_A)),)), role=figure)),
        s.Placed(20, 60, s.Group(s.Frame(W, 20, (
            s.Placed(0, 0, s.TextLine((run(0, "Eerste regel"),))),
            s.Placed(0, -10, s.Link(60, 12, URL, "De praatplaat online")),
        )), role=para)),
    ))
    second = s.Frame(W, H, (
        s.Placed(20, 40, s.Group(s.Frame(W, 20, (s.Placed(0, 0, s.TextLine((run(0, "tweede regel"),))),)),
                                 role=para)),
    ))
    return s.Document((s.Page(first), s.Page(second)), META, (REGULAR,))


def test_roles_become_the_structure_tree():
    from pdf_checks import structure, ua_problems

    pdf = render_pdf(tagged_document())
    assert ua_problems(pdf) == []
    document = structure(pdf).kids[0]
    kinds = [(n.kind, n.text) for n in document.kids]
    assert [k for k, _t in kinds] == ["L", "Figure", "P"]
    assert kinds[2] == ("P", "Eerste regeltweede regel")  # one element across two pages
    link = document.kids[2].kids[0]
    assert link.kind == "Link" and len(link.annots) == 1
    assert link.annots == ["De praatplaat online"]
    li = document.kids[0].kids[0]
    assert (li.kind, [(k.kind, k.text.strip()) for k in li.kids]) == ("LI", [("Lbl", "1."), ("LBody", "Punt een")])
    assert document.kids[1].alt == "Twee bollen"


def test_a_scene_without_roles_is_all_artifacts_and_links_are_still_tagged():
    """Untagged content is never real content by guess: it is an artifact; an annotation
    must be in the structure all the same, so its Link element sits at the top."""
    from pdf_checks import structure, ua_problems

    pdf = render_pdf(sample_document())
    assert ua_problems(pdf) == []
    document = structure(pdf).kids[0]
    assert [n.kind for n in document.kids] == ["Link"]
    assert document.all_text() == ""


def test_unknown_structure_type_is_an_error():
    doc = s.Document((s.Page(s.Frame(W, H, (s.Placed(0, 0, s.Group(s.Frame(W, H, (
        s.Placed(0, 10, s.TextLine((run(0, "x"),))),)), role=s.Role("Paragraph"))),))),), META, (REGULAR,))
    with pytest.raises(ValueError, match="unknown structure type 'Paragraph'"):
        render_pdf(doc)


def test_a_repeated_tagged_frame_is_copied_with_new_mcids(monkeypatch):
    """A frame placed many times (a card's band) is drawn once and copied; each copy's tagged
    content gets MCIDs of its own, in the element of its place: the same structure tree as
    drawing every occurrence."""
    import generator.render.pdf as pdf_module
    from pdf_checks import structure, ua_problems

    band = s.Group(s.Frame(W, 20, (s.Placed(0, 0, s.Rect(W, 20, fill=BUBBLE_A)),
                                   s.Placed(10, 14, s.TextLine((run(0, "Bestuur"),))))), role=s.Role("P"))
    pages = tuple(s.Page(s.Frame(W, H, (
        s.Placed(0, 0, band),
        s.Placed(10, 60, s.Group(s.Frame(W, 20, (s.Placed(0, 0, s.TextLine((run(0, f"Vraag {n}"),))),)),
                                 role=s.Role("P"))),
    ))) for n in (1, 2, 3))
    doc = s.Document(pages, META, (REGULAR,))
    assert id(band.frame) in pdf_module._check_fonts(doc, {REGULAR.name})  # it is copied
    copied = render_pdf(doc)
    monkeypatch.setattr(pdf_module, "_check_fonts", lambda d, known: set())  # no copies
    drawn = render_pdf(doc)
    assert ua_problems(copied) == []
    tree = [(n.kind, n.text) for n in structure(copied).kids[0].kids]
    assert tree == [(n.kind, n.text) for n in structure(drawn).kids[0].kids]
    assert tree == [("P", "Bestuur"), ("P", "Vraag 1"), ("P", "Bestuur"), ("P", "Vraag 2"),
                    ("P", "Bestuur"), ("P", "Vraag 3")]
