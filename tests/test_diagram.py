"""The bubble diagram: geometry of the scene (not pixels), both renderers, the product."""

from __future__ import annotations

import dataclasses
import io
import math
import os
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings, strategies as st

from extract import assert_contains_all, pdf_text, svg_text
from generator import scene
from generator.color import contrast, hex_to_oklch
from generator.styles import load_style
from generator.errors import LayoutError
from generator.layout.common import theme_colours
from generator.layout.diagram import diagram_document, diagram_style, layout_diagram
from generator.model import Question, Source, Theme
from generator.text.fonts import metrics
from generator.units import mm

from conftest import LAYOUTS, ROOT

TOL = 1e-6


@pytest.fixture(scope="module")
def layout():
    return load_style(LAYOUTS, "diagram")


@pytest.fixture(scope="module")
def built(plaat, layout):
    from generator.render import render_pdf, render_svg

    doc, diagram = diagram_document(plaat, layout)
    return doc, diagram, render_pdf(doc), render_svg(doc)


# --- reading the scene ------------------------------------------------------------------------


def bubbles_in(frame: scene.Frame) -> dict[str, tuple[float, float, float]]:
    """Theme id → (cx, cy, outer radius incl. the ring) of every bubble in a frame."""
    found = {}
    for x, y, item in scene.walk(frame):
        if isinstance(item, scene.Circle) and item.tag.startswith("bubble:"):
            ring = item.stroke.width / 2 if item.stroke else 0.0
            found[item.tag.split(":", 1)[1]] = (x, y, item.radius + ring)
    return found


def names_in(frame: scene.Frame) -> dict[str, list[tuple[float, float, scene.TextLine]]]:
    found: dict[str, list] = {}
    for x, y, item in scene.walk(frame):
        if isinstance(item, scene.TextLine) and item.tag.startswith("name:"):
            found.setdefault(item.tag.split(":", 1)[1], []).append((x, y, item))
    return found


def no_trema(text: str) -> str:
    """Text without diaereses: a hyphenation break drops the trema of the next letter."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).replace("\u0308", ""))


def rejoin(lines: list[scene.TextLine]) -> str:
    out = ""
    for line in lines:
        text = line.text
        out += text[:-1] if line.hyphenated else text if text.endswith("-") else text + " "
    return out.strip()


def check_diagram(frame: scene.Frame, themes, fills: dict[str, str], box: tuple[float, float, float, float],
                  orientation: str, gap: float, padding: float) -> None:
    """Every acceptance invariant on a drawn diagram; `box` = (left, top, right, bottom)."""
    bubbles = bubbles_in(frame)
    names = names_in(frame)
    assert list(bubbles) == [t.id for t in themes]
    left, top, right, bottom = box
    ids = list(bubbles)
    for i, a in enumerate(ids):
        ax, ay, ar = bubbles[a]
        assert left - TOL <= ax - ar and ax + ar <= right + TOL, a
        assert top - TOL <= ay - ar and ay + ar <= bottom + TOL, a
        for b in ids[i + 1:]:
            bx, by, br = bubbles[b]
            assert math.dist((ax, ay), (bx, by)) >= ar + br + gap - TOL, (a, b)
    along = {t.id: bubbles[t.id][1 if orientation == "portrait" else 0] for t in themes}
    for s in themes:
        for t in themes:
            if s.level < t.level:
                assert along[s.id] < along[t.id], (s.id, t.id)
    sizes = set()
    for theme in themes:
        cx, cy, r = bubbles[theme.id]
        room = r * (1 - padding)
        lines = names[theme.id]
        assert no_trema(rejoin([line for _, _, line in lines])) == no_trema(theme.name)
        for x, y, line in lines:
            for run in line.runs:
                font = metrics(run.font)
                sizes.add(run.size)
                assert contrast(run.color, fills[theme.id]) >= 4.5
                x0, x1 = x + run.dx, x + run.dx + font.width(run.text, run.size)
                for px in (x0, x1):
                    for py in (y - font.ascent(run.size), y + font.descent(run.size)):
                        assert math.hypot(px - cx, py - cy) <= room + TOL, (theme.id, line.text)
    assert len(sizes) == 1, "every name has the same size"


# --- the default content, A3 landscape -------------------------------------------------------


def test_default_diagram_meets_every_invariant(plaat, layout, built):
    doc, diagram, _, _ = built
    page = doc.pages[0]
    margin = layout.margin
    w, h = page.frame.width, page.frame.height
    assert (round(w), round(h)) == (round(mm(420)), round(mm(297)))
    fills = theme_colours(plaat, layout)
    style = diagram_style(layout, lang="nl")
    check_diagram(page.frame, plaat.themes_by_level, fills, (margin, margin, w - margin, h - margin),
                  "landscape", style.gap, style.padding)


def test_names_are_large_and_set_as_designed(built):
    _, diagram, _, _ = built
    assert diagram.name_size >= 30
    lines = {b.theme_id: b.lines for b in diagram.bubbles}
    assert lines["bestuur"] == ("Bestuur",)
    assert lines["taken"] == ("Taken", "Omgevingswet")  # no hyphen where a space will do
    assert lines["samenwerkingsstructuur"] in (("Samenwerkings-", "structuur"), ("Samen-", "werkings-", "structuur"))


def test_colours_follow_the_gradient_and_text_contrasts(plaat, layout, built):
    _, diagram, _, _ = built
    fills = [b.fill for b in diagram.bubbles]
    assert fills[0] == layout.palette.gradient_start and fills[-1] == layout.palette.gradient_end
    lightness = [hex_to_oklch(f)[0] for f in fills]
    assert lightness == sorted(lightness)
    assert all(contrast(b.text_color, b.fill) >= 4.5 for b in diagram.bubbles)


def test_the_gradient_band_and_axis_with_end_labels_are_drawn(plaat, layout, built):
    doc, diagram, _, _ = built
    items = list(scene.walk(doc.pages[0].frame))
    band = [(x, y, i) for x, y, i in items if isinstance(i, scene.Rect) and i.tag == "gradient-band"]
    assert len(band) == 1
    x, _, rect = band[0]
    gradient = rect.fill
    assert isinstance(gradient, scene.LinearGradient) and gradient.y1 == gradient.y2  # left → right
    first, last = diagram.bubbles[0], diagram.bubbles[-1]
    margin = layout.margin
    assert x + gradient.x1 == pytest.approx(margin + first.cx) and x + gradient.x2 == pytest.approx(margin + last.cx)
    axis = [i for _, _, i in items if isinstance(i, scene.Rect) and i.tag == "gradient-axis"]
    assert axis[0].fill.stops[0].color == layout.palette.gradient_start
    assert axis[0].fill.stops[-1].color == layout.palette.gradient_end
    labels = {i.tag: (x, i) for x, _, i in items if isinstance(i, scene.TextLine) and i.tag.startswith("gradient-label")}
    assert labels["gradient-label-start"][1].text == plaat.labels.gradient_start
    assert labels["gradient-label-end"][1].text == plaat.labels.gradient_end
    # abstract at the left end of the axis, concrete at the right end
    assert labels["gradient-label-start"][0] == pytest.approx(margin)
    end_x, end_line = labels["gradient-label-end"]
    assert end_x + end_line.width == pytest.approx(doc.pages[0].frame.width - margin)
    for _, line in labels.values():
        assert contrast(line.runs[0].color, layout.palette.paper) >= 4.5


# --- renderers ------------------------------------------------------------------------------------


def svg_circles(svg: bytes) -> dict[str, tuple[float, float, float]]:
    root = ET.fromstring(svg)
    found = {}
    for element in root.iter("{http://www.w3.org/2000/svg}circle"):
        tag = element.get("data-tag", "")
        if tag.startswith("bubble:"):
            found[tag.split(":", 1)[1]] = tuple(float(element.get(k)) for k in ("cx", "cy", "r"))
    return found


def pdf_circles(pdf: bytes) -> list[tuple[float, float, float]]:
    """(cx, cy, r) in PDF space of every path made of one moveto and four curves: a circle."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(pdf))
    ops = ContentStream(reader.pages[0].get_contents(), reader).operations
    circles, points, shape = [], [], []
    for args, op in ops:
        op = op.decode()
        if op == "m":
            points, shape = [tuple(map(float, args))], ["m"]
        elif op == "c":
            points.append(tuple(map(float, args[4:6])))
            shape.append("c")
        elif op in ("l", "re"):
            shape.append(op)
        elif op in ("f", "f*", "B", "B*", "S", "b", "b*") and shape == ["m", "c", "c", "c", "c"]:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            circles.append(((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2, (max(xs) - min(xs)) / 2))
    return circles


def test_pdf_and_svg_show_the_same_bubbles_as_the_scene(built):
    doc, _, pdf, svg = built
    page = doc.pages[0]
    drawn = {}
    for x, y, item in scene.walk(page.frame):
        if isinstance(item, scene.Circle) and item.tag.startswith("bubble:"):
            drawn[item.tag.split(":", 1)[1]] = (x, y, item.radius)
    in_svg = svg_circles(svg)
    assert set(in_svg) == set(drawn)
    for key, (x, y, r) in drawn.items():
        assert in_svg[key] == pytest.approx((x, y, r), abs=0.01)
    # PDF: y up from the media box, which is the trim plus the bleed on every side
    b, top = page.bleed, page.frame.height + page.bleed
    in_pdf = sorted((round(cx - b, 1), round(top - cy, 1), round(r, 1)) for cx, cy, r in pdf_circles(pdf))
    for x, y, r in drawn.values():
        assert any(abs(x - px) < 0.05 and abs(y - py) < 0.05 and abs(r - pr) < 0.05 for px, py, pr in in_pdf), (x, y)


def test_pdf_text_sits_where_the_scene_put_it(built):
    from pypdf import PdfReader

    doc, _, pdf, _ = built
    page = doc.pages[0]
    found = []
    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(
        visitor_text=lambda text, cm, tm, font, size: found.append((text, tm[4], tm[5])) if text.strip() else None)
    b, top = page.bleed, page.frame.height + page.bleed
    for x, y, item in scene.walk(page.frame):
        if isinstance(item, scene.TextLine) and item.tag.startswith("name:"):
            assert any(t == item.text and abs(px - b - x) < 0.01 and abs(top - py - y) < 0.01
                       for t, px, py in found), item.text


def test_both_files_hold_every_name_and_the_pdf_embeds_its_fonts(plaat, built):
    from pypdf import PdfReader

    _, _, pdf, svg = built
    names = [t.name for t in plaat.themes]
    assert len(names) == 6
    assert_contains_all(pdf_text(pdf)[0], names + [plaat.labels.gradient_start, plaat.labels.gradient_end])
    assert_contains_all(svg_text(svg), names + [plaat.labels.gradient_start, plaat.labels.gradient_end])
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), font["/BaseFont"]


DETERMINISM = """
import hashlib
from generator.styles import load_style
from generator.layout.diagram import diagram_document
from generator.loader import load
from generator.render import render_svg
doc, _ = diagram_document(load("content"), load_style("layouts", "diagram"))
print(hashlib.sha256(repr(doc).encode() + render_svg(doc)).hexdigest())
"""


def test_identical_scene_under_different_hash_seeds():
    digests = set()
    for seed in ("0", "1"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", DETERMINISM], cwd=ROOT, env=env, capture_output=True,
                             text=True, check=True)
        digests.add(run.stdout.strip())
    assert len(digests) == 1 and len(digests.pop()) == 64


# --- other papers, the product ------------------------------------------------------------------


def test_a4_portrait_runs_top_to_bottom(plaat, layout):
    doc, diagram = diagram_document(plaat, layout, "A4", "portrait")
    page = doc.pages[0]
    w, h = page.frame.width, page.frame.height
    assert w < h
    scale = math.sqrt((w * h) / (mm(420) * mm(297)))
    margin = layout.margin * scale
    style = diagram_style(layout, scale, lang="nl")
    check_diagram(page.frame, plaat.themes_by_level, theme_colours(plaat, layout),
                  (margin, margin, w - margin, h - margin), "portrait", style.gap, style.padding)
    ys = [b.cy for b in diagram.bubbles]
    assert ys == sorted(ys)
    assert {b.side for b in diagram.bubbles} == {-1, 1}


def test_the_product_writes_pdf_svg_and_preview(cli, tmp_path):
    run = cli("build", "diagram", "--content", ROOT / "content", "--layouts", LAYOUTS, "--out", tmp_path)
    assert run.code == 0, run.err
    assert (tmp_path / "diagram.pdf").read_bytes().startswith(b"%PDF")
    assert b"<svg" in (tmp_path / "diagram.svg").read_bytes()[:400]
    png = (tmp_path / "previews" / "diagram.png").read_bytes()
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") >= 1200


def test_a_name_that_cannot_fit_is_a_one_line_layout_error(cli, content_copy, tmp_path):
    theme = content_copy / "themes" / "01-bestuur.md"
    text = theme.read_text(encoding="utf-8")
    huge = "OMGEVINGSVERGUNNINGSVERLENINGSTOEZICHTSHANDHAVINGSINFORMATIEVOORZIENINGSREGISTER"[:80]
    theme.write_text(text.replace("name: Bestuur", f"name: {huge}"), encoding="utf-8")  # capitals: no hyphens
    run = cli("build", "diagram", "--content", content_copy, "--layouts", LAYOUTS, "--out", tmp_path)
    assert run.code == 1
    assert "bestuur" in run.err and "mm" in run.err and len(run.err.strip().splitlines()) == 1
    assert not (tmp_path / "diagram.pdf").exists()


def test_a_content_colour_wins_over_the_gradient(plaat, layout):
    themes = list(plaat.themes)
    themes[0] = dataclasses.replace(themes[0], colour="#c03a2b")
    changed = dataclasses.replace(plaat, themes=tuple(themes))
    _, diagram = diagram_document(changed, layout)
    bubble = next(b for b in diagram.bubbles if b.theme_id == themes[0].id)
    assert bubble.fill == "#c03a2b" and contrast(bubble.text_color, bubble.fill) >= 4.5


# --- property test: many themes, ties, long names -------------------------------------------------

WORDS = ["Omgevingswet", "informatievoorziening", "Samenwerkings|structuur", "doelformulering", "en",
         "vergunningverlening", "handhavingsstrategie", "ketensamenwerking", "Zorgcoördinatie", "ICT-beleid",
         "DSO", "kwaliteitscriteria", "van", "de", "Bestuur", "Omgevings|diensten", "uitvoeringsniveau",
         "toezicht", "gemeentelijke", "regionale"]


def make_themes(names: list[list[str]], levels: list[int], counts: list[int]) -> tuple[Theme, ...]:
    themes = []
    for i, (words, level, count) in enumerate(zip(names, levels, counts)):
        label = " ".join(words)
        questions = tuple(Question(k + 1, "?", Source("t.md")) for k in range(count))
        themes.append(Theme(f"t{i}", label.replace("|", ""), label, float(level), None, questions,
                            Source(f"themes/t{i}.md", 1), i))
    return tuple(themes)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(data=st.data(), n=st.integers(3, 20), orientation=st.sampled_from(["landscape", "portrait"]))
def test_property_invariants_hold_or_a_clear_layout_error(plaat, layout, data, n, orientation):
    names = data.draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), min_size=n, max_size=n))
    levels = data.draw(st.lists(st.integers(1, 5), min_size=n, max_size=n))
    counts = data.draw(st.lists(st.integers(1, 15), min_size=n, max_size=n))
    model = dataclasses.replace(plaat, themes=make_themes(names, levels, counts))
    colours = theme_colours(model, layout)
    width, height = (mm(392), mm(230)) if orientation == "landscape" else (mm(269), mm(360))
    style = diagram_style(layout, lang="nl")
    try:
        diagram = layout_diagram(model.themes_by_level, colours, ("a", "b"), layout, width, height, orientation, style)
    except LayoutError as exc:
        message = str(exc)
        assert "\n" not in message and "mm" in message
        return
    check_diagram(diagram.frame, model.themes_by_level, colours, (0, 0, width, height), orientation,
                  style.gap, style.padding)
    assert style.name_min - TOL <= diagram.name_size <= style.name_max + TOL


def test_layout_code_takes_typed_styles_not_layout_dicts(plaat):
    """No dict fallback: a merged layout dict is refused with a clear TypeError, not read by key."""
    from generator.layout.common import theme_colours
    from generator.styles import load_layout

    merged = load_layout(LAYOUTS, "diagram")
    with pytest.raises(TypeError, match="expected a DiagramStyle .*not dict"):
        diagram_document(plaat, merged)
    with pytest.raises(TypeError, match="expected a DiagramParts"):
        diagram_style(merged, lang="nl")
    with pytest.raises(AttributeError):
        theme_colours(plaat, merged)
