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
its column, or in a text column of their own on the left (where they grow to fill it); each
arrangement listed in `columns.<orientation>` is tried and the one giving the largest sizes is
kept (the search stops early once the best so far cannot be beaten). The text blocks are set in
layout/poster_text.py. Which column each theme's panel takes is searched (layout/packing.py:
every split scored by the taller column, the zigzag preferred among those that fit); the bubbles sit on their
panels' sides of the spine (the diagram component, layout/diagram.layout_diagram), panels in
bubble order near their bubbles, joined by leaders (question_panels, panels). One question
size for all panels, as large as fits; if nothing fits at `minimum.question` (or `--min-size`)
the build fails with a QuestionOverflow saying what the questions need, what the sheet holds
and advice that was tried first (poster_advice). `overview=True` sets each theme's question
count instead of its questions, for content too large for one sheet.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Sequence

from generator import scene
from generator.errors import ConfigError, LayoutError, PraatplaatError
from generator.layout import bands
from generator.layout.bubbles import Box
from generator.layout.common import document_meta, font_faces, selected_themes, theme_colours
from generator.layout.diagram import Diagram, PlacedTheme, as_style, diagram_style, layout_diagram, paper_scale
from generator.layout.poster_text import text_blocks, title_style
from generator.layout.roles import diagram_alt
from generator.layout.question_panels import (
    SIZE_STEP, LeaderStyle, PanelSpec, PanelStyle, PlacedPanel, QuestionOverflow, fit_questions, leader_items,
    place_panels, with_sides,
)
from generator.model import Praatplaat, Theme
from generator.styles import PosterStyle
from generator.text.fit import floor_to_grid, grid
from generator.units import PAPER_MM, mm, to_mm


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
    style: PosterStyle                 # the layout's settings, scaled to this sheet (points)
    base: PosterStyle                  # the same at the layout's own paper


def settings(layout, paper: str | None, orientation: str | None, min_size: float | None = None) -> Settings:
    """The poster's settings for one sheet (`layout`: its PosterStyle);
    `min_size` (printed points) replaces the layout's smallest question size (`--min-size`)."""
    from generator.styles import scaled

    base = as_style(layout)
    try:
        width, height = base.page_size(paper, orientation)
    except ValueError as exc:
        raise PraatplaatError(f"poster: {exc}") from None
    scale = paper_scale(base, width, height)
    st = scaled(base, scale)
    orient = "landscape" if width > height else "portrait"
    if min_size is not None and not 0 < min_size <= 400:
        raise PraatplaatError(f"--min-size must be a size in points above 0 (got {min_size:g})")
    smallest = st.minimum.question if min_size is None else float(min_size)
    q, p = st.questions, st.panel
    panel = PanelStyle(
        min_size=smallest, max_size=max(smallest, q.max), leading=q.leading, spacing=q.spacing,
        number_width=q.number_width, number_gap=q.number_gap, min_measure=q.min_measure, sub_gutter=q.sub_gutter,
        header_scale=p.header_scale, header_leading=p.header_leading, pad=p.pad, header_pad=p.header_pad, gap=p.gap,
        radius=p.radius, tint=p.tint, ink_contrast=p.ink_contrast,
    )
    arrangements = tuple(Arrangement(a.text, a.centre) for a in getattr(st.columns, orient))
    if not arrangements:
        raise ConfigError(f"{base.name}.yaml: 'columns.{orient}' is empty")
    if any(a.text + a.centre >= 0.9 for a in arrangements):
        raise ConfigError(f"{base.name}.yaml: 'columns.{orient}': the shares of an arrangement add up to "
                          f"0.9 or more, which leaves no room for the question panels")
    if "diagram" not in st.centre.order:
        raise ConfigError(f"{base.name}.yaml: 'centre.order' must list the diagram")
    return Settings(
        width=width, height=height, scale=scale, orientation=orient, margin=st.margin, bleed=st.bleed,
        gutter=st.columns.gutter, arrangements=arrangements, centre_gap=st.centre.gap, centre_order=st.centre.order,
        min_diagram=st.centre.min_diagram, min_text=st.minimum.text, panel=panel,
        leader=LeaderStyle(st.leader.width, st.leader.dot), style=st, base=base,
    )


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
    column_need: tuple[float, float] = (0.0, 0.0)   # what the left and right panels take (of a column's height)


@dataclass(frozen=True)
class Poster:
    document: scene.Document
    geometry: PosterGeometry


def output_stem(layout, paper: str | None, orientation: str | None) -> str:
    """'poster-a0', 'poster-a2', 'poster-a1-landscape' …"""
    style = as_style(layout, PosterStyle)
    name = (paper or style.paper or "A0").lower()
    orient = orientation or style.orientation or "portrait"
    return f"poster-{name}" + ("" if orient == "portrait" else f"-{orient}")


# --- building ---------------------------------------------------------------------------------


def poster(plaat: Praatplaat, layout, paper: str | None = None, orientation: str | None = None,
           crop_marks: bool = False, theme_ids: tuple[str, ...] = (), *, min_size: float | None = None,
           overview: bool = False, advise: bool = True) -> Poster:
    """Lay the poster out on one page: each arrangement of `columns` is tried and the one whose
    question and theme-name sizes are furthest above their minimums (the smaller of the two
    ratios; then the larger question size) is kept. LayoutError if none fits at the minimum
    sizes (the most useful of their errors: a question overflow if there is one, with advice
    that was tried first unless `advise` is False). `overview`: the panels hold each theme's
    question count instead of its questions (for content too large for one sheet)."""
    st = settings(layout, paper, orientation, min_size)
    band_frame, body, failures = _search(plaat, st, theme_ids, overview)
    if body is None:
        overflows = [f for f in failures if isinstance(f, QuestionOverflow)]
        if not overflows:
            raise failures[0]
        worst = min(overflows, key=lambda f: f.overflow)
        if not advise:
            raise worst
        from generator.layout.poster_advice import advice

        raise QuestionOverflow(f"{worst}; {advice(plaat, st.base, paper, st, worst, theme_ids, overview)}",
                               worst.overflow, worst.need, worst.hold) from None
    return _compose(plaat, st.base, st, band_frame, body, crop_marks)


def lays_out(plaat: Praatplaat, layout, paper: str | None = None, orientation: str | None = None,
             theme_ids: tuple[str, ...] = (), *, min_size: float | None = None, overview: bool = False) -> bool:
    """True if `poster` with these arguments would lay the poster out (not raise a
    LayoutError): the arrangements are tried only until one lays out."""
    try:
        st = settings(layout, paper, orientation, min_size)
        return _search(plaat, st, theme_ids, overview, first=True)[1] is not None
    except LayoutError:
        return False


def _search(plaat: Praatplaat, st: Settings, theme_ids: tuple[str, ...], overview: bool,
            first: bool = False) -> tuple[scene.Frame, _Body | None, list[LayoutError]]:
    """The title band, the best arrangement's body (None if none lays out) and the errors of
    those that did not. The arrangements are tried in order and the search stops early when
    the best so far cannot be beaten: its key reaches `_best_possible` (a later arrangement
    must be strictly better); `first`: at the first that lays out."""
    layout = st.base
    themes = selected_themes(plaat, theme_ids)
    band_frame = _title_band(plaat.meta.title, plaat.meta.subtitle, plaat.meta.language, st)
    body_top = band_frame.height + st.style.title.gap
    ceiling = _best_possible(st, layout, plaat.meta.language)
    best: tuple[tuple[float, float], _Body] | None = None
    failures: list[LayoutError] = []
    for arrangement in st.arrangements:
        errors_used = not first and best is None   # once one has laid out, no error is reported
        try:
            body = _body(plaat, themes, layout, st, arrangement, body_top, overview, text_first=errors_used)
        except LayoutError as exc:
            failures.append(exc)
            continue
        key = _key(body, st)
        if best is None or key > best[0]:
            best = (key, body)
        if first or best[0] >= ceiling:
            break
    return band_frame, (best[1] if best else None), failures


def _key(body: _Body, st: Settings) -> tuple[float, float]:
    """How good an arrangement's body is (larger is better): the smaller of the question's and
    the theme names' ratios to their minimums, then the question size."""
    return (round(min(body.question_size / st.panel.min_size, body.name_size / body.min_name), 4),
            body.question_size)


def _best_possible(st: Settings, layout, lang: str) -> tuple[float, float]:
    """A bound on `_key` for any arrangement: the largest question size of the search's grid
    and the largest name size the diagram can give (its maximum on the quarter-point grid, at
    least the minimum)."""
    dstyle = diagram_style(layout, st.scale, lang=lang)
    question = grid(st.panel.min_size, st.panel.max_size, SIZE_STEP)[-1]
    name = max(dstyle.name_min, floor_to_grid(dstyle.name_max))
    return (round(min(question / st.panel.min_size, name / dstyle.name_min), 4), question)


@dataclass(frozen=True)
class _Body:
    """One arrangement laid out: everything below the title band."""

    arrangement: Arrangement
    columns: tuple[Box | None, Box, Box, Box]   # text, left, centre, right
    blocks: dict[str, scene.Frame]
    boxes: dict[str, Box]
    diagram: Diagram
    bubbles: tuple[PlacedTheme, ...]           # page coordinates
    name_size: float
    min_name: float
    question_size: float
    specs: tuple[PanelSpec, ...]
    panels: tuple[PlacedPanel, ...]
    column_need: tuple[float, float]


def _body(plaat: Praatplaat, themes: Sequence[Theme], layout, st: Settings, arrangement: Arrangement,
          top: float, overview: bool, text_first: bool = True) -> _Body:
    """The columns, the text blocks, the panels at the largest question size with the best
    assignment of themes to columns, and the diagram with each bubble on its panel's side (the
    next assignment that fits is tried if the diagram cannot take one). `text_first`: the text
    blocks before the panels, so that their error is the one raised if both fail; else the
    panels first (cheaper when only success matters: no text set if the panels do not fit)."""
    lang = plaat.meta.language
    text_col, left, centre, right = _columns(st, arrangement, top)
    if text_first:
        blocks = _text_blocks(plaat, st, text_col, centre)
        boxes = _stack_blocks(blocks, st, centre, text_col)
    dstyle = diagram_style(layout, st.scale, lang=lang)
    colours = theme_colours(plaat, layout)
    fit = fit_questions(themes, colours, layout, st.panel, left, lang, f"poster {_paper_name(st)}",
                        plaat.labels.questions if overview else "")
    if not text_first:
        blocks = _text_blocks(plaat, st, text_col, centre)
        boxes = _stack_blocks(blocks, st, centre, text_col)
    box = boxes["diagram"]
    labels = (plaat.labels.gradient_start, plaat.labels.gradient_end)
    failure: LayoutError | None = None
    for packing in fit.packings:
        diagram = _diagram(tuple(themes), tuple(colours.items()), labels, layout, box.width, box.height, dstyle,
                           packing.sides)
        if isinstance(diagram, LayoutError):
            failure = failure or diagram
            continue
        specs = with_sides(fit.specs, packing.sides)
        bubbles = tuple(replace(b, cx=b.cx + box.x, cy=b.cy + box.y) for b in diagram.bubbles)
        panels = place_panels(specs, bubbles, left, right, centre, st.panel.gap)
        return _Body(arrangement, (text_col, left, centre, right), blocks, boxes, diagram, bubbles,
                     diagram.name_size, dstyle.name_min, fit.size, tuple(specs), panels, (packing.left, packing.right))
    if failure is not None:
        raise failure.with_traceback(None)   # a memoised error: no traceback from earlier raises
    raise LayoutError("poster: no assignment of themes to columns")


@functools.lru_cache(maxsize=8)
def _title_band(title: str, subtitle: str, lang: str, st: Settings) -> scene.Frame:
    """The title band across the top, memoised (the advice's trials and a warm process ask again)."""
    return bands.title_band(title, subtitle, st.width, st.margin, st.bleed, title_style(st.style, lang))


@functools.lru_cache(maxsize=32)
def _text_blocks(plaat: Praatplaat, st: Settings, text_col: Box | None, centre: Box) -> dict[str, scene.Frame]:
    """The introduction, challenges and credits (poster_text.text_blocks), memoised by all
    their inputs: the arrangements, the advice's trials and a warm process ask again."""
    return text_blocks(plaat, st, text_col, centre, plaat.meta.language)


@functools.lru_cache(maxsize=128)
def _diagram(themes: tuple[Theme, ...], colours: tuple[tuple[str, str], ...], labels: tuple[str, str], layout,
             width: float, height: float, dstyle, sides: tuple[int, ...]) -> Diagram | LayoutError:
    """The diagram in its box with the bubbles on these sides, or why it cannot be laid out;
    memoised by all its inputs (the same box and sides recur in the advice's trials and a
    warm process)."""
    try:
        return layout_diagram(themes, dict(colours), labels, layout, width, height, "portrait", dstyle,
                              centred_axis=True, sides=sides)
    except LayoutError as exc:
        return exc


def _compose(plaat: Praatplaat, layout, st: Settings, band_frame: scene.Frame, body: _Body,
             crop_marks: bool) -> Poster:
    """The page: title band, introduction, leaders, diagram, panels, challenges and credits.
    Drawing order is the tagged PDF's reading order (none of them overlap): title,
    introduction, the diagram (a Figure with its text alternative), the questions by theme,
    then the challenges and the credits."""
    items: list[scene.Placed] = [scene.Placed(0.0, 0.0, scene.Group(band_frame, tag="title-band"))]
    later: list[scene.Placed] = []
    for name, frame in body.blocks.items():
        box = body.boxes[name]
        (items if name == "intro" else later).append(scene.Placed(box.x, box.y, scene.Group(frame, tag=name)))
    for panel in body.panels:
        items.extend(leader_items(panel, st.leader))
    diagram_box = body.boxes["diagram"]
    shown = {p.theme_id for p in body.panels}
    alt = diagram_alt(plaat.labels.diagram_description, [t.name for t in plaat.themes_by_level if t.id in shown],
                      plaat.labels.gradient_start, plaat.labels.gradient_end)
    items.append(scene.Placed(diagram_box.x, diagram_box.y, scene.Group(body.diagram.frame, tag="diagram",
                                                                        role=scene.Role("Figure", alt=alt))))
    for spec, panel in zip(body.specs, body.panels):
        items.append(scene.Placed(panel.box.x, panel.box.y, scene.Group(spec.frame, tag=f"panel:{panel.theme_id}")))
    items.extend(later)
    marks = None
    if crop_marks:
        marks = scene.CropMarks(st.style.crop_marks.length, st.style.crop_marks.offset)
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
        min_text=st.min_text, min_question=st.panel.min_size, min_name=body.min_name, column_need=body.column_need,
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
            "shorten the introduction or the challenges' titles")
    if text_col and others - st.centre_gap > text_col.height + 1e-6:
        raise LayoutError(
            f"poster {_paper_name(st)}: the introduction, challenges and credits are "
            f"{to_mm(others - st.centre_gap - text_col.height):.0f} mm too long for their column; "
            "shorten the introduction or the challenges' titles")
    boxes: dict[str, Box] = {}
    y_centre = centre.y
    y_text = text_col.y if text_col else centre.y
    for name in st.centre_order:
        if name != "diagram" and name not in blocks:
            continue
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

