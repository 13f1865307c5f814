"""The poster ("praatplaat"): one sheet, A0 portrait by default; --paper A1/A2/A3 and
--orientation scale the same layout (layouts/poster.yaml). PDF (print-ready: embedded fonts,
bleed, TrimBox/BleedBox, optional crop marks and CMYK), SVG, and a PNG preview.

When the questions cannot fit one sheet at the smallest size, the product writes the
overview poster instead (`poster-a0-overview.pdf`: the diagram, introduction, challenges and
each theme's question count; the questions go on the theme posters) and warns with the real
cause and the advice that works. Automatic rather than a flag: `build` should always give
something printable, and the warning says why the full poster is missing."""

from __future__ import annotations

from generator.config import load_style
from generator.model import Praatplaat
from generator.products import Artifact, Options, Product, Result

PREVIEW_WIDTH = 1600


def build(plaat: Praatplaat, options: Options) -> Result:
    from generator.layout.poster import output_stem, poster
    from generator.layout.question_panels import QuestionOverflow
    from generator.render import render_pdf, render_png, render_svg

    layout = load_style(options.layouts, "poster")
    stem = output_stem(layout, options.paper, options.orientation)
    warnings: tuple[str, ...] = ()
    args = (plaat, layout, options.paper, options.orientation, options.crop_marks, options.themes)
    try:
        result = poster(*args, min_size=options.min_size)
    except QuestionOverflow as exc:
        result = poster(*args, min_size=options.min_size, overview=True)
        stem += "-overview"
        warnings = (f"{exc}. Wrote the overview poster {stem}.pdf instead (each theme's question count; "
                    f"the questions are on the theme posters)",)
    doc = result.document
    pdf = render_pdf(doc, cmyk=options.cmyk)
    artifacts = (Artifact(f"{stem}.pdf", pdf), Artifact(f"{stem}.svg", render_svg(doc, text=options.svg_text)))
    if options.previews:
        artifacts += (Artifact(f"previews/{stem}.png", render_png(pdf, 0, PREVIEW_WIDTH)),)
    return Result(artifacts, warnings, pages={f"{stem}.pdf": len(doc.pages)})


PRODUCT = Product(
    "poster",
    "the praatplaat poster: diagram, every question beside its bubble, intro and challenges (PDF, SVG); "
    "an overview poster when the questions cannot fit",
    ("poster",),
    build,
)
