"""The one text engine: fonts (metrics from the embedded TTF files), hyphenation (pyphen +
manual hints + the Dutch trema rule for Dutch), and the inline layout in four stages
(collect → prepare → linebreak → finalize, see `breaking`), plus the one size search (`fit`).

Layout modules call this; renderers never measure.
"""

from generator.text.breaking import (Hyphenation, LineBreak, TextBlock, TextStyle, fit_size, normalise, set_name,
                                     set_text, unbreak)
from generator.text.fit import floor_to_grid, largest_size
from generator.text.fonts import FontMetrics, available_fonts, font_face, metrics, register
from generator.text.hyphenate import Hyphenator, hyphenator, split, strip_hints

__all__ = [
    "FontMetrics", "Hyphenation", "Hyphenator", "LineBreak", "TextBlock", "TextStyle", "available_fonts",
    "fit_size", "floor_to_grid", "font_face", "hyphenator", "largest_size", "metrics", "normalise", "register",
    "set_name", "set_text", "split", "strip_hints", "unbreak",
]
