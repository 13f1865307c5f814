"""The poster: one sheet with the title band, the bubble diagram with every question in a panel
beside its bubble, the introduction, the challenges and the credits.

Geometry (layouts/poster.yaml; sizes for A0, scaled by the square root of the area ratio):

    ┌──────────────── title band (full bleed) ────────────────┐
    │ [text] │ left panels │ diagram      │ right panels      │
    │        │  (bubbles   │ [introduction│  (bubbles on the  │
    │        │  left of    │  challenges  │  right of the     │
    │        │  the spine) │  credits]    │  spine)           │
    └────────┴─────────────┴──────────────┴───────────────────┘

The introduction, challenges and credits are stacked in `centre.order` under the diagram in
its column, or in a text column of their own on the left; each arrangement listed in
`columns.<orientation>` is tried and the one giving the largest question size is kept. The
bubbles zigzag about a vertical spine; each bubble's panel goes into the column on its side,
in bubble order, near its bubble, joined to it by a leader (question_panels, panels). One
question size for all panels, as large as fits; if nothing fits at `minimum.question` the
build fails with a LayoutError naming the column, the theme and the overflow in mm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from generator import scene
from generator.color import contrast, text_on
from generator.config import get
from generator.errors import ConfigError, LayoutError, PraatplaatError
from generator.layout import bands
from generator.layout.bubbles import Box
from generator.layout.common import document_meta, font_faces, page_size, selected_themes, text_style, theme_colours
from generator.layout.diagram import DiagramStyle, PlacedTheme, diagram_style, paper_scale, place_themes, theme_items
from generator.layout.gradient import AxisStyle, axis, band, ramp_stops, tinted
from generator.layout.question_panels import (
    LeaderStyle, PanelSpec, PanelStyle, PlacedPanel, QuestionOverflow, darkened, fit_questions, leader_items,
    place_panels,
)
from generator.model import Praatplaat, Theme
from generator.text.breaking import TextStyle, set_text
from generator.units import PAPER_MM, mm, to_mm

TEXT_CONTRAST = 4.5
AXIS_DOT = 1.6       # radius of the axis' end dots in bar widths (as generator/layout/gradient.axis draws them)
NUMERAL_RAMP = 0.55  # the challenges' numerals take colours from this first part of the gradient


# --- settings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Arrangement:
    """Shares of the width inside the margins: a text column on the left (0: none; the text
    blocks follow the diagram in its column) and the diagram's column."""

    text: float
    centre: float


@dataclass(frozen=True)
class Settings:
    width: float
    height: float
    scale: float
    orientation: str
    margin: float
    bleed: float
    gutter: float
    arrangements: tuple[Arrangement, ...]
    centre_gap: float
    centre_order: tuple[str, ...]
    min_diagram: float
    min_text: float
    panel: PanelStyle
    leader: LeaderStyle


def settings(layout: dict, paper: str | None, orientation: str | None) -> Settings:
    try:
        width, height = page_size(layout, paper, orientation)
    except ValueError as exc:
        raise PraatplaatError(f"poster: {exc}") from None
    scale = paper_scale(layout, width, height)
    orient = "landscape" if width > height else "portrait"

    def length(path: str) -> float:  # ranges are checked when the layout file is read
        return mm(get(layout, path, float)) * scale

    def points(path: str) -> float:
        return get(layout, path, float) * scale

    panel = PanelStyle(
        min_size=points("minimum.question"), max_size=points("questions.max"),
        leading=get(layout, "questions.leading", float), spacing=get(layout, "questions.spacing", float),
        number_width=get(layout, "questions.number_width", float),
        min_measure=get(layout, "questions.min_measure", float), sub_gutter=get(layout, "questions.sub_gutter", float),
        header_scale=get(layout, "panel.header_scale", float), header_leading=get(layout, "panel.header_leading", float),
        pad=length("panel.pad"), header_pad=length("panel.header_pad"), gap=length("panel.gap"),
        radius=length("panel.radius"), tint=get(layout, "panel.tint", float),
        ink_contrast=get(layout, "panel.ink_contrast", float),
    )
    arrangements = _arrangements(layout, orient)
    order = tuple(get(layout, "centre.order", list))
    unknown = [o for o in order if o not in ("diagram", "intro", "challenges", "credit")]
    if unknown or "diagram" not in order:
        raise ConfigError(f"{layout.get('name', '?')}.yaml: 'centre.order' lists diagram, intro, challenges "
                          f"and credit (got {order})")
    return Settings(
        width=width, height=height, scale=scale, orientation=orient,
        margin=length("margin"), bleed=mm(get(layout, "bleed", float)), gutter=length("columns.gutter"),
        arrangements=arrangements, centre_gap=length("centre.gap"), centre_order=order,
        min_diagram=length("centre.min_diagram"), min_text=points("minimum.text"), panel=panel,
        leader=LeaderStyle(points("leader.width"), length("leader.dot")),
    )


def _arrangements(layout: dict, orientation: str) -> tuple[Arrangement, ...]:
    entries = get(layout, f"columns.{orientation}", list)
    out = []
    for entry in entries:
        ok = isinstance(entry, dict) and all(isinstance(entry.get(k), (int, float)) and not isinstance(entry.get(k), bool)
                                             for k in ("text", "centre"))
        if not ok or entry["centre"] <= 0 or entry["text"] < 0 or entry["text"] + entry["centre"] >= 0.9:
            raise ConfigError(f"{layout.get('name', '?')}.yaml: 'columns.{orientation}' lists arrangements like "
                              f"{{text: 0, centre: 0.3}} (shares of the width, together below 0.9)")
        out.append(Arrangement(float(entry["text"]), float(entry["centre"])))
    if not out:
        raise ConfigError(f"{layout.get('name', '?')}.yaml: 'columns.{orientation}' is empty")
    return tuple(out)


# --- the result -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PosterGeometry:
    """What the poster decided, in page coordinates: for checks and tests."""

    trim: Box
    safe: Box                          # inside the margins
    title_band: Box
    columns: tuple[Box, Box, Box]      # left panels, diagram column, right panels
    text_column: Box | None            # introduction, challenges, credits, if in a column of their own
    arrangement: Arrangement           # the one chosen from `columns`
    blocks: dict[str, Box]             # centre blocks by name
    bubbles: tuple[PlacedTheme, ...]
    panels: tuple[PlacedPanel, ...]
    question_size: float
    name_size: float
    scale: float
    min_text: float
    min_question: float
    min_name: float


@dataclass(frozen=True)
class Poster:
    document: scene.Document
    geometry: PosterGeometry


def output_stem(layout: dict, paper: str | None, orientation: str | None) -> str:
    """'poster-a0', 'poster-a2', 'poster-a1-landscape' …"""
    name = (paper or get(layout, "paper", str)).lower()
    orient = orientation or layout.get("orientation", "portrait")
    return f"poster-{name}" + ("" if orient == "portrait" else f"-{orient}")


def bigger_paper(width: float, height: float) -> str | None:
    """The next larger ISO A size than the page, or None if it is A0 already."""
    area = width * height
    larger = [(w * h, name) for name, (w, h) in PAPER_MM.items() if mm(w) * mm(h) > area * 1.01]
    return min(larger)[1] if larger else None


# --- building ---------------------------------------------------------------------------------


def poster(plaat: Praatplaat, layout: dict, paper: str | None = None, orientation: str | None = None,
           crop_marks: bool = False, theme_ids: tuple[str, ...] = ()) -> Poster:
    """Lay the poster out on one page: each arrangement of `columns` is tried and the one whose
    question and theme-name sizes are furthest above their minimums (the smaller of the two
    ratios; then the larger question size) is kept. LayoutError if none fits at the minimum
    sizes (the most useful of their errors: a question overflow if there is one)."""
    st = settings(layout, paper, orientation)
    themes = selected_themes(plaat, theme_ids)
    band_frame = bands.title_band(plaat.meta.title, plaat.meta.subtitle, st.width, st.margin, st.bleed,
                                  _title_style(layout, st.scale, plaat.meta.language))
    body_top = band_frame.height + mm(get(layout, "title.gap", float)) * st.scale
    best: tuple[tuple[float, float], int, _Body] | None = None
    failures: list[LayoutError] = []
    for index, arrangement in enumerate(st.arrangements):
        try:
            body = _body(plaat, themes, layout, st, arrangement, body_top)
        except LayoutError as exc:
            failures.append(exc)
            continue
        key = (round(min(body.question_size / st.panel.min_size, body.name_size / body.min_name), 4),
               body.question_size)
        if best is None or key > best[0]:
            best = (key, index, body)
    if best is None:
        overflows = [f for f in failures if isinstance(f, QuestionOverflow)]
        raise min(overflows, key=lambda f: f.overflow) if overflows else failures[0]
    return _compose(plaat, layout, st, band_frame, best[2], crop_marks)


@dataclass(frozen=True)
class _Body:
    """One arrangement laid out: everything below the title band."""

    arrangement: Arrangement
    columns: tuple[Box | None, Box, Box, Box]   # text, left, centre, right
    blocks: dict[str, scene.Frame]
    boxes: dict[str, Box]
    diagram_items: tuple[scene.Placed, ...]
    bubbles: tuple[PlacedTheme, ...]
    name_size: float
    min_name: float
    question_size: float
    specs: tuple[PanelSpec, ...]
    panels: tuple[PlacedPanel, ...]


def _body(plaat: Praatplaat, themes: Sequence[Theme], layout: dict, st: Settings, arrangement: Arrangement,
          top: float) -> _Body:
    lang = plaat.meta.language
    text_col, left, centre, right = _columns(st, arrangement, top)
    blocks = _centre_blocks(plaat, layout, st, (text_col or centre).width, lang)
    boxes = _stack_blocks(blocks, st, centre, text_col)
    dstyle = diagram_style(layout, st.scale, lang=lang)
    colours = theme_colours(plaat, layout)
    diagram_items, bubbles, name_size = _diagram(themes, colours, plaat.labels, layout, dstyle, boxes["diagram"], lang)
    sides = [b.side if b.side else (-1 if k % 2 == 0 else 1) for k, b in enumerate(bubbles)]
    size, specs = fit_questions(themes, sides, colours, layout, st.panel, left, lang,
                                f"poster {_paper_name(st)}", f"{_suggest(st)} or shorten the questions")
    panels = place_panels(specs, bubbles, left, right, centre, st.panel.gap)
    return _Body(arrangement, (text_col, left, centre, right), blocks, boxes, tuple(diagram_items), bubbles, name_size,
                 dstyle.name_min, size, tuple(specs), panels)


def _compose(plaat: Praatplaat, layout: dict, st: Settings, band_frame: scene.Frame, body: _Body,
             crop_marks: bool) -> Poster:
    """The page: title band, text blocks, leaders, diagram, panels (in drawing order)."""
    items: list[scene.Placed] = [scene.Placed(0.0, 0.0, scene.Group(band_frame, tag="title-band"))]
    # reading order (tagged PDF) is drawing order: the first text block (the introduction),
    # the diagram and the panels, then the other blocks; none of them overlap
    names = list(body.blocks)
    later: list[scene.Placed] = []
    for k, name in enumerate(names):
        box = body.boxes[name]
        (items if k == 0 else later).append(scene.Placed(box.x, box.y, scene.Group(body.blocks[name], tag=name)))
    for panel in body.panels:
        items.extend(leader_items(panel, st.leader))
    from generator.layout.roles import diagram_alt  # the diagram: one Figure with its text alternative

    names = [t.name for t in plaat.themes_by_level if any(p.theme_id == t.id for p in body.panels)]
    alt = diagram_alt(plaat.labels.diagram_description, names, plaat.labels.gradient_start, plaat.labels.gradient_end)
    items.append(scene.Placed(0.0, 0.0, scene.Group(scene.Frame(st.width, st.height, tuple(body.diagram_items)),
                                                    tag="diagram", role=scene.Role("Figure", alt=alt))))
    for spec, panel in zip(body.specs, body.panels):
        items.append(scene.Placed(panel.box.x, panel.box.y, scene.Group(spec.frame, tag=f"panel:{panel.theme_id}")))
    items.extend(later)
    marks = None
    if crop_marks:
        marks = scene.CropMarks(mm(get(layout, "crop_marks.length", float)), mm(get(layout, "crop_marks.offset", float)))
    page = scene.Page(scene.Frame(st.width, st.height, tuple(items)), bleed=st.bleed, crop_marks=marks,
                      label=plaat.meta.title)
    subject = plaat.meta.subtitle or plaat.meta.title  # the poster's subject, not the diagram's name
    doc = scene.Document((page,), document_meta(plaat, subject), font_faces(layout))
    text_col, left, centre, right = body.columns
    geometry = PosterGeometry(
        trim=Box(0.0, 0.0, st.width, st.height),
        safe=Box(st.margin, st.margin, st.width - 2 * st.margin, st.height - 2 * st.margin),
        title_band=Box(0.0, 0.0, st.width, band_frame.height),
        columns=(left, centre, right), text_column=text_col, arrangement=body.arrangement, blocks=body.boxes, bubbles=body.bubbles,
        panels=body.panels, question_size=body.question_size, name_size=body.name_size, scale=st.scale,
        min_text=st.min_text, min_question=st.panel.min_size, min_name=body.min_name,
    )
    return Poster(doc, geometry)


def _columns(st: Settings, arrangement: Arrangement, top: float) -> tuple[Box | None, Box, Box, Box]:
    """The body's columns: the text column (or None), left panels, diagram, right panels."""
    inner = st.width - 2 * st.margin
    height = st.height - st.margin - top
    text_w = inner * arrangement.text
    centre_w = inner * arrangement.centre
    gutters = 3 if text_w > 0 else 2
    side_w = (inner - text_w - centre_w - gutters * st.gutter) / 2
    if side_w <= 0:
        raise ConfigError("poster.yaml: 'columns' leave no room for the question panels")
    x = st.margin
    text_col = None
    if text_w > 0:
        text_col = Box(x, top, text_w, height)
        x += text_w + st.gutter
    left = Box(x, top, side_w, height)
    centre = Box(left.right + st.gutter, top, centre_w, height)
    right = Box(centre.right + st.gutter, top, side_w, height)
    return text_col, left, centre, right


def _stack_blocks(blocks: dict[str, scene.Frame], st: Settings, centre: Box, text_col: Box | None) -> dict[str, Box]:
    """Boxes for the diagram and the text blocks, stacked in `centre.order` in their columns;
    the diagram takes the height its column has left."""
    others = sum(f.height for f in blocks.values()) + st.centre_gap * len(blocks)
    diagram_h = centre.height - (0.0 if text_col else others)
    if diagram_h < st.min_diagram:
        raise LayoutError(
            f"poster {_paper_name(st)}: the introduction, challenges and credits leave "
            f"{to_mm(max(diagram_h, 0)):.0f} mm for the diagram (it needs {to_mm(st.min_diagram):.0f} mm); "
            f"{_suggest(st)} or shorten the introduction")
    if text_col and others - st.centre_gap > text_col.height + 1e-6:
        raise LayoutError(
            f"poster {_paper_name(st)}: the introduction, challenges and credits are "
            f"{to_mm(others - st.centre_gap - text_col.height):.0f} mm too long for their column; "
            f"{_suggest(st)} or shorten the introduction")
    boxes: dict[str, Box] = {}
    y_centre = centre.y
    y_text = text_col.y if text_col else centre.y
    for name in st.centre_order:
        if name == "diagram":
            boxes[name] = Box(centre.x, y_centre, centre.width, diagram_h)
            y_centre += diagram_h + st.centre_gap
            if not text_col:
                y_text = y_centre
        elif text_col:
            boxes[name] = Box(text_col.x, y_text, text_col.width, blocks[name].height)
            y_text += blocks[name].height + st.centre_gap
        else:
            boxes[name] = Box(centre.x, y_text, centre.width, blocks[name].height)
            y_text += blocks[name].height + st.centre_gap
            y_centre = y_text
    return boxes


def _paper_name(st: Settings) -> str:
    """'A2 portrait' (or the size in mm for a sheet that is not an A size)."""
    for name, (w, h) in PAPER_MM.items():
        if {round(mm(w), 1), round(mm(h), 1)} == {round(st.width, 1), round(st.height, 1)}:
            return f"{name} {st.orientation}"
    return f"{to_mm(st.width):.0f} × {to_mm(st.height):.0f} mm"


def _suggest(st: Settings) -> str:
    bigger = bigger_paper(st.width, st.height)
    advice = f"use a bigger paper (--paper {bigger})" if bigger else "use fewer themes"
    return advice + (", try --orientation portrait" if st.orientation == "landscape" else "")


# --- title band and middle column ---------------------------------------------------------------


def _title_style(layout: dict, scale: float, lang: str) -> bands.TitleStyle:
    palette = get(layout, "palette", dict)
    fill = palette["gradient_start"]
    ink = text_on(fill)
    accent = palette["gradient_end"] if contrast(palette["gradient_end"], fill) >= TEXT_CONTRAST else ink
    return bands.TitleStyle(
        title=text_style(layout, get(layout, "title.size", float) * scale, color=ink, weight="bold",
                         leading=get(layout, "title.leading", float), lang=lang, heading=True),
        subtitle=text_style(layout, get(layout, "title.subtitle_size", float) * scale, color=accent,
                            weight="semibold", leading=1.1, lang=lang, heading=True),
        subtitle_gap=mm(get(layout, "title.subtitle_gap", float)) * scale,
        pad_top=mm(get(layout, "title.pad_top", float)) * scale,
        pad_bottom=mm(get(layout, "title.pad_bottom", float)) * scale,
        fill=fill,
        stripe=mm(get(layout, "title.stripe", float)) * scale,
        stripe_stops=ramp_stops(palette["gradient_start"], palette["gradient_end"], 9),
    )


def _centre_blocks(plaat: Praatplaat, layout: dict, st: Settings, width: float, lang: str) -> dict[str, scene.Frame]:
    """The middle column's text blocks (all but the diagram), by name, in `centre.order`."""
    s = st.scale
    palette = get(layout, "palette", dict)

    def style(path: str, **kw) -> TextStyle:
        return text_style(layout, get(layout, path, float) * s, lang=lang, **kw)

    blocks: dict[str, scene.Frame] = {}
    for name in st.centre_order:
        if name == "intro":
            body = style("intro.size", leading=get(layout, "intro.leading", float))
            prose_style = bands.ProseStyle(
                title=style("intro.heading_size", weight="bold", leading=1.0, color=palette["gradient_start"], heading=True),
                heading=style("intro.subheading_size", weight="semibold", leading=1.1, heading=True),
                body=body,
                paragraph_gap=body.size * body.leading * get(layout, "intro.paragraph_gap", float),
                heading_gap=body.size * body.leading * 0.9,
                item_gap=body.size * body.leading * 0.25,
            )
            text = bands.prose(plaat.intro_title, plaat.intro, width, prose_style, "intro")
            notes = bands.footnotes(plaat.footnotes, width, style("intro.footnote_size", color=palette["muted"]),
                                    palette["rule"], body.size * 0.3)
            stack = bands.Stack().add(scene.Group(text, tag="intro-text"), text.height)
            if notes.height:
                stack = stack.add(scene.Group(notes, tag="footnotes"), notes.height, body.size * body.leading * 0.7)
            blocks[name] = stack.frame(width)
        elif name == "challenges":
            n = len(plaat.challenges)
            colours = tuple(darkened(_ramp_at(palette, NUMERAL_RAMP * k / max(n - 1, 1)), palette["paper"], TEXT_CONTRAST)
                            for k in range(max(n, 1)))
            cstyle = bands.ChallengeStyle(
                heading=style("challenges.heading_size", weight="bold", leading=1.0, color=palette["gradient_start"], heading=True),
                number=style("challenges.number_size", weight="bold", leading=1.0),
                label=style("challenges.label_size", weight="semibold", color=palette["muted"], leading=1.15),
                title=style("challenges.title_size", weight="bold", leading=1.08),
                heading_gap=mm(get(layout, "challenges.gap", float)) * s * 1.2,
                gap=mm(get(layout, "challenges.gap", float)) * s,
                colours=colours,
            )
            blocks[name] = bands.challenges(plaat.labels.challenges, plaat.challenges, width, cstyle)
        elif name == "credit":
            blocks[name] = bands.credits(
                plaat.meta.publisher, plaat.meta.credit, width,
                style("credit.publisher_size", weight="bold", color=palette["gradient_start"], leading=1.0),
                style("credit.size", color=palette["muted"]), 0.0)
    return blocks


def _ramp_at(palette: dict, t: float) -> str:
    from generator.color import ramp

    return ramp(palette["gradient_start"], palette["gradient_end"], t)


# --- the diagram in the middle column -----------------------------------------------------------


def _diagram(themes: Sequence[Theme], colours: dict[str, str], labels, layout: dict, style: DiagramStyle,
             box: Box, lang: str) -> tuple[list[scene.Placed], tuple[PlacedTheme, ...], float]:
    """The gradient axis down the middle of `box` with its end labels centred above and below,
    the soft band behind the bubbles and the bubbles zigzagging about the axis (page coordinates)."""
    label_style = text_style(layout, style.label_size, weight="semibold", align="center", lang=lang,
                             color=get(layout, "palette.muted", str))
    start = bands.checked(set_text(labels.gradient_start, box.width, label_style, tag="gradient-label-start"),
                          "labels.gradient_start")
    end = bands.checked(set_text(labels.gradient_end, box.width, label_style, tag="gradient-label-end"),
                        "labels.gradient_end")
    gap = style.axis_gap
    dot = 2 * AXIS_DOT * style.bar                       # the axis' end dots (gradient.axis)
    head, tail = start.height + gap / 2 + dot + gap, end.height + gap / 2 + dot + gap
    field = Box(box.x, box.y + head, box.width, box.height - head - tail)
    if field.height <= 0:
        raise LayoutError(f"poster: no room for the bubbles ({to_mm(box.height):.0f} mm for the diagram)")
    bubbles, size, options = place_themes(themes, field, "portrait", style)
    items: list[scene.Placed] = []
    spine = box.x + box.width / 2
    lo = min(b.cx - b.r for b in bubbles)
    hi = max(b.cx + b.r for b in bubbles)
    thickness = (hi - lo) * style.band_thickness
    stops = tinted(ramp_stops(style.gradient_start, style.gradient_end, style.stops), style.paper, style.band_tint)
    first, last = bubbles[0].cy - field.y, bubbles[-1].cy - field.y
    if last - first < 1e-6:
        first, last = 0.0, field.height
    items.append(scene.Placed((lo + hi) / 2 - thickness / 2, field.y,
                              band(field.height, thickness, True, stops, first, last)))
    bar = axis(field.height + 2 * (gap + dot), True,
               AxisStyle(style.gradient_start, style.gradient_end, style.bar, style.stops))
    items.append(scene.Placed(spine - bar.width / 2, field.y - gap - dot, scene.Group(bar, tag="gradient-axis")))
    items.append(scene.Placed(box.x, box.y, bands.text_group(start, "gradient-label-start", box.width)))
    items.append(scene.Placed(box.x, box.bottom - end.height, bands.text_group(end, "gradient-label-end", box.width)))
    circles, placed = theme_items(themes, bubbles, options, size, colours, style)
    items.extend(circles)
    return items, placed, size


