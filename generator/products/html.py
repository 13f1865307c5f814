"""The accessible HTML edition: one self-contained page (output/index.html), no scripts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.styles import load_part, load_style
from generator.model import Praatplaat, Question, Theme
from generator.products import Artifact, Options, Product, Result

if TYPE_CHECKING:
    from generator.styles import HtmlStyle
    from generator.styles.diagram import DiagramParts

TEMPLATE = "index.html.j2"
WEIGHTS = (("regular", 400, "normal"), ("semibold", 600, "normal"), ("bold", 700, "normal"),
           ("italic", 400, "italic"))


@dataclass(frozen=True)
class ThemeView:
    id: str
    name: str
    colour: str   # the theme's colour (heading band)
    ink: str      # text on that colour
    number: str   # question numbers on paper: the colour, darkened to 4.5:1 if needed
    questions: tuple[Question, ...]


def build(plaat: Praatplaat, options: Options) -> Result:
    from generator.styles import HtmlStyle
    from generator.styles.diagram import DiagramParts

    layout = load_style(options.layouts, "html", HtmlStyle)
    diagram = load_part(options.layouts, layout.diagram.layout, DiagramParts, f"{layout.name}.yaml: 'diagram.layout'")
    # all themes, by level (--themes selects the posters and cards only)
    return Result((Artifact("index.html", render_page(plaat, layout, diagram, plaat.themes_by_level)),))


def render_page(plaat: Praatplaat, layout: HtmlStyle, diagram_layout: DiagramParts, themes: tuple[Theme, ...]) -> bytes:
    from generator.render.html import font_faces_css, render_template

    context = page_context(plaat, layout, diagram_layout, themes)
    html = render_template(TEMPLATE, font_css="", **context)
    if layout.fonts_embed:
        css = font_faces_css(layout.font_family, _faces(layout), html)
        html = render_template(TEMPLATE, font_css=css, **context)
    return html.encode("utf-8")


def page_context(plaat: Praatplaat, layout: HtmlStyle, diagram_layout: DiagramParts, themes: tuple[Theme, ...]) -> dict:
    from dataclasses import asdict, replace

    from generator.color import darken_to, mix, normalise_hex, text_on
    from generator.layout.common import document_meta, theme_colours
    from generator.layout.gradient import ramp_stops

    palette = replace(layout.palette, **{k: normalise_hex(v) for k, v in asdict(layout.palette).items()})
    paper, start = palette.paper, palette.gradient_start
    tint = mix(darken_to(start, paper), paper, layout.challenge.tint)
    colours = theme_colours(plaat, diagram_layout)
    meta = document_meta(plaat, plaat.meta.subtitle or plaat.meta.title)
    views = [ThemeView(t.id, t.name, colours[t.id], text_on(colours[t.id]), darken_to(colours[t.id], paper),
                       t.questions) for t in themes]
    return dict(
        lang=plaat.meta.language, document_title=meta.title, author=meta.author, meta=plaat.meta,
        labels=plaat.labels, intro_title=plaat.intro_title, intro=plaat.intro, reflection=plaat.reflection,
        footnotes=plaat.footnotes, themes=views, palette=palette,
        accent=darken_to(darken_to(start, paper), tint), accent_tint=tint,
        gradient=[s.color for s in ramp_stops(start, palette.gradient_end, 9)],
        diagram_svg=diagram_svg(plaat, layout, diagram_layout, themes) if themes else None,
    )


def diagram_svg(plaat: Praatplaat, layout: HtmlStyle, diagram_layout: DiagramParts, themes: tuple[Theme, ...]):
    """The bubble diagram alone (no title: the page has it) as an inline SVG."""
    from generator import scene
    from generator.layout.common import document_meta, font_faces, theme_colours
    from generator.layout.diagram import diagram_style, layout_diagram, paper_scale
    from generator.render import render_svg
    from generator.render.html import inline_svg
    from generator.units import paper_size

    d = layout.diagram
    width, height = paper_size(d.paper, d.orientation)
    margin = d.margin
    scale = d.scale if d.scale is not None else paper_scale(diagram_layout, width, height)
    style = diagram_style(diagram_layout, scale, lang=plaat.meta.language)
    orientation = "landscape" if width > height else "portrait"
    diagram = layout_diagram(themes, theme_colours(plaat, diagram_layout),
                             (plaat.labels.gradient_start, plaat.labels.gradient_end), diagram_layout,
                             width - 2 * margin, height - 2 * margin, orientation, style)
    frame = scene.Frame(width, height, (scene.Placed(margin, margin, scene.Group(diagram.frame, tag="diagram")),))
    doc = scene.Document((scene.Page(frame),), document_meta(plaat, plaat.labels.diagram), font_faces(diagram_layout))
    return inline_svg(render_svg(doc), "diagram-caption")


def _faces(layout: HtmlStyle) -> tuple[tuple[str, int, str], ...]:
    from generator.text.fonts import font_face

    return tuple((str(font_face(getattr(layout.fonts, key)).path), weight, style) for key, weight, style in WEIGHTS)


PRODUCT = Product(
    "html",
    "the accessible HTML edition: one self-contained page with every text, the diagram and its description",
    ("html", "diagram"),
    build,
)
