"""The bubble diagram: themes as bubbles on the abstract → concrete gradient.

`layout_diagram` composes a diagram Frame for any rectangle (the poster reuses it and attaches
its question panels to the returned bubble geometry); `diagram_document` makes the one-page
product: a header with the diagram's name and the title, the diagram, the credit line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Sequence

from generator import memo, scene
from generator.color import contrast, text_on
from generator.errors import LayoutError
from generator.layout.bubbles import Box, Bubble, Spine, place_bubbles
from generator.layout.common import document_meta, font_faces, text_style, theme_colours
from generator.layout.gradient import AxisStyle, axis, axis_dot, band, ramp_stops, tinted
from generator.layout.names import NameOptions, NameStyle, name_lines, name_options, shared_size
from generator.layout.roles import diagram_alt
from generator.model import Praatplaat, Theme
from generator.styles.common import PageStyle, ProductStyle
from generator.styles.diagram import DiagramParts, DiagramStyle as DiagramStyleSettings
from generator.text.breaking import TextBlock, set_text
from generator.text.fit import floor_to_grid
from generator.units import to_mm

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
    muted: str = "#595959"   # the centred axis' labels


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


def as_style(style, cls: type | None = None):
    """`style` itself, checked to be a typed style (generator.styles; of `cls` when given):
    layout code reads no dicts."""
    from generator.styles import ProductStyle

    want = cls or ProductStyle
    if not isinstance(style, want):
        raise TypeError(f"expected a {want.__name__} (generator.styles.load_style), not {type(style).__name__}")
    return style


def diagram_style(layout: DiagramParts, scale: float = 1.0, *, lang: str) -> DiagramStyle:
    """The diagram settings of a style with the diagram's sections (the diagram's, the
    poster's), lengths and sizes multiplied by `scale`; `lang` (the content's language)
    decides hyphenation."""
    from generator.styles import scaled

    st = scaled(as_style(layout, DiagramParts), scale)
    d, names = st.diagram, st.names
    spine = Spine(d.lanes, d.lane_gain, d.amplitude, d.advance, d.tie_advance, d.max_radius)
    return DiagramStyle(
        gap=d.gap, spine=spine, size_by_questions=d.size_by_questions, ring=d.ring,
        band_tint=st.band.tint, band_thickness=st.band.thickness, stops=st.band.stops, bar=st.axis.bar,
        label_size=st.axis.label_size, axis_gap=st.axis.gap,
        names=NameStyle(st.fonts.weight(names.weight), names.leading, names.max_lines, lang),
        name_min=names.min_size, name_max=names.max_size, padding=names.padding, shrink=names.shrink,
        tolerance=names.hyphen_tolerance, paper=st.palette.paper, gradient_start=st.palette.gradient_start,
        gradient_end=st.palette.gradient_end, muted=st.palette.muted,
    )


# --- bubbles with names -------------------------------------------------------------------


def base_radii(themes: Sequence[Theme], variation: float) -> list[float]:
    """Relative radii: 1 for the theme with fewest questions, 1 + variation for the most."""
    counts = [len(t.questions) for t in themes]
    lo, hi = min(counts), max(counts)
    return [1.0 + (variation * (c - lo) / (hi - lo) if hi > lo else 0.0) for c in counts]


def place_themes(themes: Sequence[Theme], field: Box, orientation: str, style: DiagramStyle,
                 sides: Sequence[int] | None = None) -> tuple[tuple[Bubble, ...], float, list[NameOptions]]:
    """Bubbles for the themes (by level) as large as `field` allows, grown where a name needs
    it, and the one name size; `sides` fixes each bubble's side of the axis (else a zigzag).
    LayoutError if a name cannot fit even at the minimum size."""
    levels = [t.level for t in themes]
    base = base_radii(themes, style.size_by_questions)
    options = [name_options(t.label, style.names) for t in themes]
    bubbles = place_bubbles(levels, base, field, orientation, style.gap, style.spine, sides=sides)
    size = _name_size(options, bubbles, style)
    if size >= style.name_min:
        return bubbles, size, options
    floors = [o.preferred_radius(style.tolerance) * style.name_min / (style.shrink * (1 - style.padding))
              for o in options]
    try:
        bubbles = place_bubbles(levels, base, field, orientation, style.gap, style.spine, min_radii=floors,
                                sides=sides)
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
            items.append(scene.Placed(bubble.cx + line.x, bubble.cy + line.y, replace(line.item, source=str(theme.source))))
        placed.append(PlacedTheme(theme.id, bubble.cx, bubble.cy, bubble.r, bubble.side, fill, ink,
                                  breaking.lines))
    return tuple(items), tuple(placed)


# --- the diagram in a rectangle --------------------------------------------------------------


def _diagram_inputs(themes: Sequence[Theme], colours: dict[str, str], labels: tuple[str, str], layout: ProductStyle,
                    width: float, height: float, orientation: str, style: DiagramStyle,
                    overhang: tuple[float, float] = (0.0, 0.0), *, centred_axis: bool = False,
                    sides: Sequence[int] | None = None) -> tuple:
    """What layout_diagram reads: each theme but for its questions, of which only the count (a
    bubble's size), so that editing a question finds the diagram in the memo."""
    return (tuple((t.id, t.name, t.label, t.level, t.colour, t.source, t.index, len(t.questions)) for t in themes),
            tuple(sorted(colours.items())), tuple(labels), layout, width, height, orientation, style, tuple(overhang),
            centred_axis, None if sides is None else tuple(sides))


@memo.cached(64, key=_diagram_inputs)
def layout_diagram(themes: Sequence[Theme], colours: dict[str, str], labels: tuple[str, str],
                   layout: ProductStyle, width: float, height: float, orientation: str,
                   style: DiagramStyle, overhang: tuple[float, float] = (0.0, 0.0), *,
                   centred_axis: bool = False, sides: Sequence[int] | None = None) -> Diagram:
    """The diagram in a `width` × `height` frame: the gradient axis with the two end labels
    (`labels`: abstract end, concrete end), the soft band, the bubbles and their names.
    `themes` in order from abstract to concrete (Praatplaat.themes_by_level). The band runs
    `overhang` (before, after) past the frame's ends along the axis, e.g. off the page.
    `centred_axis` (portrait): the axis runs down the middle, under the bubbles, with the
    labels centred above and below it (the poster's diagram); `sides` fixes each bubble's
    side of the axis (the poster's panel columns), else the bubbles zigzag."""
    vertical = orientation == "portrait"
    centred = centred_axis and vertical
    label_style = text_style(layout, style.label_size, weight="semibold", lang=style.names.lang,
                             **({"align": "center", "color": style.muted} if centred else {}))
    limit = width if centred else (height if vertical else width) * LABEL_SHARE
    start = set_text(labels[0], limit, label_style, tag="gradient-label-start")
    end = set_text(labels[1], limit, label_style, tag="gradient-label-end")
    for block, text in ((start, labels[0]), (end, labels[1])):
        _check_label(block, text)
    axis_style = AxisStyle(style.gradient_start, style.gradient_end, style.bar, style.stops)
    if centred:
        axis_items, field = _centred_axis(start, end, width, height, axis_style, style.axis_gap)
    elif vertical:
        axis_items, field = _vertical_axis(start, end, width, height, axis_style, style.axis_gap)
    else:
        axis_items, field = _horizontal_axis(start, end, width, height, axis_style, style.axis_gap)
    if field.width <= 0 or field.height <= 0:
        raise LayoutError(f"no room for the bubbles: the diagram is {to_mm(width):.0f} × {to_mm(height):.0f} mm")
    bubbles, size, options = place_themes(themes, field, orientation, style, sides)
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
    row = max(start.height, end.height, 2 * axis_dot(axis_style.bar))
    top = height - row
    length = width - start.width - end.width - 2 * gap
    if length < 4 * axis_dot(axis_style.bar):
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
    dot = axis_dot(axis_style.bar)
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


def _centred_axis(start: TextBlock, end: TextBlock, width: float, height: float, axis_style: AxisStyle,
                  gap: float) -> tuple[tuple[scene.Placed, ...], Box]:
    """Portrait, centred: the start label centred at the top, the end label at the bottom, the
    axis down the middle between them; the field is the whole width between the axis' dots."""
    dot = 2 * axis_dot(axis_style.bar)
    head, tail = start.height + gap / 2 + dot + gap, end.height + gap / 2 + dot + gap
    field = Box(0.0, head, width, height - head - tail)
    if field.height <= 0:
        raise LayoutError(f"no room for the bubbles ({to_mm(height):.0f} mm for the diagram)")
    bar = axis(field.height + 2 * (gap + dot), True, axis_style)
    items = (
        scene.Placed(width / 2 - bar.width / 2, field.y - gap - dot, scene.Group(bar, tag="gradient-axis")),
        scene.Placed(0.0, 0.0, scene.Group(start.frame(width), tag="gradient-label-start")),
        scene.Placed(0.0, height - end.height, scene.Group(end.frame(width), tag="gradient-label-end")),
    )
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


def paper_scale(layout: PageStyle, width: float, height: float) -> float:
    """How much larger this page is than the layout's own paper (square root of the areas)."""
    ref_w, ref_h = as_style(layout, PageStyle).page_size()
    return math.sqrt((width * height) / (ref_w * ref_h))


def diagram_document(plaat: Praatplaat, layout: DiagramStyleSettings, paper: str | None = None,
                     orientation: str | None = None, crop_marks: bool = False) -> tuple[scene.Document, Diagram]:
    """The diagram product: one page with header, diagram and credit line (`layout`: the
    diagram's style)."""
    from generator.styles import scaled

    base = as_style(layout, DiagramStyleSettings)
    width, height = base.page_size(paper, orientation)
    scale = paper_scale(base, width, height)
    st = scaled(base, scale)
    orient = "landscape" if width > height else "portrait"
    lang = plaat.meta.language
    inner = width - 2 * st.margin
    header, header_h = _header(plaat, st, inner)
    credit = set_text(plaat.meta.credit, inner, text_style(st, st.footer.size, color=st.palette.muted, lang=lang),
                      tag="credit")
    top = st.margin + header_h + st.header.gap
    bottom = height - st.margin - credit.height - st.footer.gap
    style = diagram_style(base, scale, lang=lang)
    overhang = (st.margin + st.bleed, st.margin + st.bleed) if orient == "landscape" else (0.0, 0.0)
    diagram = layout_diagram(plaat.themes_by_level, theme_colours(plaat, st),
                             (plaat.labels.gradient_start, plaat.labels.gradient_end),
                             st, inner, bottom - top, orient, style, overhang)
    alt = diagram_alt(plaat.labels.diagram_description, [t.name for t in plaat.themes_by_level],
                      plaat.labels.gradient_start, plaat.labels.gradient_end)
    items = (
        scene.Placed(st.margin, st.margin, scene.Group(header, tag="header")),
        scene.Placed(st.margin, top, scene.Group(diagram.frame, tag="diagram", role=scene.Role("Figure", alt=alt))),
        scene.Placed(st.margin, height - st.margin - credit.height, scene.Group(credit.frame(), tag="credit",
                                                                                role=scene.Role("P"))),
    )
    marks = scene.CropMarks(st.crop_marks.length, st.crop_marks.offset) if crop_marks else None
    page = scene.Page(scene.Frame(width, height, items), bleed=st.bleed, crop_marks=marks,
                      label=plaat.labels.diagram)
    doc = scene.Document((page,), document_meta(plaat, plaat.labels.diagram), font_faces(st))
    return doc, diagram


def _header(plaat: Praatplaat, st, width: float) -> tuple[scene.Frame, float]:
    """The diagram's name as a small kicker (in the abstract end's colour when it reads well),
    the title, the subtitle: stacked, left-aligned (`st`: the scaled diagram style)."""
    muted = st.palette.muted
    lang = plaat.meta.language
    accent = st.palette.gradient_start
    kicker = accent if contrast(accent, st.palette.paper) >= 4.5 else muted
    parts = [
        (plaat.labels.diagram, text_style(st, st.header.kicker_size, weight="semibold", color=kicker, lang=lang),
         "kicker"),
        (plaat.meta.title, text_style(st, st.header.title_size, weight="bold", leading=1.1, lang=lang, heading=True),
         "title"),
    ]
    if plaat.meta.subtitle:
        parts.append((plaat.meta.subtitle, text_style(st, st.header.subtitle_size, color=muted, lang=lang,
                                                      heading=True), "subtitle"))
    items, y = [], 0.0
    for text, style, tag in parts:
        block = set_text(text, width, style, tag=tag)
        role = scene.Role("H1" if tag == "title" else "P")
        items.append(scene.Placed(0, y, scene.Group(block.frame(), tag=tag, role=role)))
        y += block.height
    return scene.Frame(width, y, tuple(items)), y
