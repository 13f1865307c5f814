"""Names in boxes (issue 12): a theme name whose words each fit their box whole is never
hyphenated, and a name that fits on one line is one line, in every place names are set:
bubbles, card backs, card bands, theme cards, handout tabs and poster panel headers. Each
place is called as the products call it, with hypothesis over names and box widths."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from generator import scene
from generator.errors import LayoutError
from generator.layout import card_parts, handout, names, poster, question_cards, question_panels, theme_cards
from generator.loader import load
from generator.styles import load_style
from generator.text.fonts import metrics

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["Strategic", "leadership", "Public", "engagement", "Data", "and", "technology", "Governance",
         "Samenwerkingsstructuur", "informatievoorziening", "Omgevingswet", "Bedrijfsvoering", "en",
         "doelformulering", "Visievorming", "Hausöffnung", "organisation", "Taken", "ICT", "co-ordinatie"]
NAMES = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
SHARE = st.floats(0.3, 1.0)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def plaat():
    return load(ROOT / "content")


def lines_tagged(frame: scene.Frame | tuple, tag: str) -> list[scene.TextLine]:
    """Every text line with `tag` in a frame or a tuple of placed items, in order."""
    found: list[scene.TextLine] = []

    def walk(items):
        for p in items:
            item = p.item
            if isinstance(item, scene.TextLine) and item.tag.startswith(tag):
                found.append(item)
            elif isinstance(item, scene.Group):
                walk(item.frame.items)
            elif isinstance(item, scene.Frame):
                walk(item.items)
    walk(frame.items if isinstance(frame, scene.Frame) else frame)
    return found


def check(name: str, lines: list[scene.TextLine], font: str, size: float, width: float) -> None:
    """The rule: no hyphen where every word fits whole; one line where the name fits on one."""
    m = metrics(font)
    assert lines, name
    if all(m.shaped_units(w) * size / 1000 <= width + 1e-6 for w in name.split()):
        assert not any(line.hyphenated for line in lines), (name, [ln.text for ln in lines])
    if m.shaped_units(name) * size / 1000 <= width + 1e-6:
        assert [ln.text for ln in lines] == [name]


@SETTINGS
@given(name=NAMES, share=SHARE)
def test_card_backs(name, share):
    layout = load_style(ROOT / "layouts", "cards-questions-a4")
    box = card_parts.card_box(layout)
    st_ = card_parts.back_style(layout, "en")
    size = st_.name_min + share * (st_.name.size - st_.name_min)
    try:
        frame = card_parts.back_face(box, "#335577", "Theme", name, "Title", st_, size)
    except LayoutError:
        assume(False)
    check(name, lines_tagged(frame, "back-name"), st_.name.regular, size, box.width - 2 * st_.inset)


@SETTINGS
@given(name=NAMES, share=SHARE)
def test_card_bands(name, share):
    layout = load_style(ROOT / "layouts", "cards-questions-a4")
    box = card_parts.card_box(layout)
    qs = question_cards.question_style(layout, "en")
    style = card_parts.sized(qs.name, qs.name_min + share * (qs.name.size - qs.name_min))
    items = question_cards._band(box, "#335577", qs.band, name, style)
    check(name, lines_tagged(items, "theme-name"), style.regular, style.size, box.inner)


@SETTINGS
@given(name=NAMES, share=SHARE)
def test_theme_cards(name, share):
    layout = load_style(ROOT / "layouts", "cards-themes-a4")
    box = card_parts.card_box(layout)
    sh = theme_cards.sheet_style(layout, "en")
    size = sh.name_min + share * (sh.name.size - sh.name_min)
    try:
        items, _ = theme_cards._sheet_band(box, "#335577", "Theme", name, size, sh)
    except LayoutError:
        assume(False)
    check(name, lines_tagged(items, "card-title"), sh.name.regular, size, box.inner)


@SETTINGS
@given(name=NAMES, share=SHARE)
def test_handout_tabs(plaat, name, share):
    layout = load_style(ROOT / "layouts", "handout")
    kit = handout.make_kit(plaat, layout)
    kit = replace(kit, width=kit.width * share)
    theme = replace(plaat.themes[0], name=name, label=name)
    row = handout.theme_tab(kit, theme, "#335577")
    style = kit.style(kit.st.theme.name_size, weight="bold")
    check(name, lines_tagged(row.frame, "theme-name"), style.regular, style.size,
          kit.width - 2 * kit.st.theme.tab_padding)


@SETTINGS
@given(name=NAMES, share=SHARE)
def test_poster_panel_headers(plaat, name, share):
    st_ = poster.settings(load_style(ROOT / "layouts", "poster"), None, None)
    layout = st_.base
    ps = st_.panel
    theme = replace(plaat.themes[0], name=name, label=name)
    ink = question_panels.inks("#335577", layout.palette, ps)
    width = 200 + share * 600
    size = ps.min_size
    try:
        spec = question_panels.panel(theme, -1, size, width, 1, layout, ps, ink, "en")
    except LayoutError:
        assume(False)
    font = metrics(layout.fonts.bold).name
    check(name, lines_tagged(spec.frame, "panel-header"), font, size * ps.header_scale, width - 2 * ps.pad)


@SETTINGS
@given(name=NAMES, share=SHARE)
def test_bubbles(name, share):
    style = names.NameStyle("SourceSansPro-Bold", leading=1.08, max_lines=4, lang="en")
    options = names.name_options(name, style)
    size = 20.0
    one_line = next(b for b in options.breakings if len(b.lines) == 1)
    assert one_line.lines == (name,)
    room = size * one_line.radius * (0.5 + share)
    try:
        chosen = options.choose(size, room)
    except LayoutError:
        assume(False)
    if one_line.radius * size <= room + 1e-9:  # fits on one line: no hyphen (maybe balanced lines)
        assert chosen.hyphens == 0, chosen.lines
