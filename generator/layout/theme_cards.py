"""Theme cards and challenge cards. A theme card: a band with labels.theme and the theme name,
every question numbered, the title as footer. A challenge card: a band with the challenge's
label and title, its text and footnotes, the title as footer; a challenge too long for one
card continues on the next ("1/2", "2/2"). Questions and challenge text are blocks
(blocks.py, prose_blocks.py): the same typesetter as the handout, at the card's sizes, tagged
there (a list of questions, paragraphs, notes); the band is the card's H1, the footer a P."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Sequence

from generator import memo, scene
from generator.color import darken_to, text_on
from generator.errors import LayoutError
from generator.layout.blocks import Flow, parts
from generator.layout.card_parts import (
    Card, CardBox, Deck, at_top, back_face, back_name_size, back_style, card_box, colour_area, deck_sizes,
    one_line_size, sized, theme_backs,
)
from generator.layout.common import text_style
from generator.layout.prose_blocks import NoteStyle, ProseStyle, footnotes, prose_blocks, question_blocks
from generator.model import Challenge, Praatplaat, Theme
from generator.styles.cards import ThemeCardStyle
from generator.text.breaking import TextStyle, line_units, set_name, set_text
from generator.units import to_mm, word_overflow


@dataclass(frozen=True)
class SheetStyle:
    """The fronts of theme and challenge cards."""

    band: float
    band_padding: float
    kicker: TextStyle
    kicker_gap: float
    name: TextStyle
    name_min: float
    body_gap: float
    footer: TextStyle
    footer_gap: float
    question: TextStyle       # at max size
    number_width: float
    question_gap: float
    q_min: float
    q_comfortable: float
    prose: ProseStyle         # challenge text, at max size
    p_min: float
    p_comfortable: float
    notes: NoteStyle
    challenge_colour: str
    paper: str


def sheet_style(style: ThemeCardStyle, lang: str) -> SheetStyle:
    f, q, c = style.front, style.questions, style.challenge
    body = text_style(style, c.max_size, leading=c.leading, lang=lang)
    accent = darken_to(c.colour, style.palette.paper)
    prose = ProseStyle(
        body=body, heading=replace(body, regular=body.bold), paragraph_gap=c.paragraph_gap,
        heading_before=c.paragraph_gap, heading_after=0.0, list_indent=c.bullet_indent, bullet=c.bullet,
        bullet_raise=c.bullet_raise, item_gap=c.item_gap, accent=accent, strict=True)
    notes = NoteStyle(text_style(style, c.footnote_size, color=style.palette.muted, leading=c.footnote_leading,
                                 lang=lang), c.footnote_indent, c.footnote_spacing, style.palette.rule,
                      c.footnote_rule_width, c.footnote_rule, c.footnote_gap, strict=True)
    return SheetStyle(
        band=f.band, band_padding=f.band_padding,
        kicker=text_style(style, f.kicker_size, weight="semibold", lang=lang),
        kicker_gap=f.kicker_gap,
        name=text_style(style, f.name_size, weight="bold", leading=f.name_leading, lang=lang),
        name_min=f.name_min_size, body_gap=f.body_gap,
        footer=text_style(style, f.footer_size, color=style.palette.muted, lang=lang),
        footer_gap=f.footer_gap,
        question=text_style(style, q.max_size, leading=q.leading, lang=lang),
        number_width=q.number_width, question_gap=q.gap, q_min=q.min_size, q_comfortable=q.comfortable,
        prose=prose, p_min=c.min_size, p_comfortable=c.comfortable, notes=notes,
        challenge_colour=c.colour, paper=style.palette.paper,
    )


def _sheet_band(box: CardBox, colour: str, kicker: str, name: str, name_size: float, st: SheetStyle,
                part: str = "") -> tuple[tuple[scene.Placed, ...], float]:
    """A band with a kicker and a name (wrapped if it must); grows to fit. Returns the items
    and the band's height. `part` ("1/2") goes at the kicker's right end."""
    fg = text_on(colour)
    head = set_text(kicker, box.inner, replace(st.kicker, color=fg), tag="kicker")
    body = set_name(name, box.inner, replace(st.name, size=name_size, color=fg), tag="card-title")
    if body.overfull:
        raise LayoutError(f"{name!r} does not fit the width of a card band at {name_size:g} pt "
                          f"(a word is {to_mm(word_overflow(body)):.1f} mm too wide)")
    top = max(box.border, 0.0) + st.band_padding
    height = max(st.band, top + head.height + st.kicker_gap + body.height + st.band_padding)
    title = scene.Role("H1")  # kicker and name: the card's heading
    items = [colour_area(box, 0.0, height, colour, "band"), at_top(head, box.inset, top, role=title),
             at_top(body, box.inset, top + head.height + st.kicker_gap, role=title)]
    if part:
        mark = set_text(part, box.inner, replace(st.kicker, color=fg, hyphenate=False), tag="part")
        items.append(at_top(mark, box.width - box.inset - mark.width, top, role=scene.Role("P")))
    return tuple(items), height


@memo.cached(16)
def _footer(box: CardBox, title: str, st: SheetStyle) -> tuple[scene.Placed, float]:
    """The title at the foot of a front; returns it and the top of the footer area."""
    block = set_text(title, box.inner, st.footer, tag="footer")
    top = box.height - box.inset - block.height
    return at_top(block, box.inset, top, role=scene.Role("P")), top - st.footer_gap


def _body(frame: scene.Frame, box: CardBox, top: float, tag: str) -> scene.Placed:
    return scene.Placed(box.inset, top, scene.Group(frame, tag=tag))


def theme_deck(plaat: Praatplaat, themes: Sequence[Theme], colours: dict[str, str], style: ThemeCardStyle) -> Deck:
    """One card per theme with all its questions, then a card per challenge. A theme or a
    challenge too long for one card at the smallest size continues on the next ('1/2', '2/2');
    a question is never split between two cards."""
    box = card_box(style)
    st = sheet_style(style, plaat.meta.language)
    names = [(f"theme {t.id!r}", t.name) for t in themes]
    name_size = one_line_size([line_units(n, st.name) for _, n in names], box.inner, st.name_min,
                              st.name.size) or st.name_min
    backs = theme_backs(plaat, themes, colours, box, style)
    footer, bottom = _footer(box, plaat.meta.title, st)
    bands = {t.id: _sheet_band(box, colours[t.id], plaat.labels.theme, t.name, name_size, st) for t in themes}

    def room(t: Theme) -> float:
        return bottom - bands[t.id][1] - st.body_gap

    def questions(t: Theme, size: float) -> Flow:
        ink = darken_to(colours[t.id], st.paper)
        return Flow(lambda w: (question_blocks(t.questions, w, sized(st.question, size), st.number_width, ink,
                                               st.question_gap, tag=f"question:{t.id}", strict=True,
                                               whole=True), None))

    def need(i: int, size: float) -> float:
        t = themes[i]
        try:
            return _questions_height(t.questions, box.inner, sized(st.question, size), st.number_width,
                                     darken_to(colours[t.id], st.paper), st.question_gap, f"question:{t.id}")
        except LayoutError:  # a word too wide at this size
            return math.inf

    def fits_at(i: int, size: float) -> bool:
        return need(i, size) <= room(themes[i]) + 1e-6

    order = sorted(range(len(themes)), key=lambda i: (-sum(len(q.text) + 40 for q in themes[i].questions), i))
    common, best = deck_sizes(order, fits_at, st.q_min, st.question.size, st.q_comfortable)
    cards, warnings = [], []
    for i, t in enumerate(themes):
        size = best[i] or st.q_min
        try:
            faces = parts(questions(t, size), box.inner, room(t))
        except LayoutError as exc:  # a word too wide even at the smallest size, or one question too tall
            raise LayoutError(f"the questions of theme {t.id!r} ({t.source}) do not fit a theme card even at "
                              f"{st.q_min:g} pt: {exc}; shorten them or use a bigger card") from None
        for k, face in enumerate(faces):
            mark = f"{k + 1}/{len(faces)}" if len(faces) > 1 else ""
            band = _sheet_band(box, colours[t.id], plaat.labels.theme, t.name, name_size, st, mark)[0] \
                if mark else bands[t.id][0]
            body = _body(face, box, bands[t.id][1] + st.body_gap, "questions")
            cards.append(Card(scene.Frame(box.width, box.height, band + (body, footer)), backs[t.id], t.id, 0,
                              k + 1, len(faces)))
        if len(faces) > 1:
            warnings.append(f"the questions of theme {t.id!r} ({t.source}) continue on {len(faces)} cards")
        elif size < common:
            warnings.append(f"the questions of theme {t.id!r} are set at {size:g} pt, smaller than the "
                            f"other theme cards' {common:g} pt")
    chall, chall_warnings = challenge_cards(plaat, box, st, name_size, style, footer, bottom)
    return Deck(tuple(cards) + chall, box, common, tuple(warnings) + chall_warnings)


@memo.cached(1024)
def _questions_height(questions: tuple, width: float, style: TextStyle, number_width: float, ink: str, gap: float,
                      tag: str) -> float:
    """The height of a theme card's questions at a size; memoised, as the deck's size search asks
    every theme at several sizes and an edit changes one theme."""
    return Flow(lambda w: (question_blocks(questions, w, style, number_width, ink, gap, tag=tag, strict=True,
                                           whole=True), None)).measure(width)


def _challenge_inputs(plaat: Praatplaat, *args) -> tuple:
    """What challenge_cards reads: of the content only the challenges, footnotes, two labels
    and the title and language (editing a question finds the challenge cards in the memo)."""
    return (plaat.challenges, plaat.footnotes, plaat.labels.challenges, plaat.meta.title, plaat.meta.language) + args


@memo.cached(16, key=_challenge_inputs)
def challenge_cards(plaat: Praatplaat, box: CardBox, st: SheetStyle, name_size: float, style: ThemeCardStyle,
                    footer: scene.Placed, bottom: float) -> tuple[tuple[Card, ...], tuple[str, ...]]:
    """A card per challenge at one shared text size; a challenge that does not fit one card at
    the minimum size continues on the next (its band then shows '1/2', '2/2')."""
    challenges = plaat.challenges
    if not challenges:
        return (), ()
    colour = st.challenge_colour
    bst = back_style(style, plaat.meta.language)
    back = back_face(box, colour, "", plaat.labels.challenges, plaat.meta.title, bst,
                     back_name_size([plaat.labels.challenges], box, bst))
    heights = {c.number: _sheet_band(box, colour, c.label, c.title, name_size, st)[1] for c in challenges}
    notes = footnotes(plaat.footnotes, box.inner, st.notes)

    def room(c: Challenge) -> float:
        return bottom - heights[c.number] - st.body_gap

    def text(c: Challenge, size: float) -> Flow:
        prose = st.prose.at(size)
        return Flow(lambda w: (prose_blocks(c.blocks, w, prose), notes))

    def fits_at(i: int, size: float) -> bool:
        try:
            return text(challenges[i], size).measure(box.inner) <= room(challenges[i]) + 1e-6
        except LayoutError:  # a word too wide at this size
            return False

    common, best = deck_sizes(range(len(challenges)), fits_at, st.p_min, st.prose.body.size, st.p_comfortable)
    cards, warnings = [], []
    for i, c in enumerate(challenges):
        size = best[i] or st.p_min
        try:
            faces = parts(text(c, size), box.inner, room(c))
        except LayoutError as exc:
            raise LayoutError(f"challenge {c.number} ({c.source}): {exc}") from None
        if len(faces) > 1:
            warnings.append(f"challenge {c.number} ({c.source}) continues on {len(faces)} cards")
        elif size < common:
            warnings.append(f"challenge {c.number} ({c.source}) is set at {size:g} pt, smaller than {common:g} pt")
        for k, face in enumerate(faces):
            mark = f"{k + 1}/{len(faces)}" if len(faces) > 1 else ""
            band, height = _sheet_band(box, colour, c.label, c.title, name_size, st, mark)
            body = _body(face, box, height + st.body_gap, "challenge-text")
            cards.append(Card(scene.Frame(box.width, box.height, band + (body, footer)), back, "",
                              c.number, k + 1, len(faces)))
    return tuple(cards), tuple(warnings)
