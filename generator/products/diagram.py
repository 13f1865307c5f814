"""The bubble diagram ("bollenschema"): one page, PDF and SVG, A3 landscape by default."""

from __future__ import annotations

from generator.config import load_style
from generator.model import Praatplaat
from generator.products import Artifact, Options, Product, Result

PREVIEW_WIDTH = 1600


def build(plaat: Praatplaat, options: Options) -> Result:
    from generator.layout.diagram import diagram_document
    from generator.render import render_pdf, render_png, render_svg

    layout = load_style(options.layouts, "diagram")
    doc, _ = diagram_document(plaat, layout, options.paper, options.orientation, options.crop_marks)
    pdf = render_pdf(doc, cmyk=options.cmyk)
    artifacts = (Artifact("diagram.pdf", pdf), Artifact("diagram.svg", render_svg(doc, text=options.svg_text)))
    if options.previews:
        artifacts += (Artifact("previews/diagram.png", render_png(pdf, 0, PREVIEW_WIDTH)),)
    return Result(artifacts, pages={"diagram.pdf": len(doc.pages)})


def key(plaat: Praatplaat, options: Options) -> bytes:
    """What the diagram reads: meta, labels and each theme's name, level, colour, question count."""
    from generator.state import fingerprint

    themes = [(t.id, t.name, t.label, t.level, t.colour, t.index, len(t.questions), str(t.source))
              for t in plaat.themes]
    return fingerprint(plaat.meta, plaat.labels, themes)


PRODUCT = Product(
    "diagram",
    "the bubble diagram: themes from abstract to concrete (PDF, SVG)",
    ("diagram",),
    build,
    key,
)
