"""A theme name too long for one line of a card band at the minimum size takes two or more
lines and its band grows, on question cards (the band on top), theme cards and card backs,
instead of failing the build (tests/fixtures/fourteen-themes: 'Finanzierung, Förderprogramme
und Wirtschaftlichkeitsberechnung')."""

from __future__ import annotations

import dataclasses

import pytest

from generator import scene
from generator.errors import LayoutError
from generator.layout.cards import question_deck, theme_deck
from generator.layout.common import theme_colours
from generator.loader import load
from generator.styles import load_style
from generator.text.fonts import metrics

from conftest import LAYOUTS
from test_golden import FIXTURES

LONG = "finanzierung"
TOL = 1e-6


@pytest.fixture(scope="module")
def plaat():
    return load(FIXTURES["fourteen-themes"])


def deck(plaat, layout_name: str, make=question_deck):
    layout = load_style(LAYOUTS, layout_name)
    return make(plaat, plaat.themes_by_level, theme_colours(plaat, layout), layout), layout


def tagged(frame: scene.Frame, kind, tag: str) -> list[tuple[float, float, object]]:
    return [(x, y, it) for x, y, it in scene.walk(frame) if isinstance(it, kind) and it.tag == tag]


def test_a_long_name_takes_two_lines_and_its_band_grows(plaat):
    cards, layout = deck(plaat, "cards-questions-a4")
    width = cards.box.inner
    band = layout.front.band
    by_theme = {c.theme: c for c in cards.cards}
    long_card = by_theme[LONG]
    names = tagged(long_card.front, scene.TextLine, "theme-name")
    assert len(names) >= 2
    assert " ".join(line.text for _, _, line in names) == next(t.name for t in plaat.themes if t.id == LONG)
    assert all(x >= cards.box.inset - TOL and x + line.width <= cards.box.inset + width + TOL for x, _, line in names)
    rect = tagged(long_card.front, scene.Rect, "band")[0][2]
    step = names[1][1] - names[0][1]
    assert rect.height == pytest.approx(band - cards.box.border + (len(names) - 1) * step, abs=0.01)
    # every name line sits inside its band, and the number stays below it at the usual gap
    font = names[-1][2].runs[0].font
    assert names[-1][1] + metrics(font).descent(names[-1][2].runs[0].size) <= rect.height + cards.box.border
    short = next(c for c in cards.cards if len(tagged(c.front, scene.TextLine, "theme-name")) == 1)
    number_y = {c.theme: tagged(c.front, scene.TextLine, "number")[0][1] for c in (long_card, short)}
    assert number_y[LONG] - number_y[short.theme] == pytest.approx((len(names) - 1) * step, abs=0.01)
    # the question starts below the number on every card of the theme
    for card in (c for c in cards.cards if c.theme == LONG):
        questions = tagged(card.front, scene.TextLine, "question")
        assert questions and min(y for _, y, _ in questions) > number_y[LONG]


def test_a_name_that_fits_keeps_the_layouts_band(plaat):
    cards, layout = deck(plaat, "cards-questions-a4")
    short = [c for c in cards.cards if len(tagged(c.front, scene.TextLine, "theme-name")) == 1]
    assert short
    for card in short:
        rect = tagged(card.front, scene.Rect, "band")[0][2]
        assert rect.height == pytest.approx(layout.front.band - cards.box.border, abs=0.01)


def test_a_word_wider_than_the_band_still_fails_clearly(plaat):
    word = "Wärme" + "x" * 90  # no hyphenation point in the x's: it cannot fit the band
    themes = tuple(dataclasses.replace(t, name=f"Die {word}", label=f"Die {word}") if t.id == LONG else t
                   for t in plaat.themes)
    broken = dataclasses.replace(plaat, themes=themes)
    layout = load_style(LAYOUTS, "cards-questions-a4")
    with pytest.raises(LayoutError, match=r"^theme 'finanzierung': the name .* does not fit the width of the card "
                                          r"band at 8 pt \(a word is [0-9.]+ mm too wide\)"):
        question_deck(broken, broken.themes_by_level, theme_colours(broken, layout), layout)


def test_theme_cards_and_backs_wrap_the_long_name(plaat):
    cards, _ = deck(plaat, "cards-themes-a4", theme_deck)
    card = next(c for c in cards.cards if c.theme == LONG)
    assert len(tagged(card.front, scene.TextLine, "card-title")) >= 2
    assert len(tagged(card.back, scene.TextLine, "back-name")) >= 2
