"""The poster layout: every text on it, no overlaps, leaders that cross nothing, sizes at or
above the documented minimums, contrast, paper scaling, fitting and its failures."""

from __future__ import annotations

import itertools
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import CONTENT, LAYOUTS
from extract import assert_contains_all, pdf_text, svg_text
from generator import scene
from generator.color import contrast
from generator.styles import load_style
from generator.errors import LayoutError
from generator.layout.bubbles import Box
from generator.layout.panels import (
    boxes_overlap, circle_hits_box, inside, segment_hits_box, segment_hits_circle, segments_cross,
)
from generator.layout.poster import poster
from generator.loader import load
from generator.model import ListBlock, plain
from generator.text.fonts import metrics
from generator.units import mm, paper_size

SHORT_QUESTIONS = [
    "Wie beslist?", "Wat kost het?", "Wie is eigenaar?", "Hoe meten we succes?", "Wat gaat goed?",
    "Wat kan beter?", "Wie doen er mee?", "Welke afspraken?", "Wanneer is het klaar?", "Wat is het doel?",
    "Wie betaalt?", "Wat leren we ervan?", "Welke risico's?", "Wie voert het uit?", "Hoe delen we dit?",
]
LONG_QUESTION = ("In hoeverre zijn de afspraken over {x} tussen de gemeenten en de Omgevingsdienst in uw regio "
                 "vastgelegd, en wie spreekt de partners aan als zij die afspraken niet nakomen?")
NAMES = ["Regie", "Financiën", "Personeel", "Kennis", "Gegevens", "Ketens", "Inwoners", "Toezicht", "Planning",
         "Evaluatie"]


def make_content(target: Path, questions: list[str], themes: int = 10) -> Path:
    """The default content with its themes replaced by `themes` themes of the given questions."""
    shutil.copytree(CONTENT, target)
    for old in (target / "themes").glob("*.md"):
        old.unlink()
    for k in range(themes):
        name = NAMES[k]
        lines = "\n".join(f"{j + 1}. {q.format(x=name.lower())}" for j, q in enumerate(questions))
        (target / "themes" / f"{k + 1:02d}-{name.lower()}.md").write_text(
            f"---\nid: t{k + 1}\nname: {name}\nlevel: {k + 1}\n---\n{lines}\n", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def layout():
    return load_style(LAYOUTS, "poster")


@pytest.fixture(scope="module")
def a0(plaat, layout):
    return poster(plaat, layout)


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """10 themes of 15 (short) questions."""
    return load(make_content(tmp_path_factory.mktemp("many") / "content", SHORT_QUESTIONS))


# --- scene helpers ---------------------------------------------------------------------------------


def items(page: scene.Page):
    """(x, y, item, group tags) for every drawn item, in drawing order."""
    def visit(frame, x, y, tags):
        for placed in frame.items:
            ax, ay = x + placed.x, y + placed.y
            if isinstance(placed.item, scene.Group):
                yield from visit(placed.item.frame, ax, ay, tags + (placed.item.tag,))
            else:
                yield ax, ay, placed.item, tags
    yield from visit(page.frame, 0.0, 0.0, ())


def extent(x: float, y: float, item) -> Box:
    if isinstance(item, scene.TextLine):
        ascent = max(metrics(r.font).ascent(r.size) for r in item.runs)
        descent = max(metrics(r.font).descent(r.size) for r in item.runs)
        return Box(x, y - ascent, item.width, ascent + descent)
    if isinstance(item, scene.Circle):
        return Box(x - item.radius, y - item.radius, 2 * item.radius, 2 * item.radius)
    if isinstance(item, scene.Line):
        w = item.stroke.width / 2
        return Box(min(x, x + item.dx) - w, min(y, y + item.dy) - w, abs(item.dx) + 2 * w, abs(item.dy) + 2 * w)
    return Box(x, y, item.width, item.height)


def text_lines(page: scene.Page):
    return [(x, y, item, tags) for x, y, item, tags in items(page) if isinstance(item, scene.TextLine)]


def question_lines(page: scene.Page):
    return [(x, y, line) for x, y, line, _ in text_lines(page) if line.tag.startswith("question:")]


# --- the texts -----------------------------------------------------------------------------------------


def intro_texts(plaat) -> list[str]:
    texts = [plaat.intro_title]
    for block in plaat.intro:
        if isinstance(block, ListBlock):
            texts += [plain(i) for i in block.items]
        else:
            texts.append(plain(block.spans))
    return texts


def expected_texts(plaat) -> list[str]:
    themes = plaat.themes
    return ([t.name for t in themes] + [q.text for t in themes for q in t.questions]
            + [c.title for c in plaat.challenges] + [c.label for c in plaat.challenges]
            + intro_texts(plaat) + [plaat.meta.title, plaat.meta.subtitle, plaat.meta.credit, plaat.meta.publisher,
                                    plaat.labels.challenges, plaat.labels.gradient_start, plaat.labels.gradient_end]
            + [plain(f.spans) for f in plaat.footnotes])


@pytest.fixture(scope="module")
def a0_files(a0):
    from generator.render import render_pdf, render_svg

    return render_pdf(a0.document), render_svg(a0.document)


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")   # footnote markers, as printed


def test_pdf_and_svg_hold_every_text(plaat, a0_files):
    pdf, svg = a0_files
    texts = expected_texts(plaat)
    assert len([q for t in plaat.themes for q in t.questions]) == 57
    (page,) = pdf_text(pdf)
    assert_contains_all(page.translate(SUPERSCRIPTS), texts)
    assert_contains_all(svg_text(svg).translate(SUPERSCRIPTS), texts)
    url = plaat.footnotes[0].spans[-1].href
    assert f'<a href="{url}"'.encode() in svg      # the footnote link is clickable in the SVG too


def test_every_theme_has_one_panel_with_its_questions_numbered_as_in_the_content(plaat, a0):
    geometry = a0.geometry
    assert [p.theme_id for p in geometry.panels] == [t.id for t in plaat.themes_by_level]
    numbers = {}
    for _, _, line, tags in text_lines(a0.document.pages[0]):
        if line.tag.startswith("question:") and line.tag.endswith(":number"):
            _, theme, number, _ = line.tag.split(":")
            numbers.setdefault(theme, []).append((int(number), line.text))
    for theme in plaat.themes:
        assert numbers[theme.id] == [(q.number, str(q.number)) for q in theme.questions]


# --- geometry --------------------------------------------------------------------------------------


def check_geometry(result) -> None:
    """No overlaps, leaders crossing nothing, everything inside the trim and the margins."""
    g = result.geometry
    page = result.document.pages[0]
    boxes = [("title band", g.title_band)] + [(f"block {n}", b) for n, b in g.blocks.items() if n != "diagram"]
    boxes += [(f"panel {p.theme_id}", p.box) for p in g.panels]
    for (na, a), (nb, b) in itertools.combinations(boxes, 2):
        assert not boxes_overlap(a, b), (na, nb)
    for bubble in g.bubbles:
        assert inside(Box(bubble.cx - bubble.r, bubble.cy - bubble.r, 2 * bubble.r, 2 * bubble.r), g.blocks["diagram"])
        for name, box in boxes:
            assert not circle_hits_box(bubble.cx, bubble.cy, bubble.r, box), (bubble.theme_id, name)
    for a, b in itertools.combinations(g.bubbles, 2):
        assert ((a.cx - b.cx) ** 2 + (a.cy - b.cy) ** 2) ** 0.5 >= a.r + b.r, (a.theme_id, b.theme_id)
    for p, q in itertools.combinations(g.panels, 2):
        for s, t in itertools.product(p.leader.segments, q.leader.segments):
            assert not segments_cross(s, t), (p.theme_id, q.theme_id)
    for p in g.panels:
        for s in p.leader.segments:
            for bubble in g.bubbles:
                assert not segment_hits_circle(s, bubble.cx, bubble.cy, bubble.r - 1e-3), (p.theme_id, bubble.theme_id)
            for name, box in boxes:
                assert not segment_hits_box(s, box), (p.theme_id, name)
        own = next(b for b in g.bubbles if b.theme_id == p.theme_id)
        x0, y0 = p.leader.points[0]
        assert abs(((x0 - own.cx) ** 2 + (y0 - own.cy) ** 2) ** 0.5 - own.r) < 1e-6   # starts on its bubble
        x1, y1 = p.leader.end
        assert abs(x1 - (p.box.right if p.side < 0 else p.box.x)) < 1e-6 and p.box.y < y1 < p.box.bottom
    for x, y, item, tags in items(page):
        box = extent(x, y, item)
        if isinstance(item, scene.Rect) and item.tag.startswith("background:"):
            continue
        assert inside(box, g.trim), (item, tags)
        if isinstance(item, scene.TextLine):
            assert inside(box, g.safe), (item.text, tags)
    for p in g.panels:
        column = g.columns[0] if p.side < 0 else g.columns[2]
        assert inside(p.box, column)


def test_a0_geometry(a0):
    check_geometry(a0)


def test_bubbles_and_panels_keep_the_order_of_the_levels(plaat, a0):
    g = a0.geometry
    ys = [b.cy for b in g.bubbles]
    assert ys == sorted(ys)
    for side in (-1, 1):
        tops = [p.box.y for p in g.panels if p.side == side]
        assert tops == sorted(tops) and tops
    assert {p.side for p in g.panels} == {-1, 1}
    for bubble, panel in zip(g.bubbles, g.panels):
        assert bubble.side == panel.side


def test_the_title_band_runs_into_the_bleed(a0):
    page = a0.document.pages[0]
    backgrounds = [(x, y, item) for x, y, item, _ in items(page)
                   if isinstance(item, scene.Rect) and item.tag == "background:title"]
    (x, y, rect), = backgrounds
    assert page.bleed == pytest.approx(mm(3))
    assert x <= -page.bleed and y <= -page.bleed and x + rect.width >= page.frame.width + page.bleed


# --- sizes -------------------------------------------------------------------------------------------------


def check_sizes(result) -> None:
    g = result.geometry
    sizes = {"question": set(), "name": set(), "other": set()}
    for _, _, line, _ in text_lines(result.document.pages[0]):
        kind = ("question" if line.tag.startswith("question:") and not line.tag.endswith(":number")
                else "name" if line.tag.startswith("name:") else "other")
        sizes[kind].update(r.size for r in line.runs if r.text.strip())
    assert sizes["question"] == {g.question_size}                 # one size for every question
    assert g.question_size >= g.min_question - 1e-9
    assert min(sizes["name"]) >= g.min_name - 1e-9
    assert min(sizes["other"]) >= g.min_text - 1e-9
    assert sizes["name"] == {g.name_size}


def test_a0_sizes_meet_the_documented_minimums(a0, layout):
    check_sizes(a0)
    g = a0.geometry
    assert g.scale == pytest.approx(1.0)
    assert g.min_question == layout.minimum.question == 24
    title = [line for _, _, line, _ in text_lines(a0.document.pages[0]) if line.tag == "title"]
    assert title and all(r.size >= 72 for line in title for r in line.runs)


def test_the_question_size_is_the_largest_that_fits(plaat, layout, a0):
    """In the chosen arrangement the panels no longer fit at the next size up: forcing it as
    the minimum fails."""
    chosen = a0.geometry.arrangement
    only = replace(layout.columns.portrait[0], text=chosen.text, centre=chosen.centre)
    bigger = replace(layout, columns=replace(layout.columns, portrait=(only,)))
    assert poster(plaat, bigger).geometry.question_size == a0.geometry.question_size
    bigger = replace(bigger, minimum=replace(bigger.minimum, question=a0.geometry.question_size + 0.25))
    with pytest.raises(LayoutError, match="do not fit at the smallest size"):
        poster(plaat, bigger)


def test_text_contrast(a0):
    """Every text line against the topmost solid fill under it (the paper if none)."""
    page = a0.document.pages[0]
    fills: list[tuple[Box, object]] = []
    checked = 0
    for x, y, item, tags in items(page):
        if isinstance(item, (scene.Rect, scene.Circle)) and item.fill is not None:
            fills.append((extent(x, y, item), item))
            continue
        if not isinstance(item, scene.TextLine):
            continue
        box = extent(x, y, item)
        cx, cy = box.x + box.width / 2, box.y + box.height / 2
        under = "#ffffff"
        for area, shape in reversed(fills):
            if isinstance(shape, scene.Circle):
                hit = ((cx - area.x - shape.radius) ** 2 + (cy - area.y - shape.radius) ** 2) <= shape.radius ** 2
            else:
                hit = area.x <= cx <= area.right and area.y <= cy <= area.bottom
            if hit:
                under = shape.fill
                break
        colours = [under] if isinstance(under, str) else [s.color for s in under.stops]
        for run in item.runs:
            for colour in colours:
                assert contrast(run.color, colour) >= 4.5, (item.text, run.color, colour)
        checked += 1
    assert checked > 280  # every question, heading and paragraph line (list bullets are circles, not text)


# --- papers, orientations, fitting -----------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["A1", "A3"])
def test_other_papers_scale_the_same_layout(plaat, layout, a0, paper):
    result = poster(plaat, layout, paper)
    g, ref = result.geometry, a0.geometry
    width, height = paper_size(paper)
    assert (result.document.pages[0].frame.width, result.document.pages[0].frame.height) == (width, height)
    factor = g.scale
    assert factor == pytest.approx((width * height / (ref.trim.width * ref.trim.height)) ** 0.5)
    assert g.min_question == pytest.approx(24 * factor)
    assert abs(g.question_size - ref.question_size * factor) <= 0.25 + 1e-9
    for p, q in zip(g.panels, ref.panels):
        assert p.box.x == pytest.approx(q.box.x * factor, rel=0.01)
        assert p.box.width == pytest.approx(q.box.width * factor, rel=0.01)
    check_geometry(result)
    check_sizes(result)


def test_landscape_renders_when_the_content_fits(plaat, layout):
    ids = tuple(t.id for t in plaat.themes_by_level[:4])
    result = poster(plaat, layout, "A0", "landscape", theme_ids=ids)
    g = result.geometry
    assert g.trim.width > g.trim.height
    assert [p.theme_id for p in g.panels] == list(ids)
    assert g.text_column is not None and g.text_column.x < g.columns[0].x
    check_geometry(result)
    check_sizes(result)


def test_ten_themes_of_fifteen_questions_fit_on_a0(many, layout):
    assert len(many.themes) == 10 and all(len(t.questions) == 15 for t in many.themes)
    result = poster(many, layout, "A0")
    check_geometry(result)
    check_sizes(result)
    lines = " ".join(line.text for _, _, line in question_lines(result.document.pages[0]))
    for theme in many.themes:
        for q in theme.questions:
            assert q.text in lines
    assert all(p.columns == 2 for p in result.geometry.panels)   # short questions: two columns a panel


def test_ten_themes_on_a3_fit_or_fail_clearly(many, layout):
    try:
        result = poster(many, layout, "A3")
    except LayoutError as exc:
        assert "--paper" not in str(exc) and "mm" in str(exc)
    else:
        check_geometry(result)
        check_sizes(result)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """10 themes of 15 long questions: too much for any paper at the minimum size."""
    return load(make_content(tmp_path_factory.mktemp("crowded") / "content", [LONG_QUESTION] * 15))


@pytest.mark.parametrize("paper", ["A3", "A0"])
def test_too_many_questions_fail_naming_the_need_and_advice_that_works(crowded, layout, paper):
    """The error names what the questions need and what the sheet holds; a bigger paper is never
    offered (every size scales with the sheet); a --min-size it offers does build."""
    with pytest.raises(LayoutError) as info:
        poster(crowded, layout, paper)
    message = str(info.value)
    assert "\n" not in message and "--paper" not in message
    assert f"poster {paper} portrait" in message and "10 themes, 150 questions need about" in message
    assert "shorten the questions by ~" in message and "`theme-posters`" in message
    if "--min-size" in message:
        size = float(message.split("--min-size ")[1].rstrip("`"))
        assert poster(crowded, layout, paper, min_size=size).geometry.question_size >= size


def test_a_generous_largest_question_size_does_not_break_the_fit(plaat):
    """Sizes so large that a long word no longer fits its column count as 'too large' in the
    search for the question size; they once made the whole poster fail at its minimum size."""
    layout = load_style(LAYOUTS, "poster")
    usual = poster(plaat, layout).geometry.question_size
    generous = replace(layout, questions=replace(layout.questions, max=400))
    assert poster(plaat, generous).geometry.question_size == usual
