"""Glyph outlines for SVG text (`render_svg(..., text="outline")`): a run as one path.

Glyphs are placed one after another by their advance widths (hmtx), with no kerning or
ligatures, exactly as the PDF renderer places them; outlines come from the same TrueType
files (fontTools), so an SVG without fonts looks like the PDF in any renderer.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=16)
def _font(path: str):
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    return font, font.getGlyphSet(), font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def _fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@functools.lru_cache(maxsize=4096)
def _glyph(path: str, name: str) -> tuple[tuple[str, tuple[tuple[float, float], ...]], ...]:
    """A glyph's outline in font units as (command, points) segments, recorded once."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen

    _font_obj, glyphs, _cmap, _metrics, _upm = _font(path)
    pen = DecomposingRecordingPen(glyphs)
    glyphs[name].draw(pen)
    return tuple((op, tuple(args)) for op, args in pen.value)


def glyph_run(path: str, text: str) -> tuple[float, list[tuple[str, float]]]:
    """(scale per point of size, [(glyph name, x in font units)]) for `text`: each glyph at
    the sum of the advances before it."""
    _font_obj, glyphs, cmap, metrics, upm = _font(path)
    out, pen = [], 0.0
    for ch in text:
        name = cmap.get(ord(ch), ".notdef")
        if name not in glyphs:
            name = ".notdef"
        out.append((name, pen))
        pen += metrics[name][0]
    return 1.0 / upm, out


@functools.lru_cache(maxsize=4096)
def glyph_path(path: str, name: str) -> str:
    """A glyph's outline as SVG path data in font units (y up: place it with scale(s, -s))."""
    parts: list[str] = []
    for op, points in _glyph(path, name):
        coords = " ".join(f"{_fmt(px)} {_fmt(py)}" for px, py in points)
        if op == "moveTo":
            parts.append(f"M{coords}")
        elif op == "lineTo":
            parts.append(f"L{coords}")
        elif op == "qCurveTo":
            parts.extend(_quadratic(0.0, 0.0, 1.0, points))
        elif op == "curveTo":
            parts.append(f"C{coords}")
        elif op in ("closePath", "endPath"):
            parts.append("Z")
    return "".join(parts)


def _quadratic(ox: float, y: float, scale: float, points) -> list[str]:
    """A TrueType quadratic spline (implied on-curve points between off-curve ones) as Q commands."""
    if points[-1] is None:  # a contour of off-curve points only: it closes on the first midpoint
        points = tuple(points[:-1]) + (((points[-2][0] + points[0][0]) / 2, (points[-2][1] + points[0][1]) / 2),)
    pts = [(ox + px * scale, y + py * scale) for px, py in points]
    out = []
    *off, last = pts
    for i, (cx, cy) in enumerate(off):
        if i + 1 < len(off):
            nx, ny = off[i + 1]
            end = ((cx + nx) / 2, (cy + ny) / 2)
        else:
            end = last
        out.append(f"Q{_fmt(cx)} {_fmt(cy)} {_fmt(end[0])} {_fmt(end[1])}")
    return out
