"""Theme posters: one sheet per theme (A2 portrait by default; --paper, --orientation,
--themes, --min-size), for sessions where each theme hangs on its own wall. PDF and SVG per
theme, a PNG preview of each.

An edit touches one theme's poster: a warm process (`praatplaat watch`) keeps each poster's
PDF and SVG from the last build under a digest of its laid-out page (the pickled scene, in
which shared structure roles stay shared) and the render options, and renders only the
posters whose page changed (and their previews, when made: `watch --previews`, `serve`).
Renderers are functions of the scene, so the bytes are the same.
"""

from __future__ import annotations

import hashlib
import pickle

from generator import scene
from generator.config import load_style
from generator.model import Praatplaat
from generator.products import Artifact, Options, Product, Result

PREVIEW_WIDTH = 1000

_rendered: dict[bytes, tuple[bytes, ...]] = {}  # digest of (page, options) → (PDF, SVG[, PNG]), last build's


def build(plaat: Praatplaat, options: Options) -> Result:
    from generator.layout.theme_poster import output_name, theme_posters

    layout = load_style(options.layouts, "theme-poster")
    posters = theme_posters(plaat, layout, options.paper, options.orientation, options.crop_marks, options.themes,
                            options.min_size)
    artifacts: list[Artifact] = []
    pages: dict[str, int] = {}
    by_id = {t.id: t for t in plaat.themes}
    kept: dict[bytes, tuple[bytes, ...]] = {}
    for poster in posters:
        stem = output_name(by_id[poster.theme_id])
        files = _render(poster.document, options, kept)
        artifacts += [Artifact(f"{stem}.pdf", files[0]), Artifact(f"{stem}.svg", files[1])]
        if options.previews:
            artifacts.append(Artifact(f"previews/{stem}.png", files[2]))
        pages[f"{stem}.pdf"] = 1
    _rendered.clear()
    _rendered.update(kept)
    return Result(tuple(artifacts), pages=pages)


def _render(doc: scene.Document, options: Options, kept: dict[bytes, tuple[bytes, ...]]) -> tuple[bytes, ...]:
    """The poster's PDF, SVG (and PNG preview with `options.previews`): from the last build if
    its page and options are the same."""
    from generator.render import render_pdf, render_png, render_svg

    key = hashlib.sha256(pickle.dumps((doc, options.cmyk, options.svg_text, options.previews), protocol=5)).digest()
    found = _rendered.get(key) or kept.get(key)
    if found is None:
        pdf = render_pdf(doc, cmyk=options.cmyk)
        found = (pdf, render_svg(doc, text=options.svg_text)) + ((render_png(pdf, 0, PREVIEW_WIDTH),)
                                                                 if options.previews else ())
    kept[key] = found
    return found


PRODUCT = Product(
    "theme-posters",
    "one poster per theme: its bubble on the gradient and all its questions, large (PDF, SVG; A2)",
    ("theme-poster",),
    build,
)
