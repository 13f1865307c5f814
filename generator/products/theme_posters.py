"""Theme posters: one sheet per theme (A2 portrait by default; --paper, --orientation,
--themes, --min-size), for sessions where each theme hangs on its own wall. PDF and SVG per
theme, a PNG preview of each."""

from __future__ import annotations

from generator.config import load_style
from generator.model import Praatplaat
from generator.products import Artifact, Options, Product, Result

PREVIEW_WIDTH = 1000


def build(plaat: Praatplaat, options: Options) -> Result:
    from generator.layout.theme_poster import output_name, theme_posters
    from generator.render import render_pdf, render_png, render_svg

    layout = load_style(options.layouts, "theme-poster")
    posters = theme_posters(plaat, layout, options.paper, options.orientation, options.crop_marks, options.themes,
                            options.min_size)
    artifacts: list[Artifact] = []
    pages: dict[str, int] = {}
    by_id = {t.id: t for t in plaat.themes}
    for poster in posters:
        stem = output_name(by_id[poster.theme_id])
        pdf = render_pdf(poster.document, cmyk=options.cmyk)
        svg = render_svg(poster.document, text=options.svg_text)
        artifacts += [Artifact(f"{stem}.pdf", pdf), Artifact(f"{stem}.svg", svg)]
        if options.previews:
            artifacts.append(Artifact(f"previews/{stem}.png", render_png(pdf, 0, PREVIEW_WIDTH)))
        pages[f"{stem}.pdf"] = 1
    return Result(tuple(artifacts), pages=pages)


PRODUCT = Product(
    "theme-posters",
    "one poster per theme: its bubble on the gradient and all its questions, large (PDF, SVG; A2)",
    ("theme-poster",),
    build,
)
