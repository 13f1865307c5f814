"""The abstract → concrete gradient: a soft band behind the bubbles and an axis with its end labels.

The renderers interpolate gradients linearly in sRGB, so the OKLCH ramp (generator/color.py)
is sampled into several stops: what is printed follows the ramp the bubbles are coloured by.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import scene
from generator.color import mix, ramp


AXIS_DOT = 1.6   # the radius of the axis' end dots, in bar widths


def axis_dot(bar: float) -> float:
    """The radius of the dots at the axis' ends for a bar `bar` thick."""
    return bar * AXIS_DOT


@dataclass(frozen=True)
class AxisStyle:
    start: str           # colours of the two ends
    end: str
    bar: float           # bar thickness, points
    stops: int = 9


def ramp_stops(start: str, end: str, count: int) -> tuple[scene.GradientStop, ...]:
    """`count` (≥ 2) stops sampled evenly from the OKLCH ramp between two colours."""
    count = max(2, count)
    return tuple(scene.GradientStop(k / (count - 1), ramp(start, end, k / (count - 1))) for k in range(count))


def tinted(stops: tuple[scene.GradientStop, ...], paper: str, share: float) -> tuple[scene.GradientStop, ...]:
    """The stops mixed with the paper colour (`share` 0 = unchanged, 1 = paper)."""
    return tuple(scene.GradientStop(s.offset, mix(s.color, paper, share)) for s in stops)


def band(length: float, thickness: float, vertical: bool, stops: tuple[scene.GradientStop, ...],
         start: float, end: float, *, round_ends: bool = True, tag: str = "gradient-band") -> scene.Rect:
    """A bar `length` along the axis, with round or square ends; its colour runs from offset 0
    at `start` to offset 1 at `end` (distances along the bar, so the ramp can line up with the
    first and last bubble) and stays flat beyond them."""
    radius = thickness / 2 if round_ends else 0.0
    if vertical:
        fill = scene.LinearGradient(thickness / 2, start, thickness / 2, end, stops)
        return scene.Rect(thickness, length, fill, radius=radius, tag=tag)
    fill = scene.LinearGradient(start, thickness / 2, end, thickness / 2, stops)
    return scene.Rect(length, thickness, fill, radius=radius, tag=tag)


def axis(length: float, vertical: bool, style: AxisStyle) -> scene.Frame:
    """The axis: a gradient bar with a dot of the end colour at either end, `length` long.
    The frame is the bar's bounding box (dots included)."""
    dot = axis_dot(style.bar)
    thick = 2 * dot
    inner = length - 2 * dot
    stops = ramp_stops(style.start, style.end, style.stops)
    bar = band(inner, style.bar, vertical, stops, 0.0, inner, tag="gradient-axis")
    offset = dot - style.bar / 2
    if vertical:
        items = (scene.Placed(offset, dot, bar),
                 scene.Placed(dot, dot, scene.Circle(dot, style.start, tag="gradient-axis-start")),
                 scene.Placed(dot, length - dot, scene.Circle(dot, style.end, tag="gradient-axis-end")))
        return scene.Frame(thick, length, items)
    items = (scene.Placed(dot, offset, bar),
             scene.Placed(dot, dot, scene.Circle(dot, style.start, tag="gradient-axis-start")),
             scene.Placed(length - dot, dot, scene.Circle(dot, style.end, tag="gradient-axis-end")))
    return scene.Frame(length, thick, items)
