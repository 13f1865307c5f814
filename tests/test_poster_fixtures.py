"""The poster, the overview poster and the theme posters on praatplaten other than the
default (tests/fixtures/*): nine themes that must fit A0 at 24 pt, three themes
without challenges, fourteen themes too large for one sheet."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from conftest import CONTENT, LAYOUTS
from generator.styles import load_style
from generator.errors import LayoutError
from generator.layout.panels import boxes_overlap, circle_hits_box, inside
from generator.layout.poster import poster
from generator.layout.theme_poster import theme_posters
from generator.loader import load
from generator import scene
from test_poster import check_geometry, check_sizes, extent, items, question_lines, text_lines

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def layout():
    return load_style(LAYOUTS, "poster")


@pytest.fixture(scope="module")
def nine():
    return load(FIXTURES / "nine-themes-en")


@pytest.fixture(scope="module")
def three():
    return load(FIXTURES / "three-themes-small")


@pytest.fixture(scope="module")
def fourteen():
    return load(FIXTURES / "fourteen-themes")


def test_the_fixtures_are_what_they_claim(nine, three, fourteen):
    questions = [q.text for t in nine.themes for q in t.questions]
    assert len(nine.themes) == 9 and len(questions) == 76
    assert min(map(len, questions)) >= 40 and max(map(len, questions)) <= 250 and max(map(len, questions)) > 200
    assert any(len(t.name) > 45 for t in nine.themes)
    levels = [t.level for t in nine.themes]
    assert len(set(levels)) < len(levels)
    assert len(three.themes) == 3 and sum(len(t.questions) for t in three.themes) == 7 and not three.challenges
    assert len(fourteen.themes) == 14 and sum(len(t.questions) for t in fourteen.themes) >= 130


def test_nine_themes_fit_a0_portrait_at_24_pt_with_every_question(nine, layout):
    result = poster(nine, layout, "A0", "portrait")
    assert result.geometry.question_size >= 24
    check_geometry(result)
    check_sizes(result)
    printed = " ".join(line.text for _, _, line in question_lines(result.document.pages[0]))
    for theme in nine.themes:
        for q in theme.questions:
            assert q.text.split()[-1] in printed
    assert len(list(question_lines(result.document.pages[0]))) >= 76


def test_nine_themes_balance_the_columns_and_keep_the_order(nine, layout):
    g = poster(nine, layout).geometry
    for side in (-1, 1):
        mine = [p for p in g.panels if p.side == side]
        assert [p.box.y for p in mine] == sorted(p.box.y for p in mine)
    for bubble, panel in zip(g.bubbles, g.panels):
        assert bubble.side == panel.side


def test_three_themes_grow_and_print_no_empty_challenges_heading(three, layout):
    for orientation in ("portrait", "landscape"):
        result = poster(three, layout, "A0", orientation)
        g = result.geometry
        assert "challenges" not in g.blocks
        assert g.question_size > g.min_question * 1.5          # small content grows
        texts = {line.text for _, _, line, _ in text_lines(result.document.pages[0])}
        assert three.labels.challenges not in texts
        check_geometry(result)
        check_sizes(result)


def test_fourteen_themes_fail_on_one_sheet_with_the_cause_and_advice(fourteen, layout):
    with pytest.raises(LayoutError) as info:
        poster(fourteen, layout, "A0")
    message = str(info.value)
    count = sum(len(t.questions) for t in fourteen.themes)
    assert f"14 themes, {count} questions need about" in message and "the sheet holds 2 ×" in message
    assert "`theme-posters`" in message and "--paper" not in message
    assert "--orientation landscape" not in message            # tried: it fails too


def test_the_overview_poster_holds_the_counts(fourteen, layout):
    result = poster(fourteen, layout, "A0", overview=True)
    check_geometry(result)
    g = result.geometry
    sizes = {r.size for _, _, line, _ in text_lines(result.document.pages[0]) for r in line.runs if r.text.strip()}
    assert min(sizes) >= g.min_text and g.question_size >= g.min_question
    counts = [line for _, _, line, _ in text_lines(result.document.pages[0]) if line.tag.startswith("question-count:")]
    assert len([c for c in counts if not c.tag.endswith(":number")]) == 14
    assert sorted(c.text for c in counts if c.tag.endswith(":number")) == sorted(
        str(len(t.questions)) for t in fourteen.themes)


@pytest.mark.parametrize("name", ["nine-themes-en", "three-themes-small", "fourteen-themes", "default"])
def test_theme_posters(name):
    plaat = load(CONTENT if name == "default" else FIXTURES / name)
    layout = load_style(LAYOUTS, "theme-poster")
    posters = theme_posters(plaat, layout)
    assert [p.theme_id for p in posters] == [t.id for t in plaat.themes_by_level]
    for p, theme in zip(posters, plaat.themes_by_level):
        assert p.question_size >= p.min_question
        cx, cy, r = p.bubble
        assert inside(p.panel, p.safe) and inside(p.strip, p.safe)
        assert not boxes_overlap(p.panel, p.strip) and not circle_hits_box(cx, cy, r, p.panel)
        lines = [line for _, _, line, _ in text_lines(p.document.pages[0])]
        questions = [line for line in lines if line.tag.startswith(f"question:{theme.id}:")
                     and not line.tag.endswith(":number")]
        assert {line.tag for line in questions} == {f"question:{theme.id}:{q.number}" for q in theme.questions}
        assert all(run.size >= p.min_text for line in lines for run in line.runs if run.text.strip())
        for x, y, item, tags in items(p.document.pages[0]):
            if isinstance(item, scene.Rect) and item.tag.startswith("background:"):
                continue
            box = extent(x, y, item)
            assert inside(box, p.trim), (item, tags)
            if isinstance(item, scene.TextLine):
                assert inside(box, p.safe), (item.text, tags)


def test_min_size_lets_more_fit(fourteen, layout):
    result = poster(fourteen, layout, "A0", min_size=16)
    assert result.geometry.question_size >= 16
    check_geometry(result)


@pytest.mark.parametrize("paper, orientation", [("A3", "portrait"), ("A1", "portrait")])
def test_nine_themes_scale_to_other_papers(nine, layout, paper, orientation):
    result = poster(nine, layout, paper, orientation)
    check_geometry(result)
    check_sizes(result)


def test_the_default_content_on_a0_landscape_fails_with_advice_that_works(plaat, layout):
    with pytest.raises(LayoutError) as info:
        poster(plaat, layout, "A0", "landscape")
    message = str(info.value)
    assert "A0 landscape" in message and "mm" in message and "--orientation portrait" in message
    check_geometry(poster(plaat, layout, "A0", "portrait"))
    if "--min-size" in message:
        size = float(message.split("--min-size ")[1].rstrip("`"))
        check_geometry(poster(plaat, layout, "A0", "landscape", min_size=size))


def test_the_chosen_split_is_reported_and_fits(nine, layout):
    g = poster(nine, layout).geometry
    left, right = g.column_need
    assert 0 < left <= g.columns[0].height + 1e-6 and 0 < right <= g.columns[2].height + 1e-6
    for side, need in ((-1, left), (1, right)):
        panels = [p.box for p in g.panels if p.side == side]
        assert sum(b.height for b in panels) <= need + 1e-6 <= sum(b.height for b in panels) + len(panels) * 100
