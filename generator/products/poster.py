"""The poster ("praatplaat"): one sheet, A0 portrait by default; --paper A1/A2/A3 and
--orientation scale the same layout (layouts/poster.yaml). PDF (print-ready: embedded fonts,
bleed, TrimBox/BleedBox, optional crop marks and CMYK), SVG, and a PNG preview."""

from __future__ import annotations

from generator.config import load_layout
from generator.model import Praatplaat
from generator.products import Artifact, Options, Product, Result

PREVIEW_WIDTH = 1600


def build(plaat: Praatplaat, options: Options) -> Result:
    from generator.layout.poster import output_stem, poster
    from generator.render import render_pdf, render_png, render_svg

    layout = load_layout(options.layouts, "poster")
    result = poster(plaat, layout, options.paper, options.orientation, options.crop_marks, options.themes)
    doc = result.document
    stem = output_stem(layout, options.paper, options.orientation)
    pdf = render_pdf(doc, cmyk=options.cmyk)
    artifacts = (Artifact(f"{stem}.pdf", pdf), Artifact(f"{stem}.svg", render_svg(doc, text=options.svg_text)))
    if options.previews:
        artifacts += (Artifact(f"previews/{stem}.png", render_png(pdf, 0, PREVIEW_WIDTH)),)
    return Result(artifacts, pages={f"{stem}.pdf": len(doc.pages)})


PRODUCT = Product(
    "poster",
    "the praatplaat poster: diagram, every question beside its bubble, intro and challenges (PDF, SVG)",
    ("poster",),
    build,
)
