"""Typed, frozen styles read from layouts/*.yaml (see docs/layouts.md for every setting).

    style = load_style(options.layouts, "handout")      # a HandoutStyle, lengths in points
    style.body.size, style.margin.top, style.fonts.bold
    poster = scaled(load_style(folder, "poster"), factor)  # sizes for another paper

Each product's schema is a frozen dataclass in this package (common, cards, handout, diagram);
its fields carry their unit, range and meaning (spec.py), which check the files, convert
millimetres to points and generate docs/layouts.md (`python -m generator.styles.reference`).
Layout code reads attributes, never dotted paths in strings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.styles.read import SCHEMAS, load_layout, load_part, load_style, scaled

if TYPE_CHECKING:
    from generator.styles.cards import QuestionCardStyle, ThemeCardStyle
    from generator.styles.common import Fonts, Hyphenation, PageStyle, Palette, ProductStyle
    from generator.styles.diagram import DiagramStyle, PosterStyle, ThemePosterStyle
    from generator.styles.handout import HandoutStyle, HtmlStyle

__all__ = [
    "DiagramStyle", "Fonts", "HandoutStyle", "HtmlStyle", "Hyphenation", "PageStyle", "Palette", "PosterStyle",
    "ProductStyle", "QuestionCardStyle", "SCHEMAS", "ThemeCardStyle", "ThemePosterStyle", "load_layout", "load_part",
    "load_style", "scaled",
]

# The style classes by name and module, imported on first use: a product reads only its own
# (creating the ~60 frozen dataclasses of every product costs tens of milliseconds).
_LAZY = {"QuestionCardStyle": "cards", "ThemeCardStyle": "cards", "Fonts": "common", "Hyphenation": "common",
         "PageStyle": "common", "Palette": "common", "ProductStyle": "common", "DiagramStyle": "diagram",
         "PosterStyle": "diagram", "ThemePosterStyle": "diagram", "HandoutStyle": "handout", "HtmlStyle": "handout"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
