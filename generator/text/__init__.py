"""All text measurement and line breaking: fonts (metrics from the embedded TTF files),
hyphenation (pyphen + manual hints + Dutch trema rule) and optimal-fit paragraph breaking.

Layout modules call this; renderers never measure.
"""

from generator.text.breaking import LineBreak, TextBlock, TextStyle, fit_size, normalise, set_text, unbreak
from generator.text.fonts import FontMetrics, available_fonts, font_face, metrics, register
from generator.text.hyphenate import Hyphenator, hyphenator, split, strip_hints

__all__ = [
    "FontMetrics", "Hyphenator", "LineBreak", "TextBlock", "TextStyle", "available_fonts",
    "fit_size", "font_face", "hyphenator", "metrics", "normalise", "register", "set_text",
    "split", "strip_hints", "unbreak",
]
