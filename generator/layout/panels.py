"""Boundary labelling: question panels in two outer columns, joined to their bubbles by leaders.

Pure geometry, no text. Each bubble's panel goes into the column on its side of the spine, in
the order of the bubbles along it:

- `place_column` stacks panels of known heights in one column, each as close as possible to
  its target (the bubble's centre) in least squares, keeping their order and a gap: with
  zₖ = topₖ − Sₖ (Sₖ the heights and gaps above panel k) the constraints become "z is
  non-decreasing", so an isotonic fit (PAVA) of the targets, clipped to the column, is
  feasible and as close as the order allows.
- `route_side` joins each bubble to its panel's inner edge at the bubble's height (clamped
  into the panel): straight when the panel is level with the bubble, else orthogonally
  through a channel of the gutter between the column and the bubbles, channels ordered so
  that leaders of one side cannot cross (bubbles on one side share a lane, panels keep
  their order).
- The predicates (`segments_cross`, `segment_hits_circle`, `segment_hits_box`,
  `boxes_overlap`, `circle_hits_box`) are what layout and tests check the result with.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from generator.layout.bubbles import Box, pava

EPS = 1e-6


@dataclass(frozen=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def length(self) -> float:
        return math.hypot(self.x2 - self.x1, self.y2 - self.y1)


def column_need(heights: Sequence[float], gap: float) -> float:
    """The height a stack of panels needs: their heights plus a gap between neighbours."""
    return sum(heights) + gap * max(0, len(heights) - 1)


def place_column(targets: Sequence[float], heights: Sequence[float], top: float, bottom: float,
                 gap: float) -> tuple[float, ...] | None:
    """Tops of panels stacked in order between `top` and `bottom`, each panel's centre as close
    to its target as the order, the gaps and the column allow; None if they do not fit."""
    if len(targets) != len(heights):
        raise ValueError("one target per panel")
    if not heights:
        return ()
    total = column_need(heights, gap)
    if total > bottom - top + EPS:
        return None
    above = [0.0]
    for h in heights[:-1]:
        above.append(above[-1] + h + gap)
    wanted = [t - h / 2 - s for t, h, s in zip(targets, heights, above)]
    low, high = top, max(top, bottom - total)
    return tuple(min(max(z, low), high) + s for z, s in zip(pava(wanted), above))


@dataclass(frozen=True)
class Leader:
    """A leader line as a polyline: from the bubble's rim to the panel's inner edge."""

    points: tuple[tuple[float, float], ...]

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(Segment(*a, *b) for a, b in zip(self.points, self.points[1:]))

    @property
    def end(self) -> tuple[float, float]:
        return self.points[-1]

    @property
    def corners(self) -> tuple[tuple[float, float], ...]:
        return self.points[1:-1]


def attach_height(cy: float, panel: Box, inset: float) -> float:
    """Where a leader meets the panel: the bubble's height, clamped `inset` inside the panel."""
    low, high = panel.y + inset, panel.bottom - inset
    return min(max(cy, low), high) if low <= high else panel.y + panel.height / 2


def straight_leader(cx: float, cy: float, r: float, ex: float, ey: float) -> Leader:
    """A straight segment from the rim of the circle (cx, cy, r) towards (ex, ey), ending there."""
    dx, dy = ex - cx, ey - cy
    d = math.hypot(dx, dy)
    if d <= r:
        raise ValueError("a panel edge lies inside its bubble")
    return Leader(((cx + dx / d * r, cy + dy / d * r), (ex, ey)))


def route_side(bubbles: Sequence[tuple[float, float, float]], panels: Sequence[Box], side: int,
               gutter: tuple[float, float], insets: Sequence[float]) -> tuple[Leader, ...]:
    """Leaders for the bubbles (cx, cy, r) of one side, in order along the spine, to their panels
    (same order) in the column on that side (side < 0: left); `gutter` is the free strip
    (x from, x to) between that column and the bubbles.

    A panel level with its bubble (see `_level_tolerance`) gets a straight leader. Others
    get an orthogonal one: out of the bubble horizontally, along a channel in the gutter,
    into the panel horizontally. Channels: among leaders going down, later ones run nearer
    the bubbles; among leaders going up, earlier ones do. With bubbles and panels in the same
    order this gives no crossings (a leader going down and one going up cover disjoint heights)."""
    g0, g1 = min(gutter), max(gutter)
    width = g1 - g0
    edge = [p.right if side < 0 else p.x for p in panels]
    ends = [attach_height(cy, p, inset) for (_, cy, _), p, inset in zip(bubbles, panels, insets)]
    level = _level_tolerance(bubbles, panels, insets, width)
    bent = [abs(e - cy) > level for (_, cy, _), e in zip(bubbles, ends)]
    down = [k for k in range(len(bubbles)) if bent[k] and ends[k] > bubbles[k][1]]
    up = [k for k in range(len(bubbles)) if bent[k] and ends[k] < bubbles[k][1]]
    channel: dict[int, float] = {}
    for group in (down, list(reversed(up))):   # first in the list = outermost channel
        for rank, k in enumerate(group):
            share = (rank + 1) / (len(group) + 1)
            channel[k] = g0 + share * width if side < 0 else g1 - share * width
    leaders = []
    for k, ((cx, cy, r), ex, ey) in enumerate(zip(bubbles, edge, ends)):
        if not bent[k]:
            leaders.append(straight_leader(cx, cy, r, ex, ey))
            continue
        rim = cx - r if side < 0 else cx + r
        x = channel[k]
        leaders.append(Leader(((rim, cy), (x, cy), (x, ey), (ex, ey))))
    return tuple(leaders)


def _level_tolerance(bubbles: Sequence[tuple[float, float, float]], panels: Sequence[Box], insets: Sequence[float],
                     gutter: float) -> float:
    """How far a leader may slope and stay straight: less than the gutter, the smallest radius
    and the smallest gap between two panels plus their insets, so that a sloping leader can
    meet neither another bubble's horizontal leg nor another leader's channel."""
    gaps = [b.y - a.bottom + ia + ib for a, b, ia, ib in zip(panels, panels[1:], insets, insets[1:])]
    return 0.5 * min([gutter, *(r for _, _, r in bubbles), *gaps])


# --- predicates -------------------------------------------------------------------------------


def _orient(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> float:
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)


def segments_cross(a: Segment, b: Segment) -> bool:
    """True if two segments intersect (touching counts; shared end points do too)."""
    d1 = _orient(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1)
    d2 = _orient(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2)
    d3 = _orient(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1)
    d4 = _orient(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2)
    if ((d1 > EPS and d2 < -EPS) or (d1 < -EPS and d2 > EPS)) and \
            ((d3 > EPS and d4 < -EPS) or (d3 < -EPS and d4 > EPS)):
        return True
    return any(abs(d) <= EPS and _on(p, q) for d, p, q in (
        (d1, b, (a.x1, a.y1)), (d2, b, (a.x2, a.y2)), (d3, a, (b.x1, b.y1)), (d4, a, (b.x2, b.y2))))


def _on(s: Segment, p: tuple[float, float]) -> bool:
    return (min(s.x1, s.x2) - EPS <= p[0] <= max(s.x1, s.x2) + EPS
            and min(s.y1, s.y2) - EPS <= p[1] <= max(s.y1, s.y2) + EPS)


def point_segment_distance(px: float, py: float, s: Segment) -> float:
    dx, dy = s.x2 - s.x1, s.y2 - s.y1
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - s.x1) * dx + (py - s.y1) * dy) / length2))
    return math.hypot(px - (s.x1 + t * dx), py - (s.y1 + t * dy))


def segment_hits_circle(s: Segment, cx: float, cy: float, r: float, clearance: float = 0.0) -> bool:
    """True if the segment comes closer than `clearance` to the circle (or enters it)."""
    return point_segment_distance(cx, cy, s) < r + clearance - EPS


def segment_hits_box(s: Segment, box: Box, clearance: float = 0.0) -> bool:
    """True if the segment enters the box grown by `clearance` (touching its edge does not count)."""
    x0, y0 = box.x - clearance + EPS, box.y - clearance + EPS
    x1, y1 = box.right + clearance - EPS, box.bottom + clearance - EPS
    if x0 >= x1 or y0 >= y1:
        return False
    # Liang–Barsky clipping against the open box
    t0, t1 = 0.0, 1.0
    dx, dy = s.x2 - s.x1, s.y2 - s.y1
    for p, q in ((-dx, s.x1 - x0), (dx, x1 - s.x1), (-dy, s.y1 - y0), (dy, y1 - s.y1)):
        if abs(p) < 1e-12:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return t1 - t0 > 1e-9


def boxes_overlap(a: Box, b: Box, gap: float = 0.0) -> bool:
    """True if the boxes overlap or are closer than `gap`."""
    return (a.x < b.right + gap - EPS and b.x < a.right + gap - EPS
            and a.y < b.bottom + gap - EPS and b.y < a.bottom + gap - EPS)


def circle_hits_box(cx: float, cy: float, r: float, box: Box, gap: float = 0.0) -> bool:
    """True if the circle overlaps the box or comes closer than `gap`."""
    nx = min(max(cx, box.x), box.right)
    ny = min(max(cy, box.y), box.bottom)
    return math.hypot(cx - nx, cy - ny) < r + gap - EPS


def inside(box: Box, outer: Box) -> bool:
    return (box.x >= outer.x - EPS and box.y >= outer.y - EPS
            and box.right <= outer.right + EPS and box.bottom <= outer.bottom + EPS)
