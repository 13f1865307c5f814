"""The SVG renderer: same geometry as the scene (and the PDF), real text, embedded fonts,
nothing external, deterministic. Also the extraction helpers in tests/extract.py."""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET

import pytest
from fontTools.ttLib import TTFont

from extract import assert_contains_all, normalise, svg_text
from generator import scene as s
from generator.render import render_svg
from generator.render.font_subsets import BASE_CHARS
from test_render_pdf import BLEED, H, META, REGULAR, SEMIBOLD, URL, W, run, sample_document

NS = {"svg": "http://www.w3.org/2000/svg"}
XLINK = "{http://www.w3.org/1999/xlink}href"


@pytest.fixture(scope="module")
def doc() -> s.Document:
    return sample_document()


@pytest.fixture(scope="module")
def svg(doc) -> bytes:
    return render_svg(doc, 0)


@pytest.fixture(scope="module")
def root(svg) -> ET.Element:
    return ET.fromstring(svg)


def tagged(root: ET.Element, tag: str) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("data-tag") == tag]


def test_size_and_viewbox(root):
    assert root.get("width") == f"{round(W + 2 * BLEED, 3):g}pt"
    assert root.get("height") == f"{round(H + 2 * BLEED, 3):g}pt"
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    assert (x, y, w, h) == pytest.approx((-BLEED, -BLEED, W + 2 * BLEED, H + 2 * BLEED), abs=1e-3)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl-NL"
    assert root.find("svg:title", NS).text == META.title


def test_circles_match_the_scene(doc, root):
    expected = {item.tag: (x, y, item.radius) for x, y, item in s.walk(doc.pages[0].frame)
                if isinstance(item, s.Circle)}
    found = {e.get("data-tag"): (float(e.get("cx")), float(e.get("cy")), float(e.get("r")))
             for e in root.iter("{http://www.w3.org/2000/svg}circle")}
    assert set(found) == set(expected) == {"bubble:a", "bubble:b", "bubble:dot"}
    for tag, values in expected.items():
        assert found[tag] == pytest.approx(values, abs=1e-3)
    assert found["bubble:dot"] == pytest.approx((360, 110, 10))  # group offset applied
    bubble = tagged(root, "bubble:a")[0]
    assert (bubble.get("fill"), bubble.get("stroke"), bubble.get("stroke-width")) == ("#43ae7e", "#111111", "1.5")


def test_shapes(root):
    panel = tagged(root, "panel")[0]
    assert panel.tag.endswith("rect")
    assert [panel.get(a) for a in ("x", "y", "width", "height", "rx")] == ["300", "60", "100", "80", "8"]
    rule = tagged(root, "rule")[0]
    assert [rule.get(a) for a in ("x1", "y1", "x2", "y2", "stroke-dasharray")] == ["40", "220", "340", "220", "4 2"]
    assert rule.get("fill") is None
    group = tagged(root, "panel-group")[0]
    assert group.tag.endswith("}g") and group.get("transform") is None
    assert {e.get("data-tag") for e in group} == {"panel", "question", "bubble:dot"}


def test_gradient_into_the_bleed(root):
    band = tagged(root, "band")[0]
    assert float(band.get("x")) == pytest.approx(-BLEED, abs=1e-3)
    assert float(band.get("y")) == pytest.approx(-BLEED, abs=1e-3)
    assert band.get("fill") == "url(#g1)"
    gradient = root.find(".//svg:linearGradient[@id='g1']", NS)
    assert gradient.get("gradientUnits") == "userSpaceOnUse"
    assert float(gradient.get("x1")) == pytest.approx(-BLEED, abs=1e-3)
    assert float(gradient.get("x2")) == pytest.approx(W + BLEED, abs=1e-3)
    stops = [(s.get("offset"), s.get("stop-color")) for s in gradient.findall("svg:stop", NS)]
    assert stops == [("0", "#384082"), ("1", "#f8ca65")]


def test_gradient_ids_count_up():
    grad = s.LinearGradient(0, 0, 10, 0, (s.GradientStop(0, "#000000"), s.GradientStop(1, "#ffffff")))
    page = s.Page(s.Frame(100, 100, tuple(s.Placed(20 * i, 0, s.Rect(10, 10, fill=grad)) for i in range(3))))
    root = ET.fromstring(render_svg(s.Document((page,), META, (REGULAR,))))
    ids = [g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}linearGradient")]
    assert ids == ["g1", "g2", "g3"]


def test_text_lines_and_runs(root, svg):
    title = tagged(root, "title")[0]
    assert title.tag.endswith("text")
    assert title.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert "font-kerning:none" in title.get("style")
    spans = title.findall("svg:tspan", NS)
    assert [(t.text, t.get("x"), t.get("y")) for t in spans] == [("Praatplaat ", "20", "22"), ("samenwerking", "102", "22")]
    assert spans[0].get("font-family") == "'SourceSansPro-Semibold', 'Source Sans Pro', sans-serif"
    assert (spans[0].get("font-weight"), spans[0].get("font-style")) == ("600", "normal")
    assert spans[1].get("font-size") == "16" and spans[1].get("fill") == "#ffffff"
    question = tagged(root, "question")[0].find("svg:tspan", NS)
    assert (question.get("x"), question.get("y")) == ("308", "80")  # 300 + 8, 60 + 20
    assert_contains_all(svg_text(svg), ["Praatplaat samenwerking", "Wie doet wat?", "Meer: example.org"])


def test_fonts_are_embedded_and_subset(doc, root):
    """Each face the page uses is embedded once, subset to the base set and the page's own
    characters in that face: nothing else the font has."""
    css = root.find(".//svg:style", NS).text
    faces = dict(re.findall(r"font-family:'([^']+)';font-weight:\d+;font-style:\w+;"
                            r"src:url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\)", css))
    assert set(faces) == {REGULAR.name, SEMIBOLD.name}
    used: dict[str, set[str]] = {}
    for _x, _y, item in s.walk(doc.pages[0].frame):
        if isinstance(item, s.TextLine):
            for r in item.runs:
                used.setdefault(r.font, set()).update(r.text)
    for name, data in faces.items():
        raw = base64.b64decode(data)
        face = REGULAR if name == REGULAR.name else SEMIBOLD
        assert len(raw) < face.path.stat().st_size / 5  # subset, not the whole font
        cmap = TTFont(io.BytesIO(raw)).getBestCmap()
        full = TTFont(face.path).getBestCmap()
        assert {chr(c) for c in cmap} == {ch for ch in BASE_CHARS | used[name] if ord(ch) in full}
        assert all(ord(ch) in cmap for ch in "Praatplaat samenwerking")
        assert ord("Ω") in full and ord("Ω") not in cmap  # the font has it; the page does not use it
    second = ET.fromstring(render_svg(sample_document(), 1)).find(".//svg:style", NS).text
    assert SEMIBOLD.name not in second  # only the fonts a page uses


def test_link(root, svg):
    anchors = list(root.iter("{http://www.w3.org/2000/svg}a"))
    assert len(anchors) == 1
    assert anchors[0].get("href") == URL and anchors[0].get(XLINK) == URL
    area = anchors[0].find("svg:rect", NS)
    assert [area.get(a) for a in ("x", "y", "width", "height", "fill")] == ["20", "260", "80", "14", "none"]
    svg_text(svg)  # a clickable link is not an external resource


def test_unsafe_link_is_refused():
    page = s.Page(s.Frame(100, 100, (s.Placed(0, 0, s.Link(10, 10, "javascript:alert(1)")),)))
    with pytest.raises(ValueError, match="javascript"):
        render_svg(s.Document((page,), META, (REGULAR,)))


def test_text_is_escaped_and_no_script():
    nasty = '<script>alert(1)</script> & "quotes"'
    page = s.Page(s.Frame(200, 100, (s.Placed(10, 40, s.TextLine((run(0, nasty),), tag='a"b<c')),)))
    svg = render_svg(s.Document((page,), META, (REGULAR,)))
    assert b"<script" not in svg
    root = ET.fromstring(svg)
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert svg_text(svg) == nasty
    assert tagged(root, 'a"b<c')[0].find("svg:tspan", NS).text == nasty


def test_whitespace_is_preserved():
    page = s.Page(s.Frame(200, 100, (s.Placed(10, 40, s.TextLine((run(0, "a  b "), run(30, "c")))),)))
    assert svg_text(render_svg(s.Document((page,), META, (REGULAR,)))) == "a  b c"


def test_deterministic_bytes(doc):
    assert render_svg(doc, 0) == render_svg(sample_document(), 0)
    assert render_svg(doc, 1) == render_svg(sample_document(), 1)


def test_page_index():
    with pytest.raises(IndexError):
        render_svg(sample_document(), 2)


def test_page_without_bleed():
    svg = render_svg(sample_document(bleed=0))
    assert ET.fromstring(svg).get("viewBox").startswith("0 0 ")


# --------------------------------------------------------------------------- tests/extract.py

def test_svg_text_rejects_external_resources():
    head = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    bad = [
        '<image href="https://example.org/x.png"/>',
        '<image xlink:href="file:///etc/passwd"/>',
        '<use href="other.svg#a"/>',
        '<script>alert(1)</script>',
        '<rect onclick="alert(1)"/>',
        '<style>@font-face{src:url(https://example.org/f.ttf)}</style>',
        '<rect style="fill:url(http://example.org/p.svg#g)"/>',
    ]
    for body in bad:
        with pytest.raises(AssertionError):
            svg_text((head + body + "</svg>").encode())
    ok = head + '<a href="https://example.org"><text>hi</text></a><use href="#g"/><image href="data:image/png;base64,AA"/></svg>'
    assert svg_text(ok.encode()) == "hi"
    with pytest.raises(ET.ParseError):
        svg_text(b"<svg><text>unclosed</svg>")


def test_normalise_and_assert_contains_all():
    assert normalise("Omgevings-\ndienst\u00ad en  Ge\u2010meente") == "omgevingsdienstengemeente"
    assert normalise("Coo\u0308rdinatie") == "coördinatie"  # NFC
    assert_contains_all("De Omgevings-\ndienst werkt", ["omgevingsdienst", "DE"])
    with pytest.raises(AssertionError, match="'ontbreekt'"):
        assert_contains_all("De Omgevingsdienst", ["omgevingsdienst", "ontbreekt"])
