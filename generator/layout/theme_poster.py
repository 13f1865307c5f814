"""Theme posters: one sheet per theme (layouts/theme-poster.yaml, A2 portrait by default).

    ┌──────────── title band (the praatplaat's title) ────────────┐
    │ abstract label │ ┌ theme name ─────────────────────────────┐ │
    │      ●         │ │ 1. question …                           │ │
    │      │         │ │ 2. question …                           │ │
    │    (bubble)────┤ │ …  (all questions, as large as fits)    │ │
    │      ●         │ │                                         │ │
    │ concrete label │ └─────────────────────────────────────────┘ │
    └──────────────────────────────────────────────────────────────┘

The strip on the left shows where the theme sits on the abstract → concrete axis: every theme
is a dot in its colour at its place (by level rank), this theme a bubble with its name, joined
to its panel by a leader. The panel is the poster's (question_panels.panel): one question
size, the largest that fits the sheet (fit_questions with one theme).

Tagged PDF (reading order = drawing order): the title band (H1, P), the strip as one Figure
whose text alternative names the theme and every theme in axis order, the panel (its heading
H2, the questions a list); leaders are decoration.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from generator import scene
from generator.errors import LayoutError
from generator.layout import bands
from generator.layout.bubbles import Box
from generator.layout.common import document_meta, font_faces, text_style, theme_colours
from generator.layout.diagram import diagram_style
from generator.layout.gradient import AxisStyle, axis, axis_dot
from generator.layout.names import name_lines, name_options, shared_size
from generator.layout.panels import attach_height, straight_leader
from generator.layout.poster import Settings, settings
from generator.layout.poster_text import title_style
from generator.layout.question_panels import PlacedPanel, fit_questions, leader_items
from generator.layout.roles import place_alt
from generator.model import Praatplaat, Theme
from generator.text.breaking import set_text
from generator.text.fit import floor_to_grid


@dataclass(frozen=True)
class ThemePoster:
    theme_id: str
    document: scene.Document
    question_size: float
    name_size: float
    bubble: tuple[float, float, float]   # cx, cy, r (page coordinates)
    panel: Box
    strip: Box
    trim: Box
    safe: Box
    min_question: float
    min_text: float


def output_name(theme: Theme) -> str:
    return f"theme-poster-{theme.id}"


def theme_posters(plaat: Praatplaat, layout, paper: str | None = None, orientation: str | None = None,
                  crop_marks: bool = False, theme_ids: tuple[str, ...] = (),
                  min_size: float | None = None) -> list[ThemePoster]:
    """One poster per theme (or per theme in `theme_ids`), in level order."""
    from generator.layout.common import selected_themes

    st = settings(layout, paper, orientation, min_size)
    everyone = plaat.themes_by_level
    colours = theme_colours(plaat, st.base)
    band = title_band(plaat, st)   # the same on every sheet: set once
    return [theme_poster(plaat, st, theme, everyone, colours, crop_marks, band)
            for theme in selected_themes(plaat, theme_ids)]


def title_band(plaat: Praatplaat, st: Settings) -> scene.Frame:
    """The band with the praatplaat's title across the top of a theme poster."""
    return bands.title_band(plaat.meta.title, plaat.meta.subtitle, st.width, st.margin, st.bleed,
                            title_style(st.style, plaat.meta.language))


def theme_poster(plaat: Praatplaat, st: Settings, theme: Theme, everyone: Sequence[Theme],
                 colours: dict[str, str], crop_marks: bool, band: scene.Frame | None = None) -> ThemePoster:
    """One theme's poster; `band`: its title band if already set (`title_band`)."""
    lang = plaat.meta.language
    sty = st.style
    band = band or title_band(plaat, st)
    top = band.height + sty.title.gap
    inner = st.width - 2 * st.margin
    strip_w = inner * sty.theme_poster.strip
    strip = Box(st.margin, top, strip_w, st.height - st.margin - top)
    column = Box(strip.right + st.gutter, top, inner - strip_w - st.gutter, strip.height)
    fit = fit_questions([theme], colours, st.base, st.panel, column, lang, f"theme poster '{theme.id}'")
    spec = fit.specs[0]
    items: list[scene.Placed] = [scene.Placed(0.0, 0.0, scene.Group(band, tag="title-band"))]
    strip_items, bubble, name_size = _strip(plaat, st, theme, everyone, colours, strip)
    # the panel level with the bubble where the sheet allows
    y = min(max(bubble[1] - spec.header_height / 2, column.y), column.bottom - spec.height)
    box = Box(column.x, y, column.width, spec.height)
    end_y = attach_height(bubble[1], box, min(spec.header_height / 2, box.height / 2))
    if abs(end_y - bubble[1]) > 1e-6:   # the leader runs level or not at all
        end_y = bubble[1] if box.y < bubble[1] < box.bottom else end_y
    leader = straight_leader(*bubble, box.x, end_y)
    placed = PlacedPanel(theme.id, 1, box, leader, spec.colour, spec.columns)
    items += leader_items(placed, st.leader)
    alt = place_alt(theme.name, [t.name for t in everyone], plaat.labels.gradient_start, plaat.labels.gradient_end)
    items.append(scene.Placed(0.0, 0.0, scene.Group(scene.Frame(st.width, st.height, tuple(strip_items)),
                                                    tag="strip", role=scene.Role("Figure", alt=alt))))
    items.append(scene.Placed(box.x, box.y, scene.Group(spec.frame, tag=f"panel:{theme.id}")))
    marks = scene.CropMarks(sty.crop_marks.length, sty.crop_marks.offset) if crop_marks else None
    page = scene.Page(scene.Frame(st.width, st.height, tuple(items)), bleed=st.bleed, crop_marks=marks,
                      label=theme.name)
    doc = scene.Document((page,), document_meta(plaat, theme.name), font_faces(sty))
    return ThemePoster(theme.id, doc, fit.size, name_size, bubble, box, strip, Box(0.0, 0.0, st.width, st.height),
                       Box(st.margin, st.margin, st.width - 2 * st.margin, st.height - 2 * st.margin),
                       st.panel.min_size, st.min_text)


def _strip(plaat: Praatplaat, st: Settings, theme: Theme, everyone: Sequence[Theme],
           colours: dict[str, str], strip: Box) -> tuple[list[scene.Placed], tuple[float, float, float], float]:
    """The axis with its end labels, a dot per theme at its place, this theme's bubble."""
    from generator.color import text_on

    lang = plaat.meta.language
    sty = st.style
    dstyle = diagram_style(st.base, st.scale, lang=lang)
    label_style = text_style(sty, dstyle.label_size, weight="semibold", align="center", lang=lang,
                             color=sty.palette.muted)
    start = bands.checked(set_text(plaat.labels.gradient_start, strip.width, label_style,
                                   tag="gradient-label-start"), "labels.gradient_start")
    end = bands.checked(set_text(plaat.labels.gradient_end, strip.width, label_style, tag="gradient-label-end"),
                        "labels.gradient_end")
    gap, dot = dstyle.axis_gap, 2 * axis_dot(dstyle.bar)
    first = strip.y + start.height + gap + dot
    last = strip.bottom - end.height - gap - dot
    radius = min(strip.width * sty.theme_poster.bubble / 2, (last - first) / 2)
    if radius <= 0:
        raise LayoutError(f"theme poster '{theme.id}': no room for the bubble")
    cx = strip.x + strip.width / 2
    bar = axis(last - first + 2 * dot, True, AxisStyle(dstyle.gradient_start, dstyle.gradient_end, dstyle.bar,
                                                       dstyle.stops))
    items = [
        scene.Placed(cx - bar.width / 2, first - dot, scene.Group(bar, tag="gradient-axis")),
        scene.Placed(strip.x, strip.y, bands.text_group(start, "gradient-label-start", strip.width)),
        scene.Placed(strip.x, strip.bottom - end.height, bands.text_group(end, "gradient-label-end", strip.width)),
    ]
    n = len(everyone)
    rank = {t.id: k for k, t in enumerate(everyone)}

    def place(k: int) -> float:
        return first + radius + (0.5 if n == 1 else k / (n - 1)) * (last - first - 2 * radius)

    small = sty.theme_poster.dot
    for other in everyone:
        if other.id != theme.id:
            items.append(scene.Placed(cx, place(rank[other.id]), scene.Circle(small, colours[other.id],
                                                                            tag=f"theme-dot:{other.id}")))
    cy = place(rank[theme.id])
    fill = colours[theme.id]
    ring = scene.Stroke(dstyle.paper, dstyle.ring) if dstyle.ring > 0 else None
    items.append(scene.Placed(cx, cy, scene.Circle(radius - dstyle.ring / 2, fill, ring, tag=f"bubble:{theme.id}")))
    option = name_options(theme.label, dstyle.names)
    room = radius * (1 - dstyle.padding)
    size = shared_size([option], [room], dstyle.shrink, dstyle.name_max, dstyle.tolerance)
    size = floor_to_grid(size)
    if size < dstyle.name_min:
        raise LayoutError(f"theme poster '{theme.id}' ({theme.source}): the name '{theme.name}' does not fit its "
                          f"bubble at {dstyle.name_min:.1f} pt; shorten it or mark break points with '|'")
    for line in name_lines(option.choose(size, room), size, dstyle.names, text_on(fill), tag=f"name:{theme.id}"):
        items.append(scene.Placed(cx + line.x, cy + line.y, line.item))
    return items, (cx, cy, radius), size
