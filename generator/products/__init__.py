"""The products the tool builds. Each product module defines PRODUCT; this list is the registry."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator.model import Praatplaat


@dataclass(frozen=True)
class Options:
    """Build options from the command line; products ignore what does not apply to them."""

    layouts: Path = Path("layouts")
    paper: str | None = None          # e.g. "A2": overrides the layout's paper
    orientation: str | None = None    # "portrait" / "landscape"
    crop_marks: bool = False
    cmyk: bool = False                # --pdfx (--cmyk): PDF/X-4 print files, CMYK through FOGRA39
    themes: tuple[str, ...] = ()      # theme ids; empty = all
    backs: bool = True
    previews: bool = True             # PNG previews of the PDFs (for READMEs; not while watching)
    min_size: float | None = None     # posters: smallest question size in points (--min-size)
    svg_text: str = "text"            # SVG text as "text" (embedded fonts) or "outline" (glyph paths)


@dataclass(frozen=True)
class Artifact:
    """One output file: a path relative to the output folder and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Result:
    artifacts: tuple[Artifact, ...]
    warnings: tuple[str, ...] = ()
    pages: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Product:
    name: str
    description: str
    layouts: tuple[str, ...]   # layout files (without .yaml) the product reads
    build: Callable[[Praatplaat, Options], Result]
    # The parts of the model the product reads, for incremental builds: returns bytes that change
    # whenever its output could (e.g. generator.state.fingerprint(plaat.meta, plaat.themes…)).
    # None = the whole model, so any content edit rebuilds the product.
    key: Callable[[Praatplaat, Options], bytes] | None = None


# Module names under generator.products, in build order.
MODULES: tuple[str, ...] = ("diagram", "poster", "theme_posters", "handout", "html", "cards")

# Rough relative cost of each product in a cold build of the default content, each in its own
# process, for sharing the products among cores before a build has timed them: the poster (its
# size search) and the theme posters weigh most.
COSTS: dict[str, float] = {"poster": 3.5, "theme-posters": 3.3, "cards": 1.6, "html": 1.2, "handout": 1.0,
                           "diagram": 0.7}

# Modules a product's build imports that some other products import too (beyond what every
# product uses, generator.jobs.SHARED_MODULES): a build on several cores imports them once,
# before forking, when products in more than one process use them.
_SVG = ("generator.render.svg", "fontTools.subset", "generator.layout.diagram")  # SVG with its fonts; bubbles
_FLOW = ("generator.layout.prose_blocks",)  # paragraphs, headings and lists flowed into frames
USES: dict[str, tuple[str, ...]] = {
    "diagram": _SVG, "poster": _SVG + _FLOW, "theme-posters": _SVG + _FLOW,
    "handout": ("generator.layout.diagram",) + _FLOW, "html": _SVG, "cards": _FLOW,
}


def registry() -> dict[str, Product]:
    """All products by name, imported lazily so a command loads only what it uses."""
    products = {}
    for module in MODULES:
        product = importlib.import_module(f"generator.products.{module}").PRODUCT
        products[product.name] = product
    return products
