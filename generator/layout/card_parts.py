"""What every card shares: the card's box and colour areas, the size search on the 0.25 pt
grid, and the backs (the theme colour with the theme name centred large). The faces are made
by question_cards.py and theme_cards.py; cards.py says how they fit."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

from generator import scene
from generator.color import text_on
from generator.errors import ConfigError, LayoutError
from generator.layout.common import text_style
from generator.model import Praatplaat, Theme
from generator.styles.cards import CardsStyle
from generator.text.breaking import TextBlock, TextStyle, set_name, set_text, widest_piece_units
from generator.text.fit import floor_to_grid, largest_size
from generator.text.fonts import metrics
from generator.units import mm, paper_size, to_mm, word_overflow

SAFE_MM = 5.0        # print shops: text at least this far inside the trim
STEP = 0.25          # font sizes are multiples of this (pt)


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


def card_box(style: CardsStyle) -> CardBox:
    """The card from the style's `card` settings: `paper` (A6, A7 …) or `size_mm`."""
    card = style.card
    if card.paper is not None:
        w, h = paper_size(card.paper, "portrait")
    elif card.size_mm is not None:
        w, h = card.size_mm
    else:
        raise ConfigError(f"{style.name}.yaml: 'card' needs a paper (A6, A7 …) or size_mm [width, height]")
    box = CardBox(w, h, card.bleed, card.border, card.radius, card.inset)
    if box.inset < mm(SAFE_MM) - 1e-9:
        raise ConfigError(f"{style.name}.yaml: card.inset must be at least {SAFE_MM:g} mm "
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


def at_baseline(block: TextBlock, x: float, baseline: float, width: float | None = None,
                role: scene.Role | None = None) -> scene.Placed:
    """The block placed so that its first baseline is at `baseline`."""
    return scene.Placed(x, baseline - block.first_baseline, scene.Group(block.frame(width), role=role))


def at_top(block: TextBlock, x: float, top: float, width: float | None = None,
           role: scene.Role | None = None) -> scene.Placed:
    """(Untagged groups are artifacts in a tagged PDF: card backs, which repeat the front.)"""
    return scene.Placed(x, top, scene.Group(block.frame(width), role=role))


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
    name_position: float = 0.45  # share of the free height above the name (a little above the middle)


def back_style(style: CardsStyle, lang: str) -> BackStyle:
    centre = dict(align="center", lang=lang)
    b = style.back
    return BackStyle(
        kicker=text_style(style, b.kicker_size, weight="semibold", **centre),
        name=text_style(style, b.name_max_size, weight="bold", leading=b.name_leading, **centre),
        name_min=b.name_min_size,
        kicker_gap=b.kicker_gap,
        title=text_style(style, b.title_size, leading=b.title_leading, **centre),
        title_lines=b.title_max_lines,
        inset=max(mm(SAFE_MM), b.inset), name_position=b.name_position,
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
                          f"(a word is {to_mm(word_overflow(body)):.1f} mm too wide)")
    head_h = head.height + st.kicker_gap if head else 0.0
    room = title_top - inset
    if head_h + body.height > room + 1e-6:
        raise LayoutError(f"{name!r} does not fit a card back: {to_mm(head_h + body.height - room):.1f} mm "
                          f"too tall at {name_size:g} pt")
    top = inset + max(0.0, (room - head_h - body.height) * st.name_position)
    if head:
        items.append(at_top(head, inset, top, inner))
    items.append(at_top(body, inset, top + head_h, inner))
    return scene.Frame(box.width, box.height, tuple(items))


def theme_backs(plaat: Praatplaat, themes: Sequence[Theme], colours: dict[str, str], box: CardBox,
                style: CardsStyle) -> dict[str, scene.Frame]:
    """One back per theme (shared by all its cards), names at one size."""
    st = back_style(style, plaat.meta.language)
    size = back_name_size([t.label for t in themes], box, st)
    return {t.id: back_face(box, colours[t.id], plaat.labels.theme, t.label, plaat.meta.title, st, size)
            for t in themes}
