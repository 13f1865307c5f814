"""The A4 handout: cover, introduction, reflection, diagram, themes with questions and notes (PDF)."""

from __future__ import annotations

from generator.styles import load_part, load_style
from generator.model import Praatplaat
from generator.products import Artifact, Options, Product, Result

PREVIEW_WIDTH = 1000
PREVIEW_PAGES = 2


def build(plaat: Praatplaat, options: Options) -> Result:
    from generator.layout.handout_pages import handout_document
    from generator.render import render_pdf, render_png
    from generator.styles import HandoutStyle
    from generator.styles.diagram import DiagramParts

    style = load_style(options.layouts, "handout", HandoutStyle)
    diagram = load_part(options.layouts, style.diagram.layout, DiagramParts, f"{style.name}.yaml: 'diagram.layout'")
    doc = handout_document(plaat, style, diagram)  # all themes: --themes selects the posters and cards only
    pdf = render_pdf(doc, cmyk=options.cmyk)
    previews = tuple(Artifact(f"previews/handout-{n + 1}.png", render_png(pdf, n, PREVIEW_WIDTH))
                     for n in range(min(PREVIEW_PAGES, len(doc.pages)) if options.previews else 0))
    return Result((Artifact("handout.pdf", pdf),) + previews, pages={"handout.pdf": len(doc.pages)})


PRODUCT = Product(
    "handout",
    "the A4 handout: introduction, reflection, diagram, every theme with its questions and room for notes (PDF)",
    ("handout", "diagram"),
    build,
)
