"""The bubble diagram: themes as bubbles on the abstract → concrete gradient.

`layout_diagram` composes a diagram Frame for any rectangle (the poster reuses it and attaches
its question panels to the returned bubble geometry); `diagram_document` makes the one-page
product: a header with the diagram's name and the title, the diagram, the credit line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from generator import scene
from generator.color import contrast, text_on
from generator.config import get
from generator.errors import ConfigError, LayoutError
from generator.layout.bubbles import Box, Bubble, Spine, place_bubbles
from generator.layout.common import document_meta, font_faces, page_size, text_style, theme_colours
from generator.layout.gradient import AxisStyle, axis, band, ramp_stops, tinted
from generator.layout.names import NameOptions, NameStyle, name_lines, name_options, shared_size
from generator.model import Praatplaat, Theme
from generator.text.breaking import TextBlock, set_text
from generator.text.fit import floor_to_grid
from generator.units import mm, to_mm

LABEL_SHARE = 0.32  # an end label takes at most this share of the axis length


@dataclass(frozen=True)
class DiagramStyle:
    """The diagram's settings from a layout, in points, scaled to the page."""

    gap: float
    spine: Spine
    size_by_questions: float
    ring: float
    band_tint: float
    band_thickness: float
    stops: int
    bar: float
    label_size: float
    axis_gap: float
    names: NameStyle
    name_min: float
    name_max: float
    padding: float
    shrink: float
    tolerance: float
    paper: str
    gradient_start: str
    gradient_end: str


@dataclass(frozen=True)
class PlacedTheme:
    """A theme's bubble in the diagram frame, with its colours and name lines as printed."""

    theme_id: str
    cx: float
    cy: float
    r: float
    side: int  # -1 top/left of the spine, +1 bottom/right, 0 on it
    fill: str
    text_color: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Diagram:
    frame: scene.Frame
    bubbles: tuple[PlacedTheme, ...]  # abstract → concrete
    name_size: float
    field: Box                        # where the bubbles are, frame coordinates


def diagram_style(layout: dict, scale: float = 1.0, *, lang: str) -> DiagramStyle:
    """Read the diagram settings of a layout; lengths and sizes are multiplied by `scale`;
    `lang` (the content's language) decides hyphenation."""
    fonts = get(layout, "fonts", dict)
    palette = get(layout, "palette", dict)
    lanes = get(layout, "diagram.lanes", list)
    if not lanes or not all(isinstance(n, int) and n >= 1 for n in lanes):
        raise ConfigError(f"{layout.get('name', '?')}.yaml: 'diagram.lanes' must list whole numbers ≥ 1")
    spine = Spine(tuple(lanes), get(layout, "diagram.lane_gain", float), get(layout, "diagram.amplitude", float),
                  get(layout, "diagram.advance", float), get(layout, "diagram.tie_advance", float),
                  mm(get(layout, "diagram.max_radius", float)) * scale)
    weight = get(layout, "names.weight", str)
    names = NameStyle(fonts[weight], get(layout, "names.leading", float), get(layout, "names.max_lines", int), lang)
    return DiagramStyle(
        gap=mm(get(layout, "diagram.gap", float)) * scale, spine=spine,
        size_by_questions=get(layout, "diagram.size_by_questions", float),
        ring=get(layout, "diagram.ring", float) * scale,
        band_tint=get(layout, "band.tint", float), band_thickness=get(layout, "band.thickness", float),
        stops=get(layout, "band.stops", int), bar=mm(get(layout, "axis.bar", float)) * scale,
        label_size=get(layout, "axis.label_size", float) * scale, axis_gap=mm(get(layout, "axis.gap", float)) * scale,
        names=names, name_min=get(layout, "names.min_size", float) * scale,
        name_max=get(layout, "names.max_size", float) * scale, padding=get(layout, "names.padding", float),
        shrink=get(layout, "names.shrink", float), tolerance=get(layout, "names.hyphen_tolerance", float),
        paper=palette["paper"], gradient_start=palette["gradient_start"], gradient_end=palette["gradient_end"],
    )


# --- bubbles with names -------------------------------------------------------------------


def base_radii(themes: Sequence[Theme], variation: float) -> list[float]:
    """Relative radii: 1 for the theme with fewest questions, 1 + variation for the most."""
    counts = [len(t.questions) for t in themes]
    lo, hi = min(counts), max(counts)
    return [1.0 + (variation * (c - lo) / (hi - lo) if hi > lo else 0.0) for c in counts]


def place_themes(themes: Sequence[Theme], field: Box, orientation: str,
                 style: DiagramStyle) -> tuple[tuple[Bubble, ...], float, list[NameOptions]]:
    """Bubbles for the themes (by level) as large as `field` allows, grown where a name needs
    it, and the one name size. LayoutError if a name cannot fit even at the minimum size."""
    levels = [t.level for t in themes]
    base = base_radii(themes, style.size_by_questions)
    options = [name_options(t.label, style.names) for t in themes]
    bubbles = place_bubbles(levels, base, field, orientation, style.gap, style.spine)
    size = _name_size(options, bubbles, style)
    if size >= style.name_min:
        return bubbles, size, options
    floors = [o.preferred_radius(style.tolerance) * style.name_min / (style.shrink * (1 - style.padding))
              for o in options]
    try:
        bubbles = place_bubbles(levels, base, field, orientation, style.gap, style.spine, min_radii=floors)
    except LayoutError as exc:
        worst = max(range(len(themes)), key=lambda k: floors[k])
        theme = themes[worst]
        raise LayoutError(
            f"theme '{theme.id}' ({theme.source}): the name '{theme.name}' needs a bubble of "
            f"{to_mm(floors[worst]):.0f} mm radius at the smallest name size ({style.name_min:.1f} pt), "
            f"but {exc}; shorten the name, mark break points with '|' or use fewer themes") from None
    return bubbles, max(style.name_min, _name_size(options, bubbles, style)), options


def _name_size(options: list[NameOptions], bubbles: Sequence[Bubble], style: DiagramStyle) -> float:
    """The shared name size, rounded down to a quarter point."""
    rooms = [b.r * (1 - style.padding) for b in bubbles]
    size = shared_size(options, rooms, style.shrink, style.name_max, style.tolerance)
    return floor_to_grid(size)


def theme_items(themes: Sequence[Theme], bubbles: Sequence[Bubble], options: Sequence[NameOptions],
                size: float, colours: dict[str, str],
                style: DiagramStyle) -> tuple[tuple[scene.Placed, ...], tuple[PlacedTheme, ...]]:
    """Circles and centred name lines for placed bubbles."""
    items: list[scene.Placed] = []
    placed: list[PlacedTheme] = []
    for theme, bubble, option in zip(themes, bubbles, options):
        fill = colours[theme.id]
        ink = text_on(fill)
        ring = scene.Stroke(style.paper, style.ring) if style.ring > 0 else None
        circle = scene.Circle(bubble.r - style.ring / 2, fill, ring, tag=f"bubble:{theme.id}")
        items.append(scene.Placed(bubble.cx, bubble.cy, circle))
        breaking = option.choose(size, bubble.r * (1 - style.padding))
        for line in name_lines(breaking, size, style.names, ink, tag=f"name:{theme.id}"):
            items.append(scene.Placed(bubble.cx + line.x, bubble.cy + line.y, line.item))
        placed.append(PlacedTheme(theme.id, bubble.cx, bubble.cy, bubble.r, bubble.side, fill, ink,
                                  breaking.lines))
    return tuple(items), tuple(placed)


# --- the diagram in a rectangle --------------------------------------------------------------


def layout_diagram(themes: Sequence[Theme], colours: dict[str, str], labels: tuple[str, str],
                   layout: dict, width: float, height: float, orientation: str,
                   style: DiagramStyle, overhang: tuple[float, float] = (0.0, 0.0)) -> Diagram:
    """The diagram in a `width` × `height` frame: the gradient axis with the two end labels
    (`labels`: abstract end, concrete end), the soft band, the bubbles and their names.
    `themes` in order from abstract to concrete (Praatplaat.themes_by_level). The band runs
    `overhang` (before, after) past the frame's ends along the axis, e.g. off the page."""
    label_style = text_style(layout, style.label_size, weight="semibold", lang=style.names.lang)
    vertical = orientation == "portrait"
    limit = (height if vertical else width) * LABEL_SHARE
    start = set_text(labels[0], limit, label_style, tag="gradient-label-start")
    end = set_text(labels[1], limit, label_style, tag="gradient-label-end")
    for block, text in ((start, labels[0]), (end, labels[1])):
        _check_label(block, text)
    axis_style = AxisStyle(style.gradient_start, style.gradient_end, style.bar, style.stops)
    if vertical:
        axis_items, field = _vertical_axis(start, end, width, height, axis_style, style.axis_gap)
    else:
        axis_items, field = _horizontal_axis(start, end, width, height, axis_style, style.axis_gap)
    if field.width <= 0 or field.height <= 0:
        raise LayoutError(f"no room for the bubbles: the diagram is {to_mm(width):.0f} × {to_mm(height):.0f} mm")
    bubbles, size, options = place_themes(themes, field, orientation, style)
    band_item = _band(bubbles, field, vertical, style, overhang)
    items, placed = theme_items(themes, bubbles, options, size, colours, style)
    frame = scene.Frame(width, height, (band_item,) + axis_items + items)
    return Diagram(frame, placed, size, field)


def _check_label(block: TextBlock, text: str) -> None:
    if block.overfull:
        raise LayoutError(f"gradient label '{text}' has a word too long for the diagram's axis "
                          f"(by {to_mm(block.overflow):.0f} mm)")


def _horizontal_axis(start: TextBlock, end: TextBlock, width: float, height: float, axis_style: AxisStyle,
                     gap: float) -> tuple[tuple[scene.Placed, ...], Box]:
    """Landscape: `start label ●━━━━● end label` along the bottom; the field above it."""
    row = max(start.height, end.height, 2 * axis_style.bar * 1.6)
    top = height - row
    length = width - start.width - end.width - 2 * gap
    if length < 4 * axis_style.bar * 1.6:
        raise LayoutError("the gradient labels leave no room for the axis; shorten labels.gradient_start/end")
    bar = axis(length, False, axis_style)
    mid = top + row / 2
    items = (
        scene.Placed(0, mid - start.height / 2, scene.Group(start.frame(), tag="gradient-label-start")),
        scene.Placed(start.width + gap, mid - bar.height / 2, scene.Group(bar, tag="gradient-axis")),
        scene.Placed(width - end.width, mid - end.height / 2, scene.Group(end.frame(), tag="gradient-label-end")),
    )
    return items, Box(0.0, 0.0, width, top - gap)


def _vertical_axis(start: TextBlock, end: TextBlock, width: float, height: float, axis_style: AxisStyle,
                   gap: float) -> tuple[tuple[scene.Placed, ...], Box]:
    """Portrait: the start label at the top and the end label at the bottom, each beside a dot
    of the vertical axis on the left; the field right of the axis, between the labels."""
    dot = axis_style.bar * 1.6
    thick = 2 * dot
    first = max(start.height, thick)
    last = max(end.height, thick)
    bar = axis(height - first / 2 - last / 2 + thick, True, axis_style)
    text_x = thick + gap
    items = (
        scene.Placed(0, first / 2 - dot, scene.Group(bar, tag="gradient-axis")),
        scene.Placed(text_x, (first - start.height) / 2, scene.Group(start.frame(), tag="gradient-label-start")),
        scene.Placed(text_x, height - last + (last - end.height) / 2,
                     scene.Group(end.frame(), tag="gradient-label-end")),
    )
    field = Box(text_x, first + gap, width - text_x, height - first - last - 2 * gap)
    return items, field


def _band(bubbles: Sequence[Bubble], field: Box, vertical: bool, style: DiagramStyle,
          overhang: tuple[float, float]) -> scene.Placed:
    """The soft band along the axis, behind the bubbles, over the whole field and `overhang`
    beyond it (square ends; round ends when it stays inside); its colours line up with the
    bubbles'."""
    stops = tinted(ramp_stops(style.gradient_start, style.gradient_end, style.stops), style.paper, style.band_tint)
    if vertical:
        lo = min(b.cx - b.r for b in bubbles)
        hi = max(b.cx + b.r for b in bubbles)
    else:
        lo = min(b.cy - b.r for b in bubbles)
        hi = max(b.cy + b.r for b in bubbles)
    thickness = (hi - lo) * style.band_thickness
    centre = (lo + hi) / 2
    before, after = overhang
    length = (field.height if vertical else field.width) + before + after
    first, last = bubbles[0].u + before, bubbles[-1].u + before
    if last - first < 1e-6:
        first, last = 0.0, length
    rect = band(length, thickness, vertical, stops, first, last, round_ends=max(overhang) <= 0)
    if vertical:
        return scene.Placed(centre - thickness / 2, field.y - before, rect)
    return scene.Placed(field.x - before, centre - thickness / 2, rect)


# --- the one-page product ------------------------------------------------------------------


def paper_scale(layout: dict, width: float, height: float) -> float:
    """How much larger this page is than the layout's own paper (square root of the areas)."""
    ref_w, ref_h = page_size(layout)
    return math.sqrt((width * height) / (ref_w * ref_h))


def diagram_document(plaat: Praatplaat, layout: dict, paper: str | None = None,
                     orientation: str | None = None, crop_marks: bool = False) -> tuple[scene.Document, Diagram]:
    """The diagram product: one page with header, diagram and credit line."""
    width, height = page_size(layout, paper, orientation)
    scale = paper_scale(layout, width, height)
    orient = "landscape" if width > height else "portrait"
    margin = mm(get(layout, "margin", float)) * scale
    lang = plaat.meta.language
    inner = width - 2 * margin
    header, header_h = _header(plaat, layout, inner, scale)
    credit = set_text(plaat.meta.credit, inner, text_style(layout, get(layout, "footer.size", float) * scale,
                                                            color=get(layout, "palette.muted", str), lang=lang), tag="credit")
    top = margin + header_h + mm(get(layout, "header.gap", float)) * scale
    bottom = height - margin - credit.height - mm(get(layout, "footer.gap", float)) * scale
    style = diagram_style(layout, scale, lang=lang)
    bleed = mm(get(layout, "bleed", float))
    overhang = (margin + bleed, margin + bleed) if orient == "landscape" else (0.0, 0.0)
    diagram = layout_diagram(plaat.themes_by_level, theme_colours(plaat, layout),
                             (plaat.labels.gradient_start, plaat.labels.gradient_end),
                             layout, inner, bottom - top, orient, style, overhang)
    items = (
        scene.Placed(margin, margin, scene.Group(header, tag="header")),
        scene.Placed(margin, top, scene.Group(diagram.frame, tag="diagram")),
        scene.Placed(margin, height - margin - credit.height, scene.Group(credit.frame(), tag="credit")),
    )
    marks = None
    if crop_marks:
        marks = scene.CropMarks(mm(get(layout, "crop_marks.length", float)), mm(get(layout, "crop_marks.offset", float)))
    page = scene.Page(scene.Frame(width, height, items), bleed=mm(get(layout, "bleed", float)), crop_marks=marks,
                      label=plaat.labels.diagram)
    doc = scene.Document((page,), document_meta(plaat, plaat.labels.diagram), font_faces(layout))
    return doc, diagram


def _header(plaat: Praatplaat, layout: dict, width: float, scale: float) -> tuple[scene.Frame, float]:
    """The diagram's name as a small kicker (in the abstract end's colour when it reads well),
    the title, the subtitle: stacked, left-aligned."""
    muted = get(layout, "palette.muted", str)
    lang = plaat.meta.language
    accent = get(layout, "palette.gradient_start", str)
    kicker = accent if contrast(accent, get(layout, "palette.paper", str)) >= 4.5 else muted
    parts = [
        (plaat.labels.diagram, text_style(layout, get(layout, "header.kicker_size", float) * scale,
                                          weight="semibold", color=kicker, lang=lang), "kicker"),
        (plaat.meta.title, text_style(layout, get(layout, "header.title_size", float) * scale,
                                      weight="bold", leading=1.1, lang=lang, heading=True), "title"),
    ]
    if plaat.meta.subtitle:
        parts.append((plaat.meta.subtitle, text_style(layout, get(layout, "header.subtitle_size", float) * scale,
                                                      color=muted, lang=lang, heading=True), "subtitle"))
    items, y = [], 0.0
    for text, style, tag in parts:
        block = set_text(text, width, style, tag=tag)
        items.append(scene.Placed(0, y, scene.Group(block.frame(), tag=tag)))
        y += block.height
    return scene.Frame(width, y, tuple(items)), y

