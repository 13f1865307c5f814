"""Question panels: one per theme, in the column on its bubble's side, joined by a leader.

A panel is a header in the theme colour with the theme's name and a tinted body with the
numbered questions in one or more text columns (the same number in every panel, each at
least `min_measure` ems wide). `fit_questions` finds the one question size for all panels:
the largest (the minimum, or a multiple of 0.25 pt above it) at which both columns hold
their panels with the fewest text columns that fit, searched from an estimate (`search_from`:
the answer bisection gives, in fewer trial layouts; panels are memoised); if even the minimum does
not fit it raises QuestionOverflow naming the column, the theme where it runs over and by
how much. `place_panels` stacks the panels near
their bubbles and routes the leaders (generator/layout/panels.py, pure geometry).
"""

from __future__ import annotations

import bisect
import functools
import math
from dataclasses import dataclass, replace
from typing import Callable, Sequence

from generator import scene
from generator.color import contrast, darken_to, mix, text_on
from generator.errors import LayoutError
from generator.layout import bands
from generator.layout.bubbles import Box
from generator.layout.common import text_style
from generator.layout.diagram import PlacedTheme
from generator.layout.packing import Packing, fits, lowest, ranked
from generator.layout.panels import Leader, place_column, route_side
from generator.model import Theme
from generator.text.breaking import TextBlock, set_name, set_text
from generator.text.fit import grid
from generator.units import to_mm

SIZE_STEP = 0.25  # question sizes above the minimum are multiples of this (pt)
MAX_TEXT_COLUMNS = 3
TEXT_CONTRAST = 4.5
LINE_CONTRAST = 3.0


@dataclass(frozen=True)
class PanelStyle:
    """Panel settings in points (already scaled to the paper); ems are of the question size."""

    min_size: float
    max_size: float
    leading: float
    spacing: float        # space between questions, in lines
    number_width: float   # hanging indent for the numbers, points (wider where a number needs it)
    number_gap: float     # between a number and its question, ems
    min_measure: float    # narrowest text column, ems
    sub_gutter: float     # between text columns, ems
    header_scale: float   # theme name size / question size
    header_leading: float
    pad: float
    header_pad: float
    gap: float            # between panels
    radius: float
    tint: float           # share of paper in the body colour
    ink_contrast: float   # numbers against the body


@dataclass(frozen=True)
class LeaderStyle:
    width: float   # line width
    dot: float     # radius of the dot on the panel's edge


@dataclass(frozen=True)
class Inks:
    colour: str   # header fill
    line: str     # the leader: the colour darkened to 3:1 against the paper (WCAG 1.4.11)
    header: str   # header text
    tint: str     # body fill
    text: str     # question text
    number: str   # question numbers


@dataclass(frozen=True)
class PanelSpec:
    """One theme's panel at one question size: its frame (top-left at 0, 0)."""

    theme_id: str
    side: int
    frame: scene.Frame
    columns: int
    colour: str          # of the leader
    header_height: float

    @property
    def height(self) -> float:
        return self.frame.height


@dataclass(frozen=True)
class PlacedPanel:
    theme_id: str
    side: int          # -1 left column, +1 right column
    box: Box           # page coordinates
    leader: Leader
    colour: str        # of the leader
    columns: int       # text columns inside the panel


class QuestionOverflow(LayoutError):
    """The questions do not fit at the smallest size: the tallest column is `overflow` points
    too long; the columns need `need` points together and hold `hold`."""

    def __init__(self, message: str, overflow: float, need: float = 0.0, hold: float = 0.0):
        super().__init__(message)
        self.overflow = overflow
        self.need = need
        self.hold = hold


@functools.lru_cache(maxsize=256)
def inks(colour: str, palette, style: PanelStyle) -> Inks:
    """The panel's colours (`palette`: a style's palette); every text colour contrasts at
    least 4.5:1 with what it is on. Memoised: every trial layout asks again."""
    tint = mix(colour, palette.paper, style.tint)
    text = palette.text if contrast(palette.text, tint) >= TEXT_CONTRAST else text_on(tint)
    line = darken_to(colour, palette.paper, LINE_CONTRAST)
    return Inks(colour, line, text_on(colour), tint, text, darken_to(colour, tint, max(style.ink_contrast, TEXT_CONTRAST)))


# --- the shared size ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """The shared question size, the panels at it (each with its column's side) and the other
    assignments of themes to columns that fit at that size, best first."""

    size: float
    specs: tuple[PanelSpec, ...]
    packings: tuple[Packing, ...]


def fit_questions(themes: Sequence[Theme], colours: dict[str, str], layout: dict, style: PanelStyle, column: Box,
                  lang: str, where: str, summary: str = "") -> Fit:
    """The largest shared question size at which the panels fit two columns (each
    `column.height` tall, `column.width` wide) with some assignment of themes to columns
    (generator/layout/packing.py), and the panels at that size. `where` names the poster for
    the QuestionOverflow raised if even the minimum fails. `summary` (a word such as "Questions"):
    panels hold the question count and that word instead of the questions (the overview poster)."""
    panel_inks = {t.id: inks(colours[t.id], layout.palette, style) for t in themes}

    def frames(size: float, n: int) -> list[PanelSpec]:
        return [panel(t, 0, size, column.width, n, layout, style, panel_inks[t.id], lang, summary) for t in themes]

    def specs_at(size: float) -> list[PanelSpec] | None:
        """The panels at `size` with the fewest text columns (the same in every panel) that fit
        some assignment; None if none does."""
        counts = [n for n in range(1, MAX_TEXT_COLUMNS + 1) if n == 1 or _measure(column.width, size, n, style)
                  >= style.min_measure * size]
        for n in counts:
            specs = frames(size, n)
            if fits([p.height for p in specs], style.gap, column.height):
                return specs
        return None

    found: dict[float, list[PanelSpec]] = {}

    def fits_at(size: float) -> bool:
        try:
            specs = specs_at(size)
        except LayoutError:  # e.g. a long word wider than the column at this size: too large
            if size == style.min_size:
                raise
            specs = None
        if specs is not None:
            found[size] = specs
        return specs is not None

    sizes = grid(style.min_size, style.max_size, SIZE_STEP)
    if not fits_at(sizes[0]):
        raise overflow(themes, frames(style.min_size, 1), column.height, style.gap, style.min_size, where)
    size = sizes[search_from(fits_at, sizes, lambda i: _guess(sizes, i, found[sizes[i]], column.height, style))]
    best = found[size]
    fitting = ranked([p.height for p in best], style.gap, column.height)
    return Fit(size, tuple(with_sides(best, fitting[0].sides)), tuple(fitting))


def _guess(sizes: Sequence[float], at: int, specs: Sequence[PanelSpec], height: float, style: PanelStyle) -> int:
    """The index in `sizes` where the panels (`specs`, set at sizes[at]) would fill their
    columns (two, or one for a single panel) if their text grew with the square of the size
    (lines get both fewer words and taller) and packed evenly: the search's next probe (an
    estimate, not a bound)."""
    columns = min(2, len(specs))
    fixed = len(specs) * 2 * style.pad + style.gap * max(0, len(specs) - columns)
    grows = sum(p.height for p in specs) - len(specs) * 2 * style.pad
    room = columns * height - fixed
    if grows <= 0 or room <= 0:
        return at
    estimate = sizes[at] * math.sqrt(room / grows)
    return bisect.bisect_right(sizes, estimate + 1e-9) - 1


def search_from(fits: Callable[[float], bool], sizes: Sequence[float], guess: Callable[[int], int]) -> int:
    """The index of a size that fits whose successor does not (or the last index), given that
    sizes[0] fits; `guess(i)`: an estimate of the answer from a fitting index i. The same
    answer as bisecting the whole range when what fits at a size fits at smaller ones, in a
    few calls when the estimates are near, and never more than about three times bisection's:
    up from the estimates in growing steps until a size does not fit, then inside that
    bracket the estimate, clamped, followed by a bisection whenever it did not halve the
    bracket."""
    good, bad = 0, len(sizes)  # sizes[good] fits; sizes[bad] does not (len: none known yet)
    step = 1
    while bad == len(sizes):
        probe = min(max(guess(good), good + step), len(sizes) - 1)
        if probe <= good:
            return good
        if not fits(sizes[probe]):
            bad = probe
        else:
            good, step = probe, step * 2
    guided = True
    while bad - good > 1:
        width = bad - good
        probe = min(max(guess(good), good + 1), bad - 1) if guided else (good + bad) // 2
        if fits(sizes[probe]):
            good = probe
        else:
            bad = probe
        guided = not guided or 2 * (bad - good) <= width
    return good


def with_sides(specs: Sequence[PanelSpec], sides: Sequence[int]) -> list[PanelSpec]:
    """The panels with their columns' sides set."""
    return [replace(s, side=side) for s, side in zip(specs, sides)]


def _measure(width: float, size: float, columns: int, style: PanelStyle) -> float:
    """The width of one text column in a panel `width` wide."""
    return (width - 2 * style.pad - size * style.sub_gutter * (columns - 1)) / columns


def overflow(themes: Sequence[Theme], specs: list[PanelSpec], capacity: float, gap: float, size: float,
             where: str) -> QuestionOverflow:
    """What is missing at the smallest size, for the best assignment of themes to columns."""
    best = lowest([p.height for p in specs], gap)
    questions = sum(len(t.questions) for t in themes)
    need, hold = best.left + best.right, 2 * capacity
    return QuestionOverflow(
        f"{where}: the questions do not fit at the smallest size: {len(themes)} themes, {questions} questions "
        f"need about {to_mm(need):,.0f} mm of column at {size:.4g} pt (best split {to_mm(best.left):,.0f} + "
        f"{to_mm(best.right):,.0f} mm); the sheet holds 2 × {to_mm(capacity):,.0f} mm",
        best.tallest - capacity, need, hold)


# --- one panel -----------------------------------------------------------------------------------


def panel(theme: Theme, side: int, size: float, width: float, columns: int, layout, style: PanelStyle,
          ink: Inks, lang: str, summary: str = "") -> PanelSpec:
    """The panel frame at question size `size`: header, tinted body, the numbered questions in
    `columns` text columns (filled in order, as evenly as the questions allow); `summary`: the
    body holds only the question count. Memoised by all of its inputs (frozen values: the
    theme with its questions, the layout, the styles), so a warm process (`watch`) lays out
    again only the panels of themes that changed or sizes not tried before."""
    spec = _panel(theme, size, width, columns, layout, style, ink, lang, summary)
    return spec if side == spec.side else replace(spec, side=side)


@functools.lru_cache(maxsize=2048)
def _panel(theme: Theme, size: float, width: float, columns: int, layout, style: PanelStyle, ink: Inks, lang: str,
           summary: str) -> PanelSpec:
    side = 0
    inner = width - 2 * style.pad
    header_style = text_style(layout, size * style.header_scale, color=ink.header, weight="bold",
                              leading=style.header_leading, lang=lang, heading=True)
    header = bands.checked(set_name(theme.label, inner, header_style, tag=f"panel-header:{theme.id}"),
                           f"{theme.source}: the theme name")
    header_h = header.height + 2 * style.header_pad
    measure = _measure(width, size, columns, style)
    indent, blocks = (_count(theme, size, measure, layout, style, ink, lang, summary) if summary
                      else _questions(theme, size, measure, layout, style, ink, lang))
    spacing = size * style.leading * style.spacing
    heights = [t.height + spacing for _, t in blocks]
    bounds = [0, *split(heights, columns), len(blocks)]
    body_h = max(sum(heights[a:b]) for a, b in zip(bounds, bounds[1:])) - spacing
    height = header_h + 2 * style.pad + body_h
    items: list[scene.Placed] = [
        scene.Placed(0.0, 0.0, scene.Rect(width, height, ink.tint, radius=style.radius, tag=f"panel-body:{theme.id}")),
        scene.Placed(0.0, 0.0, scene.Rect(width, header_h, ink.colour, radius=style.radius,
                                          tag=f"panel-head:{theme.id}")),
        # square off the header's lower corners
        scene.Placed(0.0, header_h - style.radius, scene.Rect(width, style.radius, ink.colour,
                                                            tag=f"panel-head:{theme.id}")),
        scene.Placed(style.pad, style.header_pad, bands.text_group(header, f"panel-header:{theme.id}",
                                                                   source=str(theme.source), role=scene.Role("H2"))),
    ]
    questions = scene.Role("L")  # tagged PDF: the questions as a list (the overview's count: a paragraph)
    gutter = size * style.sub_gutter
    # where each entry comes from (the overview's one count entry: the theme itself)
    sources = [str(theme.source)] * len(blocks) if summary else [str(q.source) for q in theme.questions]
    for c, (a, b) in enumerate(zip(bounds, bounds[1:])):
        x = style.pad + c * (measure + gutter)
        y = header_h + style.pad
        for source, (number, text) in zip(sources[a:b], blocks[a:b]):
            entry = scene.Role("LI", questions)
            label, body = (scene.Role("P"),) * 2 if summary else (scene.Role("Lbl", entry), scene.Role("LBody", entry))
            items.append(scene.Placed(x + indent - number.width - size * style.number_gap, y,
                                      bands.text_group(number, f"question-number:{theme.id}", role=label)))
            items.append(scene.Placed(x + indent, y, bands.text_group(text, f"question:{theme.id}", source=source,
                                                                      role=body)))
            y += text.height + spacing
    return PanelSpec(theme.id, side, scene.Frame(width, height, tuple(items)), len(bounds) - 1, ink.line, header_h)


def _questions(theme: Theme, size: float, measure: float, layout, style: PanelStyle, ink: Inks,
               lang: str) -> tuple[float, list[tuple[TextBlock, TextBlock]]]:
    """The hanging indent and (number, text) blocks of the theme's questions, the text
    `measure` minus the indent wide."""
    numbers = [(q, f"question:{theme.id}:{q.number}") for q in theme.questions]
    return _numbered(theme, size, measure, layout, style, ink, lang,
                     [(str(q.number), q.text, tag, f"{q.source}: question {q.number}") for q, tag in numbers])


def _count(theme: Theme, size: float, measure: float, layout, style: PanelStyle, ink: Inks, lang: str,
           label: str) -> tuple[float, list[tuple[TextBlock, TextBlock]]]:
    """The overview poster's panel body: the number of questions and the word for them."""
    return _numbered(theme, size, measure, layout, style, ink, lang,
                     [(str(len(theme.questions)), label, f"question-count:{theme.id}",
                       f"{theme.source}: the question count")])


def _numbered(theme: Theme, size: float, measure: float, layout, style: PanelStyle, ink: Inks, lang: str,
              entries: list[tuple[str, str, str, str]]) -> tuple[float, list[tuple[TextBlock, TextBlock]]]:
    """(number, text, tag, what) entries set with a hanging indent: `number_width`, or wider
    where the widest number and the gap after it need more."""
    body = text_style(layout, size, color=ink.text, leading=style.leading, lang=lang)
    bold = text_style(layout, size, color=ink.number, leading=style.leading, weight="bold", lang=lang)
    numbers = [set_text(number, measure, bold, tag=f"{tag}:number") for number, _, tag, _ in entries]
    indent = max([style.number_width] + [n.width + size * style.number_gap for n in numbers])
    texts = [bands.checked(set_text(text, measure - indent, body, tag=tag), what) for _, text, tag, what in entries]
    return indent, list(zip(numbers, texts))


def split(heights: Sequence[float], columns: int) -> list[int]:
    """Where to cut a list into at most `columns` consecutive runs so that the tallest run is as
    low as possible: the cut indices (ties: earlier runs longer, as columns fill left first)."""
    if columns <= 1 or len(heights) <= 1:
        return []
    best_height, best_cuts = sum(heights), []
    for cut in range(len(heights) - 1, 0, -1):
        rest = split(heights[cut:], columns - 1)
        cuts = [cut, *[cut + r for r in rest]]
        bounds = [0, *cuts, len(heights)]
        tallest = max(sum(heights[a:b]) for a, b in zip(bounds, bounds[1:]))
        if tallest < best_height - 1e-9:
            best_height, best_cuts = tallest, cuts
    return best_cuts


# --- placing and joining ---------------------------------------------------------------------------


def place_panels(specs: Sequence[PanelSpec], bubbles: Sequence[PlacedTheme], left: Box, right: Box,
                 centre: Box, gap: float) -> tuple[PlacedPanel, ...]:
    """Panels stacked in their columns as near their bubbles as the order allows, with leaders
    through the gutters between the columns and the diagram's column."""
    placed: dict[str, PlacedPanel] = {}
    for side, column in ((-1, left), (1, right)):
        chosen = [(s, b) for s, b in zip(specs, bubbles) if s.side == side]
        if not chosen:
            continue
        tops = place_column([b.cy for _, b in chosen], [s.height for s, _ in chosen], column.y, column.bottom, gap)
        if tops is None:
            raise LayoutError("the question panels do not fit their column")  # fit_questions prevents this
        boxes = [Box(column.x, top, column.width, spec.height) for (spec, _), top in zip(chosen, tops)]
        gutter = (column.right, centre.x) if side < 0 else (centre.right, column.x)
        insets = [min(spec.header_height / 2, box.height / 2) for (spec, _), box in zip(chosen, boxes)]
        leaders = route_side([(b.cx, b.cy, b.r) for _, b in chosen], boxes, side, gutter, insets)
        for (spec, _), box, line in zip(chosen, boxes, leaders):
            placed[spec.theme_id] = PlacedPanel(spec.theme_id, side, box, line, spec.colour, spec.columns)
    return tuple(placed[s.theme_id] for s in specs)


def leader_items(panel: PlacedPanel, style: LeaderStyle) -> list[scene.Placed]:
    """The leader's segments, round joints at its corners, a dot where it meets the panel."""
    stroke = scene.Stroke(panel.colour, style.width)
    tag = f"leader:{panel.theme_id}"
    items = [scene.Placed(s.x1, s.y1, scene.Line(s.x2 - s.x1, s.y2 - s.y1, stroke, tag=tag))
             for s in panel.leader.segments]
    items += [scene.Placed(x, y, scene.Circle(style.width / 2, panel.colour, tag=tag)) for x, y in panel.leader.corners]
    x, y = panel.leader.end
    items.append(scene.Placed(x, y, scene.Circle(style.dot, panel.colour, tag=f"leader-dot:{panel.theme_id}")))
    return items
