"""Card faces and fitting (generator/layout/cards.py), on the scene: what each card says, where
its text sits, one size per deck, and clear failures for text that does not fit."""

from __future__ import annotations

import dataclasses

import pytest

from generator import scene
from generator.color import contrast
from generator.styles import load_style
from generator.errors import LayoutError, PraatplaatError
from generator.layout.cards import Deck, question_deck, theme_deck
from generator.layout.common import selected_themes, theme_colours
from generator.model import Paragraph, Question, Source, Span
from generator.text.breaking import unbreak
from generator.text.fonts import metrics
from generator.units import mm

from conftest import LAYOUTS

TOL = 1e-6
SAFE = mm(5)
PAPER = "#ffffff"


# --- reading a card --------------------------------------------------------------------------


def bounds(x: float, y: float, item) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a leaf item placed at (x, y); text by its font's ascent
    and descent at each run's size."""
    if isinstance(item, scene.TextLine):
        asc = max(metrics(r.font).ascent(r.size) for r in item.runs)
        desc = max(metrics(r.font).descent(r.size) for r in item.runs)
        return x, y - asc, x + item.width, y + desc
    if isinstance(item, (scene.Rect, scene.Link)):
        return x, y, x + item.width, y + item.height
    if isinstance(item, scene.Line):
        return min(x, x + item.dx), min(y, y + item.dy), max(x, x + item.dx), max(y, y + item.dy)
    if isinstance(item, scene.Circle):
        return x - item.radius, y - item.radius, x + item.radius, y + item.radius
    raise TypeError(item)


def lines(frame: scene.Frame, tag: str | None = None) -> list[tuple[float, float, scene.TextLine]]:
    return [(x, y, it) for x, y, it in scene.walk(frame)
            if isinstance(it, scene.TextLine) and (tag is None or it.tag == tag)]


def text_of(frame: scene.Frame, tag: str) -> str:
    found = [it for _, _, it in lines(frame, tag)]
    return unbreak(found)


def background(frame: scene.Frame, x: float, y: float) -> str:
    """The fill of the last rectangle drawn under the point, else paper."""
    fill = PAPER
    for rx, ry, it in scene.walk(frame):
        if isinstance(it, scene.Rect) and it.fill and rx <= x <= rx + it.width and ry <= y <= ry + it.height:
            fill = it.fill
    return fill


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def layouts():
    return {n: load_style(LAYOUTS, n) for n in ("cards-questions-a4", "cards-questions-print", "cards-themes-a4")}


@pytest.fixture(scope="module")
def decks(plaat, layouts) -> dict[str, Deck]:
    themes = plaat.themes_by_level
    out = {}
    for name, layout in layouts.items():
        make = theme_deck if "themes" in name else question_deck
        out[name] = make(plaat, themes, theme_colours(plaat, layout), layout)
    return out


def entries(plaat):
    return [(t, q) for t in plaat.themes_by_level for q in t.questions]


# --- what the cards say ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["cards-questions-a4", "cards-questions-print"])
def test_one_card_per_question_with_theme_and_number(plaat, decks, name):
    deck = decks[name]
    assert len(deck.cards) == plaat.question_count() == 57
    for card, (theme, q) in zip(deck.cards, entries(plaat)):
        assert (card.theme, card.number) == (theme.id, q.number)
        assert text_of(card.front, "theme-name") == theme.name
        assert text_of(card.front, "number") == str(q.number)
        assert text_of(card.front, "question") == q.text
        assert text_of(card.back, "back-name") == theme.label.replace("|", "")
        assert text_of(card.back, "back-kicker") == plaat.labels.theme
        assert text_of(card.back, "back-title") == plaat.meta.title


@pytest.mark.parametrize("name", ["cards-questions-a4", "cards-questions-print"])
def test_one_question_size_per_deck_and_a_generous_one(decks, name):
    deck = decks[name]
    sizes = {run.size for card in deck.cards for _, _, ln in lines(card.front, "question") for run in ln.runs}
    assert sizes == {deck.size} and not deck.warnings
    assert deck.size >= 14  # print notes: A6 card questions ≥ 12 pt, 14 pt preferred
    names = {run.size for card in deck.cards for _, _, ln in lines(card.back, "back-name") for run in ln.runs}
    assert len(names) == 1


def test_backs_are_shared_per_theme(decks):
    deck = decks["cards-questions-a4"]
    by_theme = {}
    for card in deck.cards:
        by_theme.setdefault(card.theme, set()).add(id(card.back))
    assert all(len(ids) == 1 for ids in by_theme.values())


def test_theme_cards_hold_all_questions_and_the_challenges(plaat, decks):
    deck = decks["cards-themes-a4"]
    themes = plaat.themes_by_level
    theme_cards = [c for c in deck.cards if c.theme]
    assert [c.theme for c in theme_cards] == [t.id for t in themes]
    for card, theme in zip(theme_cards, themes):
        assert text_of(card.front, "card-title") == theme.name
        assert text_of(card.front, "kicker") == plaat.labels.theme
        numbers = [ln.text for _, _, ln in lines(card.front, "question-number")]
        assert numbers == [str(q.number) for q in theme.questions]
        said = [unbreak([ln for _, _, ln in lines(card.front, f"question:{theme.id}:{q.number}")])
                for q in theme.questions]
        assert said == [q.text for q in theme.questions]
    challenge_cards = [c for c in deck.cards if not c.theme]
    assert [c.number for c in challenge_cards] == [c.number for c in plaat.challenges]
    for card, challenge in zip(challenge_cards, plaat.challenges):
        assert text_of(card.front, "kicker") == challenge.label
        assert text_of(card.front, "card-title") == challenge.title
        assert text_of(card.back, "back-name") == plaat.labels.challenges
        said = unbreak([ln for f in _paragraph_frames(card.front) for _, _, ln in lines(f)])
        for block in challenge.blocks:
            assert "".join(s.text for s in block.spans) in said


def _paragraph_frames(front: scene.Frame) -> list[scene.Frame]:
    """A challenge's text on a card (its lines, without the footnotes)."""
    rows = [p.item for p in front.items if isinstance(p.item, scene.Group) and p.item.tag == "challenge-text"]
    return [scene.Frame(0, 0, tuple(scene.Placed(x, y, ln) for x, y, ln in lines(r.frame)
                                    if not ln.tag.startswith("footnote"))) for r in rows]


def test_footnote_is_printed_with_its_challenge(plaat, decks):
    deck = decks["cards-themes-a4"]
    first = next(c for c in deck.cards if not c.theme and c.number == 1)
    numbers = [ln.text for _, _, ln in lines(first.front, "footnote-number")]
    notes = [ln.text for _, _, ln in scene.walk(first.front)
             if isinstance(ln, scene.TextLine) and ln.tag.startswith("footnote:")]
    assert numbers == ["1"] and notes
    assert "aandeslagmetdeomgevingswet" in "".join(notes)


# --- geometry --------------------------------------------------------------------------------


ALL = ["cards-questions-a4", "cards-questions-print", "cards-themes-a4"]


@pytest.mark.parametrize("name", ALL)
def test_nothing_outside_its_card_and_text_inside_the_safe_area(decks, name):
    deck = decks[name]
    box = deck.box
    for card in deck.cards:
        for face in (card.front, card.back):
            assert (face.width, face.height) == pytest.approx((box.width, box.height))
            for x, y, item in scene.walk(face):
                l, t, r, b = bounds(x, y, item)
                assert l >= -box.bleed - TOL and t >= -box.bleed - TOL
                assert r <= box.width + box.bleed + TOL and b <= box.height + box.bleed + TOL
                if isinstance(item, scene.TextLine):
                    assert l >= SAFE - TOL and t >= SAFE - TOL, (item.text, l, t)
                    assert r <= box.width - SAFE + TOL and b <= box.height - SAFE + TOL, (item.text, r, b)


@pytest.mark.parametrize("name", ALL)
def test_text_contrast(decks, name):
    for card in decks[name].cards:
        for face in (card.front, card.back):
            for x, y, ln in lines(face):
                bg = background(face, x + 0.5, y - 1.0)
                for run in ln.runs:
                    assert contrast(run.color, bg) >= 4.5, (ln.text, run.color, bg)


def test_office_cards_keep_colour_inside_a_white_border(decks):
    deck = decks["cards-questions-a4"]
    border = deck.box.border
    assert border > 0
    for card in deck.cards[:8]:
        for face in (card.front, card.back):
            for x, y, it in scene.walk(face):
                if isinstance(it, scene.Rect) and it.fill:
                    assert x >= border - TOL and y >= border - TOL
                    assert x + it.width <= deck.box.width - border + TOL
                    assert y + it.height <= deck.box.height - border + TOL


def test_print_backgrounds_run_into_the_bleed(decks):
    deck = decks["cards-questions-print"]
    box = deck.box
    assert box.bleed == pytest.approx(mm(3))
    assert (box.width, box.height) == pytest.approx((mm(105), mm(148)))
    card = deck.cards[0]
    back = [(x, y, it) for x, y, it in scene.walk(card.back) if isinstance(it, scene.Rect)]
    x, y, rect = back[0]
    assert (x, y) == pytest.approx((-box.bleed, -box.bleed))
    assert (rect.width, rect.height) == pytest.approx((box.width + 2 * box.bleed, box.height + 2 * box.bleed))
    band = [(x, y, it) for x, y, it in scene.walk(card.front) if isinstance(it, scene.Rect) and it.tag == "band"]
    x, y, rect = band[0]
    assert (x, y, x + rect.width) == pytest.approx((-box.bleed, -box.bleed, box.width + box.bleed))


# --- fitting and failures --------------------------------------------------------------------


def with_question(plaat, theme_id: str, number: int, text: str):
    themes = []
    for t in plaat.themes:
        if t.id == theme_id:
            qs = tuple(dataclasses.replace(q, text=text) if q.number == number else q for q in t.questions)
            t = dataclasses.replace(t, questions=qs)
        themes.append(t)
    return dataclasses.replace(plaat, themes=tuple(themes))


def test_a_question_of_1000_characters_fails_with_theme_and_number(plaat, layouts):
    words = ("Hoe zorgen gemeenten en de Omgevingsdienst samen voor een goede voorbereiding? " * 20)[:1000]
    broken = with_question(plaat, "taken", 4, words)
    layout = layouts["cards-questions-a4"]
    with pytest.raises(LayoutError) as err:
        question_deck(broken, broken.themes_by_level, theme_colours(broken, layout), layout)
    message = str(err.value)
    assert "question 4 of theme 'taken'" in message and "themes/04-taken.md" in message
    assert "mm too tall" in message and "\n" not in message


def test_an_unbreakable_word_fails_with_its_overflow(plaat, layouts):
    broken = with_question(plaat, "bestuur", 2, "Zie " + "x" * 120)
    layout = layouts["cards-questions-a4"]
    with pytest.raises(LayoutError, match=r"question 2 of theme 'bestuur'.* mm too wide"):
        question_deck(broken, broken.themes_by_level, theme_colours(broken, layout), layout)


def test_an_unbreakable_word_on_a_theme_card_fails_and_is_never_set_past_the_edge(plaat, layouts):
    broken = with_question(plaat, "bestuur", 2, "Zie " + "x" * 120)
    layout = layouts["cards-themes-a4"]
    with pytest.raises(LayoutError, match=r"theme 'bestuur'.*question 2 .* mm too wide"):
        theme_deck(broken, broken.themes_by_level, theme_colours(broken, layout), layout)


def test_an_unbreakable_word_in_a_challenge_fails_with_its_source(plaat, layouts):
    first = plaat.challenges[0]
    blocks = (Paragraph((Span("Zie " + "x" * 120),), Source("reflection.md", 7)),) + first.blocks
    model = dataclasses.replace(plaat, reflection=dataclasses.replace(
        plaat.reflection, challenges=(dataclasses.replace(first, blocks=blocks),) + plaat.challenges[1:]))
    layout = layouts["cards-themes-a4"]
    with pytest.raises(LayoutError, match=rf"challenge {first.number} .*reflection.md:7: a word is \d+ mm too wide"):
        theme_deck(model, model.themes_by_level, theme_colours(model, layout), layout)


def test_only_a_long_question_shrinks_below_comfortable(plaat, layouts):
    long = " ".join(["Welke afspraken over kennisdeling en gezamenlijke investeringen"] * 13) + "?"
    model = with_question(plaat, "bestuur", 3, long)
    layout = layouts["cards-questions-a4"]
    deck = question_deck(model, model.themes_by_level, theme_colours(model, layout), layout)
    sizes = {}
    for card in deck.cards:
        sizes[(card.theme, card.number)] = {r.size for _, _, ln in lines(card.front, "question") for r in ln.runs}
    small = sizes.pop(("bestuur", 3))
    assert len(small) == 1 and next(iter(small)) < layout.question.comfortable
    assert next(iter(small)) >= layout.question.min_size
    assert {s for v in sizes.values() for s in v} == {deck.size}
    assert deck.size >= layout.question.comfortable
    assert len(deck.warnings) == 1 and "question 3 of theme 'bestuur'" in deck.warnings[0]


def test_a_long_challenge_continues_on_the_next_card(plaat, layouts):
    first = plaat.challenges[0]
    text = " ".join(s.text for b in first.blocks for s in b.spans)
    blocks = tuple(Paragraph((Span(f"{k}. {text}"),), Source("reflection.md", 1)) for k in range(4))
    long = dataclasses.replace(first, blocks=blocks)
    model = dataclasses.replace(plaat, reflection=dataclasses.replace(
        plaat.reflection, challenges=(long,) + plaat.challenges[1:]))
    layout = layouts["cards-themes-a4"]
    deck = theme_deck(model, model.themes_by_level, theme_colours(model, layout), layout)
    parts = [c for c in deck.cards if not c.theme and c.number == first.number]
    assert len(parts) >= 2 and [c.part for c in parts] == list(range(1, len(parts) + 1))
    assert all(c.parts == len(parts) for c in parts)
    for c in parts:
        assert text_of(c.front, "part") == f"{c.part}/{len(parts)}"
        assert text_of(c.front, "card-title") == first.title
    said = unbreak([ln for c in parts for f in _paragraph_frames(c.front) for _, _, ln in lines(f)])
    for k in range(4):
        assert said.count(f"{k}. {text[:60]}") == 1
    assert any("continues on" in w for w in deck.warnings)


def test_a_theme_too_long_for_one_card_continues_and_never_splits_a_question(plaat, layouts):
    theme = plaat.themes_by_level[0]
    long = " ".join(["Welke afspraken over kennisdeling en gezamenlijke investeringen maken we"] * 5) + "?"
    qs = tuple(dataclasses.replace(theme.questions[0], number=n, text=f"{n}. {long}") for n in range(1, 13))
    model = dataclasses.replace(plaat, themes=tuple(dataclasses.replace(t, questions=qs) if t.id == theme.id else t
                                                    for t in plaat.themes))
    layout = layouts["cards-themes-a4"]
    deck = theme_deck(model, model.themes_by_level, theme_colours(model, layout), layout)
    cards = [c for c in deck.cards if c.theme == theme.id]
    assert len(cards) >= 2 and [(c.part, c.parts) for c in cards] == [(k, len(cards)) for k in range(1, len(cards) + 1)]
    assert [text_of(c.front, "part") for c in cards] == [f"{c.part}/{len(cards)}" for c in cards]
    on_card = {q.number: [k for k, c in enumerate(cards) if lines(c.front, f"question:{theme.id}:{q.number}")]
               for q in qs}
    assert all(len(where) == 1 for where in on_card.values()), on_card  # each question whole, on one card
    assert [w[0] for w in on_card.values()] == sorted(w[0] for w in on_card.values())  # in order
    box = deck.box
    for card in cards:
        for x, y, ln in lines(card.front):
            assert y <= box.height - box.inset + 1e-6 and x + ln.width <= box.width - box.inset + 1e-6
    assert any("continue on" in w for w in deck.warnings)


def test_selected_themes_only(plaat, layouts):
    layout = layouts["cards-questions-a4"]
    themes = selected_themes(plaat, ("taken", "bestuur"))
    deck = question_deck(plaat, themes, theme_colours(plaat, layout), layout)
    assert {c.theme for c in deck.cards} == {"taken", "bestuur"}
    assert len(deck.cards) == sum(len(t.questions) for t in themes)
    with pytest.raises(PraatplaatError, match="unknown theme 'nope'"):
        selected_themes(plaat, ("nope",))


def test_a_theme_name_too_long_for_the_band_fails(plaat, layouts):
    themes = list(plaat.themes)
    themes[0] = dataclasses.replace(themes[0], name="Informatie" * 12)
    model = dataclasses.replace(plaat, themes=tuple(themes))
    layout = layouts["cards-questions-a4"]
    # a long name wraps in a taller band (test_card_bands.py); a word wider than the band fails
    with pytest.raises(LayoutError, match=rf"theme '{themes[0].id}'.*does not fit the width of the card band.*"
                                          rf"mm too wide"):
        question_deck(model, model.themes_by_level, theme_colours(model, layout), layout)


def test_sizes_follow_the_layout(plaat, layouts):
    layout = layouts["cards-questions-a4"]
    smaller = dataclasses.replace(layout, question=dataclasses.replace(layout.question, max_size=12.5))
    deck = question_deck(plaat, plaat.themes_by_level, theme_colours(plaat, smaller), smaller)
    assert deck.size == 12.5
    a7 = dataclasses.replace(
        layout, card=dataclasses.replace(layout.card, size_mm=(mm(94), mm(66))),
        front=dataclasses.replace(layout.front, band=mm(11), number_size=22, number_gap=mm(4), question_gap=mm(3)),
        question=dataclasses.replace(layout.question, min_size=7, comfortable=8, max_size=11))
    deck = question_deck(plaat, plaat.themes_by_level, theme_colours(plaat, a7), a7)
    assert (deck.box.width, deck.box.height) == pytest.approx((mm(94), mm(66)))
    assert len(deck.cards) == 57 and 7 <= deck.size <= 11


def test_question_card_with_new_question(plaat, layouts):
    """A theme with a question added in content gets a card too (counts follow the content)."""
    themes = list(plaat.themes)
    extra = Question(len(themes[0].questions) + 1, "Wat is de volgende stap?", Source("themes/x.md", 9))
    themes[0] = dataclasses.replace(themes[0], questions=themes[0].questions + (extra,))
    model = dataclasses.replace(plaat, themes=tuple(themes))
    layout = layouts["cards-questions-a4"]
    deck = question_deck(model, model.themes_by_level, theme_colours(model, layout), layout)
    assert len(deck.cards) == 58
    last = [c for c in deck.cards if c.theme == themes[0].id][-1]
    assert text_of(last.front, "question") == extra.text and last.number == extra.number


def test_no_challenges_no_challenge_cards(plaat, layouts):
    model = dataclasses.replace(plaat, reflection=dataclasses.replace(plaat.reflection, challenges=()))
    layout = layouts["cards-themes-a4"]
    deck = theme_deck(model, model.themes_by_level, theme_colours(model, layout), layout)
    assert len(deck.cards) == len(model.themes)

