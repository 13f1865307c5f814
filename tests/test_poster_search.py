"""The poster's searches take shortcuts (packings scored as numbers, the arrangement search
stopping when it cannot be beaten, the advice stopping at the first arrangement that lays
out): each shortcut gives what the plain, exhaustive search gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import LAYOUTS
from generator.errors import LayoutError
from generator.layout import poster as poster_module
from generator.layout.packing import EPS, Packing, fits, lowest, ranked
from generator.layout.poster import lays_out, poster, settings
from generator.layout.question_panels import fit_questions
from generator.layout.common import theme_colours
from generator.layout.theme_poster import theme_posters
from generator.loader import load
from generator.styles import load_style
from generator.text.fit import grid

FIXTURES = Path(__file__).parent / "fixtures"


# --- packing: every assignment as an object, sorted, as the plain definition --------------------


def _every(heights, gap):
    """Every assignment as a Packing, bit k of the mask = theme k on the left (mask order)."""
    n = len(heights)
    for mask in range(1 << n):
        sides = tuple(-1 if mask >> k & 1 else 1 for k in range(n))
        left = [h for h, s in zip(heights, sides) if s < 0]
        right = n - len(left)        # the right column holds the rest
        yield Packing(sides, sum(left) + gap * max(0, len(left) - 1),
                      sum(heights) - sum(left) + gap * max(0, right - 1),
                      sum(a == b for a, b in zip(sides, sides[1:])))


def _cases():
    rng = random.Random(16)
    for _ in range(40):
        n = rng.randint(1, 10)
        heights = [rng.choice([100.0, 250.0, rng.uniform(50, 400)]) for _ in range(n)]   # ties too
        total = sum(heights)
        yield heights, rng.choice([0.0, 10.0]), rng.uniform(max(heights), total + 100)


@pytest.mark.parametrize("heights, gap, capacity", list(_cases()))
def test_packing_shortcuts_match_every_assignment_sorted(heights, gap, capacity):
    every = list(_every(heights, gap))
    fitting = sorted((p for p in every if p.tallest <= capacity + EPS),
                     key=lambda p: (p.breaks, round(p.tallest, 3), p.sides))
    assert ranked(heights, gap, capacity) == fitting[:6]
    assert ranked(heights, gap, capacity, limit=1) == fitting[:1]
    assert lowest(heights, gap) == min(every, key=lambda p: (round(p.tallest, 3), p.breaks, p.sides))
    assert fits(heights, gap, capacity) == bool(fitting)


def test_packing_ties_on_breaks_and_column_are_ordered_by_sides():
    heights = [100.0] * 6       # many assignments with the same breaks and column: the cut keeps all ties
    every = list(_every(heights, 0.0))
    expected = sorted((p for p in every if p.tallest <= 300 + EPS), key=lambda p: (p.breaks, round(p.tallest, 3),
                                                                                     p.sides))
    for limit in (1, 2, 3, 7):
        assert ranked(heights, 0.0, 300, limit) == expected[:limit]


# --- the arrangement search ----------------------------------------------------------------------


def _exhaustive(plaat, layout, **kw):
    """Every arrangement laid out, the best kept by the poster's own key (first on ties)."""
    st = settings(layout, None, None, kw.get("min_size"))
    band = poster_module.bands.title_band(plaat.meta.title, plaat.meta.subtitle, st.width, st.margin, st.bleed,
                                          poster_module.title_style(st.style, plaat.meta.language))
    top = band.height + st.style.title.gap
    themes = plaat.themes_by_level
    best = None
    for arrangement in st.arrangements:
        try:
            body = poster_module._body(plaat, themes, st.base, st, arrangement, top, kw.get("overview", False))
        except LayoutError:
            continue
        key = poster_module._key(body, st)
        assert key <= poster_module._best_possible(st, st.base, plaat.meta.language)
        if best is None or key > best[0]:
            best = (key, body)
    return best


@pytest.mark.parametrize("content", ["three-themes-small", "nine-themes-en"])
def test_the_search_that_stops_early_picks_what_trying_every_arrangement_picks(content):
    plaat = load(FIXTURES / content)
    layout = load_style(LAYOUTS, "poster")
    best = _exhaustive(plaat, layout)
    geometry = poster(plaat, layout).geometry
    assert geometry.arrangement == best[1].arrangement
    assert (geometry.question_size, geometry.name_size) == (best[1].question_size, best[1].name_size)


def test_small_content_reaches_the_best_possible_key_and_stops(monkeypatch):
    plaat = load(FIXTURES / "three-themes-small")
    layout = load_style(LAYOUTS, "poster")
    tried = []
    body = poster_module._body
    monkeypatch.setattr(poster_module, "_body", lambda *a, **kw: tried.append(a[4]) or body(*a, **kw))
    poster(plaat, layout)
    st = settings(layout, None, None)
    assert tried == list(st.arrangements[:1]) and len(st.arrangements) > 1


@pytest.mark.parametrize("content, min_size", [("three-themes-small", None),
                                               ("fourteen-themes", 24)])
def test_lays_out_says_what_building_the_poster_does(content, min_size):
    plaat = load(FIXTURES / content)
    layout = load_style(LAYOUTS, "poster")
    try:
        poster(plaat, layout, min_size=min_size, advise=False)
        built = True
    except LayoutError:
        built = False
    assert lays_out(plaat, layout, min_size=min_size) == built


# --- the size search -------------------------------------------------------------------------------


def test_a_theme_posters_size_is_the_largest_below_which_everything_fits(plaat):
    """The size search against trying every size of the grid (one panel each: cheap enough)."""
    layout = load_style(LAYOUTS, "theme-poster")
    st = settings(layout, None, None)
    colours = theme_colours(plaat, st.base)
    for made, theme in zip(theme_posters(plaat, layout), plaat.themes_by_level[:2]):
        column = made.panel
        column = poster_module.Box(column.x, made.strip.y, column.width, made.strip.height)
        fitting = []
        for size in grid(st.panel.min_size, st.panel.max_size, 0.25):
            style = poster_module.replace(st.panel, min_size=size, max_size=size)
            try:
                fit_questions([theme], colours, st.base, style, column, plaat.meta.language, "test")
            except LayoutError:
                break
            fitting.append(size)
        assert made.question_size == fitting[-1]
