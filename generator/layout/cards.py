"""Card faces: question cards, theme cards, challenge cards and their backs, as scene frames.

Each card is a front and a back frame of the card's trim size (origin at the trim's top-left;
with a bleed, backgrounds reach past the trim into it). Imposition (layout/impose.py) or the
print-shop PDF places them on pages. Every printed word comes from the content.

- Question card: the theme band (theme colour, theme name in `color.text_on` colour), the
  question number large in the theme's ink (its colour darkened until it reads ≥ 4.5:1 on
  paper), the question.
- Theme card: a band with labels.theme and the theme name, every question numbered, the
  title as footer. Challenge card: a band with the challenge's label and title, its text, its
  footnotes, the title as footer.
- Back: the theme colour (challenges: `challenge.colour`) with the theme name (labels.
  challenges) centred large under a small kicker, the title small at the foot. All cards of a
  theme share one back frame.

Fitting (sizes between a layout's min_size and max_size, on a 0.25 pt grid): a deck has one
text size, the largest at which every card fits. Cards that do not fit at `comfortable` are
the exception: each is set as large as it fits (down to min_size) and named in a warning; the
others keep one shared size. A question that does not fit at min_size is a LayoutError naming
its theme, number and overflow; a challenge that does not fit one card at min_size continues
on the next card ("1/2", "2/2"); text is never clipped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

from generator import scene
from generator.color import contrast, mix, text_on
from generator.config import get
from generator.errors import ConfigError, LayoutError
from generator.layout.common import text_style
from generator.model import Block, Challenge, Footnote, Heading, ListBlock, Paragraph, Praatplaat, Span, Theme
from generator.text.breaking import (TextBlock, TextStyle, fit_size, fits, forget_paragraphs, line_units, set_line,
                                     set_name, set_text, widest_piece_units)
from generator.text.fit import floor_to_grid, largest_size
from generator.text.fonts import metrics
from generator.units import mm, paper_size, to_mm

SAFE_MM = 5.0        # print shops: text at least this far inside the trim
MIN_CONTRAST = 4.5
STEP = 0.25          # font sizes are multiples of this (pt)
BULLET = "\u2022"
FORGET_EVERY = 1000  # a deck of more questions empties the text caches every so many (memory)


# --------------------------------------------------------------------------- the card


@dataclass(frozen=True)
class CardBox:
    """A card's trim size and its margins (points)."""

    width: float
    height: float
    bleed: float    # backgrounds reach this far past the trim (print shop)
    border: float   # white border inside the trim around coloured areas (office)
    radius: float   # corner radius of coloured areas when there is a border
    inset: float    # trim to text

    @property
    def inner(self) -> float:
        return self.width - 2 * self.inset


@dataclass(frozen=True)
class Card:
    """One card. `theme` is the theme id ('' for a challenge), `number` the question or
    challenge number; `part`/`parts` count the cards of a challenge that continues."""

    front: scene.Frame
    back: scene.Frame
    theme: str
    number: int
    part: int = 1
    parts: int = 1


@dataclass(frozen=True)
class Deck:
    cards: tuple[Card, ...]
    box: CardBox
    size: float                  # the deck's shared text size
    warnings: tuple[str, ...] = ()


def card_box(layout: dict) -> CardBox:
    """The card from the layout's `card` settings: `paper` (A6, A7 …) or `size_mm`."""
    if "paper" in get(layout, "card", dict):
        try:
            w, h = paper_size(get(layout, "card.paper", str), layout["card"].get("orientation", "portrait"))
        except ValueError as exc:
            raise ConfigError(f"{layout.get('name', '?')}.yaml: card.paper: {exc}") from None
    else:
        size = get(layout, "card.size_mm", list)  # [width, height]: checked when the layout is read
        w, h = mm(size[0]), mm(size[1])
    box = CardBox(w, h, mm(get(layout, "card.bleed", float)), mm(get(layout, "card.border", float)),
                  mm(get(layout, "card.radius", float)), mm(get(layout, "card.inset", float)))
    if box.inset < mm(SAFE_MM) - 1e-9:
        raise ConfigError(f"{layout.get('name', '?')}.yaml: card.inset must be at least {SAFE_MM:g} mm "
                          f"(text that close to the cut may be cut off)")
    return box


def colour_area(box: CardBox, top: float, bottom: float, colour: str, tag: str) -> scene.Placed:
    """A coloured area across the card from `top` to `bottom`: inside the white border with
    round corners, or (no border) out into the bleed on every trim edge it touches."""
    if box.border > 0:
        t, b = max(top, box.border), min(bottom, box.height - box.border)
        return scene.Placed(box.border, t, scene.Rect(box.width - 2 * box.border, b - t, fill=colour,
                                                      radius=box.radius, tag=tag))
    t = top - box.bleed if top <= 0 else top
    b = bottom + box.bleed if bottom >= box.height else bottom
    return scene.Placed(-box.bleed, t, scene.Rect(box.width + 2 * box.bleed, b - t, fill=colour, tag=tag))


def ink(colour: str, paper: str) -> str:
    """`colour` if text in it reads ≥ 4.5:1 on `paper`, else the lightest darker shade that does."""
    for step in range(51):
        shade = mix(colour, "#000000", step * 0.02)
        if contrast(shade, paper) >= MIN_CONTRAST:
            return shade
    return "#000000"


def at_baseline(block: TextBlock, x: float, baseline: float, width: float | None = None) -> scene.Placed:
    """The block placed so that its first baseline is at `baseline`."""
    return scene.Placed(x, baseline - block.first_baseline, scene.Group(block.frame(width)))


def at_top(block: TextBlock, x: float, top: float, width: float | None = None) -> scene.Placed:
    return scene.Placed(x, top, scene.Group(block.frame(width)))


def cap_height(style: TextStyle) -> float:
    return metrics(style.regular).cap_height(style.size)


def sized(style: TextStyle, size: float) -> TextStyle:
    return replace(style, size=size)


def deck_sizes(order: Sequence[int], fits_at: Callable[[int, float], bool], lo: float, hi: float,
               comfortable: float) -> tuple[float, dict[int, float | None]]:
    """The deck's size and each card's (None: does not fit even at `lo`), by the rule in the
    module docstring. Cards are tried in `order` (hardest first is fastest) at the running deck
    size; only a card that does not fit it is bisected, so most cards are set once."""
    size = hi
    best: dict[int, float | None] = {}
    for i in order:
        if fits_at(i, size):
            best[i] = size
            continue
        best[i] = largest_size(lambda s: fits_at(i, s), lo, size, STEP)
        if best[i] is not None and best[i] >= comfortable - 1e-9:
            size = best[i]
    return size, {i: (size if b is not None and b >= size else b) for i, b in best.items()}


def one_line_size(units: Sequence[float], width: float, lo: float, hi: float) -> float | None:
    """The largest size in [lo, hi] at which every text (its width in 1/1000 em, from the text
    engine) fits `width` on one line; None if one does not fit even at `lo`."""
    widest = max(units, default=0.0)
    if widest <= 0:
        return hi
    size = min(hi, floor_to_grid(width * 1000.0 / widest, STEP))
    return size if size >= lo - 1e-9 else None


# --------------------------------------------------------------------------- backs


@dataclass(frozen=True)
class BackStyle:
    kicker: TextStyle
    name: TextStyle           # size = max size; the deck's size is chosen by `back_name_size`
    name_min: float
    kicker_gap: float
    title: TextStyle
    title_lines: int
    inset: float              # trim to text on the back (sides and foot)


def back_style(layout: dict, lang: str) -> BackStyle:
    centre = dict(align="center", lang=lang)
    return BackStyle(
        kicker=text_style(layout, get(layout, "back.kicker_size", float), weight="semibold", **centre),
        name=text_style(layout, get(layout, "back.name_max_size", float), weight="bold",
                        leading=get(layout, "back.name_leading", float), **centre),
        name_min=get(layout, "back.name_min_size", float),
        kicker_gap=mm(get(layout, "back.kicker_gap", float)),
        title=text_style(layout, get(layout, "back.title_size", float), leading=1.2, **centre),
        title_lines=get(layout, "back.title_max_lines", int),
        inset=max(mm(SAFE_MM), mm(get(layout, "back.inset", float))),
    )


def back_name_size(labels: Sequence[str], box: CardBox, st: BackStyle) -> float:
    """One size for the names on a deck's backs: the largest at which no word needs a hyphen
    that the content did not suggest ('|'), at least the minimum (words may then hyphenate)."""
    pieces = [widest_piece_units(label, st.name) for label in labels]
    size = one_line_size(pieces, box.width - 2 * st.inset, st.name_min, st.name.size)
    return st.name_min if size is None else size


def back_face(box: CardBox, colour: str, kicker: str, name: str, title: str, st: BackStyle,
              name_size: float) -> scene.Frame:
    """A back: the colour over the whole card, kicker and name centred, the title at the foot."""
    fg, inset = text_on(colour), st.inset
    inner = box.width - 2 * inset
    items = [colour_area(box, 0.0, box.height, colour, "back-colour")]
    title_block = set_text(title, inner, replace(st.title, color=fg), tag="back-title")
    if len(title_block.lines) > st.title_lines or title_block.overfull:
        raise LayoutError(f"the title does not fit the foot of a card back in {st.title_lines} lines "
                          f"at {st.title.size:g} pt; shorten it or allow more lines (back.title_max_lines)")
    title_top = box.height - inset - title_block.height
    items.append(at_top(title_block, inset, title_top, inner))
    head = set_text(kicker, inner, replace(st.kicker, color=fg), tag="back-kicker") if kicker else None
    body = set_name(name, inner, replace(st.name, size=name_size, color=fg), tag="back-name")
    if body.overfull:
        raise LayoutError(f"{name!r} does not fit the width of a card back at {name_size:g} pt "
                          f"(a word is {to_mm(body.overflow):.1f} mm too wide)")
    head_h = head.height + st.kicker_gap if head else 0.0
    room = title_top - inset
    if head_h + body.height > room + 1e-6:
        raise LayoutError(f"{name!r} does not fit a card back: {to_mm(head_h + body.height - room):.1f} mm "
                          f"too tall at {name_size:g} pt")
    top = inset + max(0.0, (room - head_h - body.height) * 0.45)  # a little above the middle
    if head:
        items.append(at_top(head, inset, top, inner))
    items.append(at_top(body, inset, top + head_h, inner))
    return scene.Frame(box.width, box.height, tuple(items))


def theme_backs(plaat: Praatplaat, themes: Sequence[Theme], colours: dict[str, str], box: CardBox,
                layout: dict) -> dict[str, scene.Frame]:
    """One back per theme (shared by all its cards), names at one size."""
    st = back_style(layout, plaat.meta.language)
    size = back_name_size([t.label for t in themes], box, st)
    return {t.id: back_face(box, colours[t.id], plaat.labels.theme, t.label, plaat.meta.title, st, size)
            for t in themes}


# --------------------------------------------------------------------------- question cards


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


def question_style(layout: dict, lang: str) -> QuestionStyle:
    return QuestionStyle(
        band=mm(get(layout, "front.band", float)),
        name=text_style(layout, get(layout, "front.name_size", float), weight="semibold", lang=lang),
        name_min=get(layout, "front.name_min_size", float),
        number=text_style(layout, get(layout, "front.number_size", float), weight="bold", leading=1.0, lang=lang),
        number_gap=mm(get(layout, "front.number_gap", float)),
        question_gap=mm(get(layout, "front.question_gap", float)),
        question=text_style(layout, get(layout, "question.max_size", float),
                            leading=get(layout, "question.leading", float), lang=lang),
        min_size=get(layout, "question.min_size", float),
        comfortable=get(layout, "question.comfortable", float),
    )


def band_name_size(names: Sequence[tuple[str, str]], width: float, style: TextStyle, lo: float) -> float:
    """The largest size (≤ the style's) at which every (what, name) fits one line; LayoutError
    naming the widest name if that is below `lo`."""
    size = one_line_size([line_units(n, style) for _, n in names], width, lo, style.size)
    if size is None:
        what, name = max(names, key=lambda wn: line_units(wn[1], style))
        over = line_units(name, style) * lo / 1000.0 - width
        raise LayoutError(f"{what}: the name {name!r} does not fit on one line of the card band at "
                          f"{lo:g} pt ({to_mm(over):.1f} mm too wide); shorten it or lower the minimum")
    return size


def _band(box: CardBox, colour: str, height: float, name: str, style: TextStyle) -> tuple[scene.Placed, ...]:
    """The theme band with the name on one line, centred in the band's visible height."""
    top = box.border
    block = set_name(name, box.inner, replace(style, color=text_on(colour)), tag="theme-name")
    baseline = (top + height) / 2 + cap_height(style) / 2
    return colour_area(box, 0.0, height, colour, "band"), at_baseline(block, box.inset, baseline)


def _question_top(box: CardBox, st: QuestionStyle) -> tuple[float, float]:
    """Baseline of the number and top of the question text."""
    baseline = st.band + st.number_gap + cap_height(st.number)
    return baseline, baseline + st.question_gap


def _overflow(what: str, text: str, width: float, room: float, style: TextStyle) -> LayoutError:
    block = set_text(text, width, style)
    if block.overfull:
        detail = f"a word is {to_mm(block.overflow):.1f} mm too wide"
    else:
        detail = (f"{len(block.lines)} lines need {to_mm(block.height):.0f} mm, the card has room for "
                  f"{to_mm(room):.0f} mm ({to_mm(block.height - room):.0f} mm too tall)")
    return LayoutError(f"{what} does not fit its card even at {style.size:g} pt: {detail}; "
                       f"shorten it or use a bigger card")


def fit_questions(texts: Sequence[tuple[str, str]], width: float, room: float, st: QuestionStyle
                  ) -> tuple[float, list[TextBlock], list[int]]:
    """Set (what, text) pairs at the deck's sizes (see the module docstring). Returns the
    deck size, the blocks, and the indexes of cards set below it. Longest texts first: the
    running deck size then drops early and most cards are set once."""
    order = sorted(range(len(texts)), key=lambda i: (-len(texts[i][1]), i))
    size = st.question.size
    done: dict[int, tuple[float, TextBlock]] = {}
    for k, i in enumerate(order):
        if k and k % FORGET_EVERY == 0:
            forget_paragraphs()
        what, text = texts[i]
        block = set_text(text, width, sized(st.question, size), tag="question")
        if fits(block, room):
            done[i] = (size, block)
            continue
        found = fit_size(text, width, st.question, room, st.min_size, size, tag="question")
        if found is None:
            raise _overflow(what, text, width, room, sized(st.question, st.min_size))
        done[i] = found
        if found[0] >= st.comfortable - 1e-9:
            size = found[0]
    blocks, small = [], []
    for i, (what, text) in enumerate(texts):
        if i and i % FORGET_EVERY == 0:
            forget_paragraphs()
        s, block = done[i]
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


def figure(text: str, style: TextStyle, tag: str) -> scene.TextLine:
    """One unbreakable line (a number), set by the text engine without breaking."""
    return set_line(text, style, tag)


def question_front(box: CardBox, band: tuple[scene.Placed, ...], number: str, block: TextBlock,
                   number_style: TextStyle, st: QuestionStyle) -> scene.Frame:
    baseline, top = _question_top(box, st)
    items = band + (scene.Placed(box.inset, baseline, figure(number, number_style, "number")),
                    at_top(block, box.inset, top))
    return scene.Frame(box.width, box.height, items)


def question_deck(plaat: Praatplaat, themes: Sequence[Theme], colours: dict[str, str], layout: dict) -> Deck:
    """One card per question of `themes` (in theme order, then question order)."""
    box = card_box(layout)
    st = question_style(layout, plaat.meta.language)
    paper = get(layout, "palette.paper", str)
    _, top = _question_top(box, st)
    room = box.height - box.inset - top
    if room <= 0:
        raise ConfigError(f"{layout.get('name', '?')}.yaml: the band and number leave no room for the question")
    name_size = band_name_size([(f"theme {t.id!r}", t.name) for t in themes], box.inner, st.name, st.name_min)
    name_style = sized(st.name, name_size)
    entries = [(t, q) for t in themes for q in t.questions]
    texts = [(f"question {q.number} of theme {t.id!r} ({q.source})", q.text) for t, q in entries]
    size, blocks, small = fit_questions(texts, box.inner, room, st)
    backs = theme_backs(plaat, themes, colours, box, layout)
    bands = {t.id: _band(box, colours[t.id], st.band, t.name, name_style) for t in themes}
    numbers = {t.id: replace(st.number, color=ink(colours[t.id], paper)) for t in themes}
    cards = tuple(
        Card(question_front(box, bands[t.id], str(q.number), block, numbers[t.id], st), backs[t.id], t.id, q.number)
        for (t, q), block in zip(entries, blocks))
    warnings = tuple(f"{texts[i][0]} is set at {blocks[i].size:g} pt, smaller than the deck's {size:g} pt"
                     for i in small)
    return Deck(cards, box, size, warnings)


# --------------------------------------------------------------------------- theme and challenge cards


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
    prose: TextStyle          # challenge text, at max size
    p_min: float
    p_comfortable: float
    paragraph_gap: float
    bullet_indent: float
    footnote: TextStyle
    footnote_gap: float
    challenge_colour: str


def sheet_style(layout: dict, lang: str) -> SheetStyle:
    g = lambda path: get(layout, path, float)  # noqa: E731
    muted = get(layout, "palette.muted", str)
    return SheetStyle(
        band=mm(g("front.band")), band_padding=mm(g("front.band_padding")),
        kicker=text_style(layout, g("front.kicker_size"), weight="semibold", lang=lang),
        kicker_gap=mm(g("front.kicker_gap")),
        name=text_style(layout, g("front.name_size"), weight="bold", leading=g("front.name_leading"), lang=lang),
        name_min=g("front.name_min_size"), body_gap=mm(g("front.body_gap")),
        footer=text_style(layout, g("front.footer_size"), color=muted, lang=lang),
        footer_gap=mm(g("front.footer_gap")),
        question=text_style(layout, g("questions.max_size"), leading=g("questions.leading"), lang=lang),
        number_width=mm(g("questions.number_width")), question_gap=mm(g("questions.gap")),
        q_min=g("questions.min_size"), q_comfortable=g("questions.comfortable"),
        prose=text_style(layout, g("challenge.max_size"), leading=g("challenge.leading"), lang=lang),
        p_min=g("challenge.min_size"), p_comfortable=g("challenge.comfortable"),
        paragraph_gap=mm(g("challenge.paragraph_gap")), bullet_indent=mm(g("challenge.bullet_indent")),
        footnote=text_style(layout, g("challenge.footnote_size"), color=muted, leading=1.3, lang=lang),
        footnote_gap=mm(g("challenge.footnote_gap")),
        challenge_colour=get(layout, "challenge.colour", str),
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
                          f"(a word is {to_mm(body.overflow):.1f} mm too wide)")
    top = max(box.border, 0.0) + st.band_padding
    height = max(st.band, top + head.height + st.kicker_gap + body.height + st.band_padding)
    items = [colour_area(box, 0.0, height, colour, "band"), at_top(head, box.inset, top),
             at_top(body, box.inset, top + head.height + st.kicker_gap)]
    if part:
        mark = set_text(part, box.inner, replace(st.kicker, color=fg, hyphenate=False), tag="part")
        items.append(at_top(mark, box.width - box.inset - mark.width, top))
    return tuple(items), height


def _footer(box: CardBox, title: str, st: SheetStyle) -> tuple[scene.Placed, float]:
    """The title at the foot of a front; returns it and the top of the footer area."""
    block = set_text(title, box.inner, st.footer, tag="footer")
    top = box.height - box.inset - block.height
    return at_top(block, box.inset, top), top - st.footer_gap


def _list_height(blocks: Sequence[TextBlock], gap: float) -> float:
    return sum(b.height for b in blocks) + gap * max(0, len(blocks) - 1)


def _question_list(theme: Theme, size: float, width: float, st: SheetStyle) -> list[TextBlock]:
    style = sized(st.question, size)
    return [set_text(q.text, width, style, tag="question") for q in theme.questions]


def _numbered(theme: Theme, blocks: Sequence[TextBlock], colour: str, paper: str, x: float, top: float,
              st: SheetStyle, size: float) -> list[scene.Placed]:
    """The questions stacked from `top`, each with its number in the theme's ink."""
    items, y = [], top
    number_style = replace(st.question, size=size, regular=st.question.bold, color=ink(colour, paper),
                           hyphenate=False)
    for q, block in zip(theme.questions, blocks):
        number = set_text(str(q.number), st.number_width, number_style, tag="number")
        items.append(at_baseline(number, x, y + block.first_baseline))
        items.append(at_top(block, x + st.number_width, y))
        y += block.height + st.question_gap
    return items


def theme_deck(plaat: Praatplaat, themes: Sequence[Theme], colours: dict[str, str], layout: dict) -> Deck:
    """One card per theme with all its questions, then a card per challenge (more if a
    challenge's text needs them)."""
    box = card_box(layout)
    st = sheet_style(layout, plaat.meta.language)
    paper = get(layout, "palette.paper", str)
    names = [(f"theme {t.id!r}", t.name) for t in themes]
    name_size = one_line_size([line_units(n, st.name) for _, n in names], box.inner, st.name_min,
                              st.name.size) or st.name_min
    backs = theme_backs(plaat, themes, colours, box, layout)
    footer, bottom = _footer(box, plaat.meta.title, st)
    bands = {t.id: _sheet_band(box, colours[t.id], plaat.labels.theme, t.name, name_size, st) for t in themes}
    width = box.inner - st.number_width

    def room(t: Theme) -> float:
        return bottom - bands[t.id][1] - st.body_gap

    def fits_at(i: int, size: float) -> bool:
        blocks = _question_list(themes[i], size, width, st)
        return not any(b.overfull for b in blocks) and \
            _list_height(blocks, st.question_gap) <= room(themes[i]) + 1e-6

    order = sorted(range(len(themes)), key=lambda i: (-sum(len(q.text) + 40 for q in themes[i].questions), i))
    common, best = deck_sizes(order, fits_at, st.q_min, st.question.size, st.q_comfortable)
    for i, size in best.items():
        if size is None:
            t = themes[i]
            need = _list_height(_question_list(t, st.q_min, width, st), st.question_gap)
            raise LayoutError(f"the questions of theme {t.id!r} ({t.source}) do not fit one theme card even at "
                              f"{st.q_min:g} pt: {to_mm(need - room(t)):.0f} mm too tall; shorten them or use a "
                              f"bigger card")
    sizes = [best[i] for i in range(len(themes))]
    cards, warnings = [], []
    for t, size in zip(themes, sizes):
        blocks = _question_list(t, size, width, st)
        band, height = bands[t.id]
        body = _numbered(t, blocks, colours[t.id], paper, box.inset, height + st.body_gap, st, size)
        cards.append(Card(scene.Frame(box.width, box.height, band + tuple(body) + (footer,)), backs[t.id], t.id, 0))
        if size < common:
            warnings.append(f"the questions of theme {t.id!r} are set at {size:g} pt, smaller than the "
                            f"other theme cards' {common:g} pt")
    chall, chall_warnings = challenge_cards(plaat, box, st, name_size, layout, footer, bottom)
    return Deck(tuple(cards) + chall, box, common, tuple(warnings) + chall_warnings)


# --------------------------------------------------------------------------- challenge text


@dataclass(frozen=True)
class _Row:
    """One line (or a heading's or list item's line) of a challenge's text: never split."""

    height: float
    gap: float                 # space before it, dropped at the top of a card
    items: tuple[scene.Placed, ...]
    notes: tuple[int, ...] = ()


def _block_rows(block: TextBlock, x: float, gap: float, marker: scene.Placed | None = None) -> list[_Row]:
    rows = []
    for k, line in enumerate(block.lines):
        items = [scene.Placed(x + block.line_x(k), block.first_baseline, line)]
        items += [scene.Placed(x + lx, ly - k * block.line_height, link) for lx, ly, link in block.links
                  if k * block.line_height - 1e-6 <= ly < (k + 1) * block.line_height - 1e-6]
        if marker is not None and k == 0:
            items.append(marker)
        rows.append(_Row(block.line_height, gap if k == 0 else 0.0, tuple(items),
                         line.notes))
    return rows


def prose_rows(blocks: Sequence[Block], width: float, size: float, st: SheetStyle) -> list[_Row]:
    """A challenge's paragraphs, headings and lists as rows of lines at `size`."""
    style = sized(st.prose, size)
    gap = st.paragraph_gap
    rows: list[_Row] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            rows += _block_rows(set_text(b.spans, width, style, tag="challenge-text"), 0.0, gap)
        elif isinstance(b, Heading):
            head = replace(style, regular=style.bold)
            rows += _block_rows(set_text(b.spans, width, head, tag="challenge-text"), 0.0, gap)
        elif isinstance(b, ListBlock):
            for k, item in enumerate(b.items):
                mark = f"{k + 1}." if b.ordered else BULLET
                marker = set_text(mark, st.bullet_indent, replace(style, hyphenate=False), tag="bullet")
                text = set_text(item, width - st.bullet_indent, style, tag="challenge-text")
                placed = scene.Placed(0.0, 0.0, scene.Group(marker.frame()))
                rows += _block_rows(text, st.bullet_indent, gap if k == 0 else gap / 2, placed)
    return rows


def _note_frames(notes: Sequence[Footnote], width: float, st: SheetStyle) -> dict[int, scene.Frame]:
    out = {}
    for note in notes:
        spans = (Span(str(note.number), footnote=note.number), Span(" "), *note.spans)
        block = set_text(spans, width, st.footnote, tag="footnote")
        if block.overfull:
            raise LayoutError(f"footnote {note.number} ({note.source}) does not fit the card's width")
        out[note.number] = block.frame(width)
    return out


def _stack_height(rows: Sequence[_Row], notes: Sequence[int], note_frames: dict[int, scene.Frame],
                  st: SheetStyle) -> float:
    h = sum(r.height + (r.gap if k else 0.0) for k, r in enumerate(rows))
    if notes:
        h += st.footnote_gap + sum(note_frames[n].height for n in notes)
    return h


def _split(rows: Sequence[_Row], room: float, note_frames: dict[int, scene.Frame],
           st: SheetStyle) -> list[tuple[list[_Row], list[int]]]:
    """Rows (and the footnotes they refer to) per card, filling each card in turn."""
    parts: list[tuple[list[_Row], list[int]]] = [([], [])]
    for row in rows:
        cur, notes = parts[-1]
        new = [n for n in row.notes if n in note_frames and n not in notes]
        if cur and _stack_height(cur + [row], notes + new, note_frames, st) > room + 1e-6:
            parts.append(([], []))
            cur, notes = parts[-1]
        cur.append(row)
        notes += new
        if _stack_height(cur, notes, note_frames, st) > room + 1e-6:
            raise LayoutError("a line of a challenge's text and its footnotes do not fit an empty card")
    return parts


def _prose_items(rows: Sequence[_Row], notes: Sequence[int], note_frames: dict[int, scene.Frame], x: float,
                 width: float, top: float, bottom: float) -> list[scene.Placed]:
    items, y = [], top
    for k, row in enumerate(rows):
        y += row.gap if k else 0.0
        items.append(scene.Placed(x, y, scene.Group(scene.Frame(width, row.height, row.items), tag="challenge-line")))
        y += row.height
    y_note = bottom - sum(note_frames[n].height for n in notes)
    for n in notes:
        items.append(scene.Placed(x, y_note, scene.Group(note_frames[n], tag="footnote")))
        y_note += note_frames[n].height
    return items


def challenge_cards(plaat: Praatplaat, box: CardBox, st: SheetStyle, name_size: float, layout: dict,
                    footer: scene.Placed, bottom: float) -> tuple[tuple[Card, ...], tuple[str, ...]]:
    """A card per challenge at one shared text size; a challenge that does not fit one card at
    the minimum size continues on the next (its band then shows '1/2', '2/2')."""
    challenges = plaat.challenges
    if not challenges:
        return (), ()
    colour = st.challenge_colour
    bst = back_style(layout, plaat.meta.language)
    back_size = back_name_size([plaat.labels.challenges], box, bst)
    back = back_face(box, colour, "", plaat.labels.challenges, plaat.meta.title, bst, back_size)
    note_frames = _note_frames(plaat.footnotes, box.inner, st)
    heights = {c.number: _sheet_band(box, colour, c.label, c.title, name_size, st)[1] for c in challenges}

    def room(c: Challenge) -> float:
        return bottom - heights[c.number] - st.body_gap

    def need(c: Challenge, size: float) -> float:
        rows = prose_rows(c.blocks, box.inner, size, st)
        notes = list(dict.fromkeys(n for r in rows for n in r.notes if n in note_frames))
        return _stack_height(rows, notes, note_frames, st)

    def fits_at(i: int, size: float) -> bool:
        return need(challenges[i], size) <= room(challenges[i]) + 1e-6

    common, best = deck_sizes(range(len(challenges)), fits_at, st.p_min, st.prose.size, st.p_comfortable)
    cards, warnings = [], []
    for i, c in enumerate(challenges):
        size = best[i] or st.p_min
        rows = prose_rows(c.blocks, box.inner, size, st)
        parts = _split(rows, room(c), note_frames, st)
        if len(parts) > 1:
            warnings.append(f"challenge {c.number} ({c.source}) continues on {len(parts)} cards")
        elif size < common:
            warnings.append(f"challenge {c.number} ({c.source}) is set at {size:g} pt, smaller than {common:g} pt")
        for k, (part_rows, notes) in enumerate(parts):
            mark = f"{k + 1}/{len(parts)}" if len(parts) > 1 else ""
            band, height = _sheet_band(box, colour, c.label, c.title, name_size, st, mark)
            body = _prose_items(part_rows, notes, note_frames, box.inset, box.inner, height + st.body_gap, bottom)
            cards.append(Card(scene.Frame(box.width, box.height, band + tuple(body) + (footer,)), back, "",
                              c.number, k + 1, len(parts)))
    return tuple(cards), tuple(warnings)
