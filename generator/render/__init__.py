"""Renderers: a scene.Document to PDF, SVG or PNG bytes.

The renderers draw what layout decided and never measure or wrap text. They import their
libraries (ReportLab, svgwrite, fontTools, pypdfium2) lazily: `render_pdf`, `render_svg`
and `render_png` are loaded from their modules on first use.

Shared here (cheap, no heavy imports): the page geometry both renderers agree on and the
link check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from generator import scene
    from generator.render.pdf import render_pdf
    from generator.render.png import render_png
    from generator.render.svg import render_svg

__all__ = ["render_pdf", "render_svg", "render_png", "page_margin", "mark_start", "check_href"]

_LAZY = {"render_pdf": "pdf", "render_svg": "svg", "render_png": "png"}

SAFE_SCHEMES = ("http", "https", "mailto", "tel")


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def mark_start(page: scene.Page) -> float:
    """Distance from the trim edge to where a crop mark starts: its offset, but never
    inside the bleed (a mark in the bleed would be printed on the background)."""
    marks = page.crop_marks
    return max(marks.offset, page.bleed) if marks else 0.0


def page_margin(page: scene.Page) -> float:
    """Room on each side of the trim in the PDF media box: the bleed, or with crop marks
    the space up to the marks' outer ends (which is never less than the bleed)."""
    marks = page.crop_marks
    if marks is None:
        return page.bleed
    return max(page.bleed, mark_start(page) + marks.length)


def check_href(href: str) -> str:
    """A link target that is safe to put in a PDF or an SVG: an http(s), mailto or tel URL,
    or a '#fragment'. Anything else (javascript:, data:, file:, relative paths) raises
    ValueError: a printed or stand-alone document has nothing to resolve them against."""
    if not isinstance(href, str) or not href.strip():
        raise ValueError(f"empty link target: {href!r}")
    href = href.strip()
    if href.startswith("#"):
        return href
    scheme = urlsplit(href).scheme.lower()
    if scheme not in SAFE_SCHEMES:
        raise ValueError(f"link target {href!r} is not an http(s), mailto or tel URL")
    if any(ord(ch) < 0x20 for ch in href):
        raise ValueError(f"link target {href!r} contains control characters")
    return href
