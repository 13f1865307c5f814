"""Question cards: one per question. The theme band (theme colour, the name in `color.text_on`
colour: on one line at the deck's name size, the largest at which every name fits one line; a
name too long for one line even at the minimum size takes more lines there and its band grows
by a line each), the question number large in the theme's ink (its colour darkened to ≥ 4.5:1
on paper), the question at the deck's size (see cards.py for the fitting rule)."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, replace
from typing import Sequence

from generator import scene
from generator.color import darken_to, text_on
from generator.errors import ConfigError, LayoutError
from generator.layout import forked
from generator.layout.card_parts import (
    Card, CardBox, Deck, at_baseline, at_top, cap_height, card_box, colour_area, one_line_size, sized, theme_backs,
)
from generator.layout.common import text_style
from generator.model import Praatplaat, Theme
from generator.styles.cards import QuestionCardStyle
from generator.text.breaking import (TextBlock, TextStyle, fit_size, fits, forget_paragraphs, line_units, set_line,
                                     set_name, set_text)
from generator.units import to_mm, word_overflow

FORGET_EVERY = 1000  # a deck of more questions empties the text caches every so many (memory)
PARALLEL_FROM = 1000  # a deck of at least this many questions is set on two cores (when there are two)
PREFIX = 64  # the longest texts, set in this process first: where the deck size drops



@dataclass(frozen=True)
class QuestionStyle:
    band: float
    name: TextStyle           # at its largest size
    name_min: float
    number: TextStyle
    number_gap: float
    question_gap: float
    question: TextStyle       # at max size
    min_size: float
    comfortable: float


def question_style(style: QuestionCardStyle, lang: str) -> QuestionStyle:
    f, q = style.front, style.question
    return QuestionStyle(
        band=f.band,
        name=text_style(style, f.name_size, weight="semibold", lang=lang),
        name_min=f.name_min_size,
        number=text_style(style, f.number_size, weight="bold", leading=1.0, lang=lang),
        number_gap=f.number_gap,
        question_gap=f.question_gap,
        question=text_style(style, q.max_size, leading=q.leading, lang=lang),
        min_size=q.min_size,
        comfortable=q.comfortable,
    )


def band_name_size(names: Sequence[tuple[str, str]], width: float, style: TextStyle, lo: float) -> float:
    """The largest size (≤ the style's) at which every (what, name) fits one line, at least `lo`
    (where a longer name takes more lines: `band_name`)."""
    size = one_line_size([line_units(n, style) for _, n in names], width, lo, style.size)
    return lo if size is None else size


def band_name(what: str, name: str, width: float, style: TextStyle) -> TextBlock:
    """The name set for the band: one line if it fits, else broken at spaces (a word is
    hyphenated only if it does not fit whole); LayoutError if a word does not fit even so."""
    block = set_name(name, width, style, tag="theme-name")
    if block.overfull:
        raise LayoutError(f"{what}: the name {name!r} does not fit the width of the card band at {style.size:g} pt "
                          f"(a word is {to_mm(word_overflow(block)):.1f} mm too wide); shorten it or lower the "
                          f"minimum")
    return block


def band_height(block: TextBlock, st: QuestionStyle) -> float:
    """The band's height: the layout's, one line more for each line of the name after the first."""
    return st.band + max(0, len(block.lines) - 1) * block.line_height


def _band(box: CardBox, colour: str, height: float, name: str, style: TextStyle) -> tuple[scene.Placed, ...]:
    """The theme band (`height` for a one-line name, taller by a line per further line) with
    the name centred in its visible height."""
    top = box.border
    block = set_name(name, box.inner, replace(style, color=text_on(colour)), tag="theme-name")
    extra = max(0, len(block.lines) - 1) * block.line_height
    baseline = (top + height) / 2 + cap_height(style) / 2
    return (colour_area(box, 0.0, height + extra, colour, "band"),
            at_baseline(block, box.inset, baseline, role=scene.Role("P")))


def _question_top(box: CardBox, st: QuestionStyle, band: float | None = None) -> tuple[float, float]:
    """Baseline of the number and top of the question text (under a band `band` high)."""
    baseline = (st.band if band is None else band) + st.number_gap + cap_height(st.number)
    return baseline, baseline + st.question_gap


def _overflow(what: str, text: str, width: float, room: float, style: TextStyle) -> LayoutError:
    block = set_text(text, width, style)
    if block.overfull:
        detail = f"a word is {to_mm(word_overflow(block)):.1f} mm too wide"
    else:
        detail = (f"{len(block.lines)} lines need {to_mm(block.height):.0f} mm, the card has room for "
                  f"{to_mm(room):.0f} mm ({to_mm(block.height - room):.0f} mm too tall)")
    return LayoutError(f"{what} does not fit its card even at {style.size:g} pt: {detail}; "
                       f"shorten it or use a bigger card")


def fit_questions(texts: Sequence[tuple[str, str]], width: float, rooms: float | Sequence[float],
                  st: QuestionStyle, *, jobs: int = 0) -> tuple[float, list[TextBlock], list[int]]:
    """Set (what, text) pairs at the deck's sizes (see the module docstring), each in its room
    (one height for all, or one per text). Returns the deck size, the blocks, and the indexes
    of cards set below it. Longest texts first: the running deck size then drops early and
    most cards are set once. A deck of `PARALLEL_FROM` texts or more is set on two cores when
    the build may use two (`forked.available`) unless `jobs` is 1 (`_fit_shared`; the same
    result either way)."""
    order = sorted(range(len(texts)), key=lambda i: (-len(texts[i][1]), i))
    room_of = (lambda i: rooms) if isinstance(rooms, (int, float)) else rooms.__getitem__
    size = st.question.size
    done: dict[int, tuple[float, TextBlock]] = {}
    k = 0
    if len(texts) >= PARALLEL_FROM and jobs != 1 and forked.available():
        k = min(PREFIX, len(order))
        size = _fit_run(order[:k], 0, texts, width, room_of, st, size, done)
        k = _fit_shared(order, k, texts, width, room_of, st, size, done)
    size = _fit_run(order[k:], k, texts, width, room_of, st, size, done)
    blocks, small = [], []
    for i, (what, text) in enumerate(texts):
        if i and i % FORGET_EVERY == 0:
            forget_paragraphs()
        s, block = done[i]
        room = room_of(i)
        if s > size:
            block = set_text(text, width, sized(st.question, size), tag="question")
            if not fits(block, room):  # rare: re-breaking at a smaller size needs more lines
                s, block = fit_size(text, width, st.question, room, st.min_size, size, tag="question")
        if s < size:
            small.append(i)
        blocks.append(block)
    if len(texts) > FORGET_EVERY:
        forget_paragraphs()
    return size, blocks, small


def _fit_one(what: str, text: str, width: float, room: float, st: QuestionStyle,
             size: float) -> tuple[float, TextBlock, bool]:
    """The text set at the running deck size if it fits there (then True), else at the largest
    size below it that fits (False); LayoutError if it does not fit even at the minimum."""
    block = set_text(text, width, sized(st.question, size), tag="question")
    if fits(block, room):
        return size, block, True
    found = fit_size(text, width, st.question, room, st.min_size, size, tag="question")
    if found is None:
        raise _overflow(what, text, width, room, sized(st.question, st.min_size))
    return found[0], found[1], False


def _lowers(found: tuple[float, TextBlock, bool], st: QuestionStyle) -> bool:
    """Whether this result becomes the running deck size (it fits comfortably, set smaller)."""
    return not found[2] and found[0] >= st.comfortable - 1e-9


def _fit_run(positions: Sequence[int], offset: int, texts, width: float, room_of, st: QuestionStyle,
             size: float, done: dict) -> float:
    """Set the texts at `positions` (of the longest-first order, the first at `offset`) one after
    another into `done`; returns the running deck size after them."""
    for k, i in enumerate(positions, offset):
        if k and k % FORGET_EVERY == 0:
            forget_paragraphs()
        found = _fit_one(*texts[i], width, room_of(i), st, size)
        done[i] = found[:2]
        if _lowers(found, st):
            size = found[0]
    return size


def _fit_shared(order: list[int], first: int, texts, width: float, room_of, st: QuestionStyle, size: float,
                done: dict) -> int:
    """`_fit_run` from position `first` on, in two processes (this one and a forked child), each
    taking every other text on the speculation that the running size stays `size`. A share
    stops at the first text that would lower it (or fails): the results before the first such
    position in either share are exactly the sequential ones (each text's setting depends only
    on the running size), and the sequential loop goes on from there. Returns that position."""
    shares = [list(range(first + j, len(order), 2)) for j in (0, 1)]
    child = forked.start(_speculate, shares[1], order, texts, width, room_of, st, size,
                         reducers={scene.Run: _reduce_run})
    mine = _speculate(shares[0], order, texts, width, room_of, st, size)
    try:
        theirs = child.result() if child is not None else None
    finally:
        _ADVANCES.clear()
    if theirs is None:  # no child, or it failed: this process does its share
        theirs = _speculate(shares[1], order, texts, width, room_of, st, size)
    stop = min(mine[1], theirs[1])
    for k, i, found in mine[0] + theirs[0]:
        if k < stop:
            done[i] = found
    return stop


_ADVANCES: dict[float, float] = {}  # while a child's runs are read: one float object per value


def _reduce_run(run: scene.Run):
    """A run as the child sends it: the advances packed (8 bytes each instead of a float
    object each; see `_unpack_run`)."""
    packed = array("d", run.advances)
    if tuple(packed) != run.advances or any(type(a) is not float for a in run.advances):
        return scene.Run, (run.dx, run.text, run.font, run.size, run.color, run.width, run.advances, run.glyphs,
                           run.clusters)
    return _unpack_run, (run.dx, run.text, run.font, run.size, run.color, run.width, packed.tobytes(), run.glyphs,
                         run.clusters)


def _unpack_run(dx: float, text: str, font: str, size: float, color: str, width: float, advances: bytes,
                glyphs: tuple[int, ...], clusters: tuple[int, ...]) -> scene.Run:
    """A run from the child with its advances as shared float objects, as in this process's
    own runs (text setting reuses the advances of each word: thousands of values, not millions)."""
    packed = array("d")
    packed.frombytes(advances)
    return scene.Run(dx, text, font, size, color, width, tuple(map(_ADVANCES.setdefault, packed, packed)), glyphs,
                     clusters)


def _speculate(positions: list[int], order: list[int], texts, width: float, room_of, st: QuestionStyle,
               size: float) -> tuple[list[tuple[int, int, tuple[float, TextBlock]]], int]:
    """Set the texts at `positions` at the running size `size`: (position, index, result) for
    each up to the first that would lower the size or fails, and that position (or the end)."""
    results = []
    for n, k in enumerate(positions):
        if n and n % FORGET_EVERY == 0:
            forget_paragraphs()
        i = order[k]
        try:
            found = _fit_one(*texts[i], width, room_of(i), st, size)
        except Exception:  # noqa: BLE001 - the sequential loop meets it again and raises it
            return results, k
        if _lowers(found, st):
            return results, k
        results.append((k, i, found[:2]))
    return results, len(order)


def figure(text: str, style: TextStyle, tag: str) -> scene.TextLine:
    """One unbreakable line (a number), set by the text engine without breaking."""
    return set_line(text, style, tag)


def question_front(box: CardBox, band: tuple[scene.Placed, ...], number: str, block: TextBlock,
                   number_style: TextStyle, st: QuestionStyle, band_h: float | None = None) -> scene.Frame:
    baseline, top = _question_top(box, st, band_h)
    question = scene.Role("P")  # the number and the question: one paragraph
    items = band + (scene.Placed(box.inset, baseline, scene.Group(scene.Frame(0.0, 0.0, (
                        scene.Placed(0.0, 0.0, figure(number, number_style, "number")),)), role=question)),
                    at_top(block, box.inset, top, role=question))
    return scene.Frame(box.width, box.height, items)


def question_deck(plaat: Praatplaat, themes: Sequence[Theme], colours: dict[str, str],
                  style: QuestionCardStyle) -> Deck:
    """One card per question of `themes` (in theme order, then question order). A big deck is
    set on two cores when the build may use them (see `fit_questions`)."""
    box = card_box(style)
    st = question_style(style, plaat.meta.language)
    paper = style.palette.paper
    _, top = _question_top(box, st)
    if box.height - box.inset - top <= 0:
        raise ConfigError(f"{style.name}.yaml: the band and number leave no room for the question")
    name_size = band_name_size([(f"theme {t.id!r}", t.name) for t in themes], box.inner, st.name, st.name_min)
    name_style = sized(st.name, name_size)
    heights = {t.id: band_height(band_name(f"theme {t.id!r}", t.name, box.inner, name_style), st) for t in themes}
    rooms = {t.id: box.height - box.inset - _question_top(box, st, heights[t.id])[1] for t in themes}
    for t in themes:
        if rooms[t.id] <= 0:
            raise LayoutError(f"theme {t.id!r}: the name {t.name!r} takes the whole card band; shorten it")
    entries = [(t, q) for t in themes for q in t.questions]
    texts = [(f"question {q.number} of theme {t.id!r} ({q.source})", q.text) for t, q in entries]
    size, blocks, small = fit_questions(texts, box.inner, [rooms[t.id] for t, _ in entries], st)
    backs = theme_backs(plaat, themes, colours, box, style)
    bands = {t.id: _band(box, colours[t.id], st.band, t.name, name_style) for t in themes}
    numbers = {t.id: replace(st.number, color=darken_to(colours[t.id], paper)) for t in themes}
    cards = tuple(
        Card(question_front(box, bands[t.id], str(q.number), block, numbers[t.id], st, heights[t.id]), backs[t.id],
             t.id, q.number)
        for (t, q), block in zip(entries, blocks))
    warnings = tuple(f"{texts[i][0]} is set at {blocks[i].size:g} pt, smaller than the deck's {size:g} pt"
                     for i in small)
    return Deck(cards, box, size, warnings)
