"""Bubbles on an ordered spine: pure geometry, no text, no colour.

The themes sit along one straight axis in order of level (vertical on a portrait field, top =
abstract; horizontal on a landscape field, left = abstract), alternately on either side of it
(a zigzag). For a radius scale s the tightest positions along the axis are a longest path
through the pairwise no-overlap constraints; the largest s that fits is found by bisection;
leftover room is spread towards positions proportional to the levels with an isotonic fit
(PAVA), which keeps the order and the separations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Sequence

from generator.errors import LayoutError
from generator.units import to_mm

BISECTION_STEPS = 40
EPS = 1e-9


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: top-left corner and size, in points."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Spine:
    """How bubbles line up along the axis.

    `lanes`: candidate numbers of lanes across the axis, in order of preference; 2 is the
    zigzag, 3 or more a sawtooth (for many themes). A later candidate is taken only when its
    radius beats the chosen one by more than `lane_gain` (0.15 = 15 %).
    `amplitude`: distance between neighbouring lanes, in mean diameters (capped by the field).
    `advance`: consecutive bubbles move along the axis by at least advance × (rᵢ + rⱼ + gap) /
    lanes, an even rhythm at 1.0; `tie_advance` the same for equal levels.
    `max_radius`: no bubble grows beyond it (points)."""

    lanes: tuple[int, ...] = (2,)
    lane_gain: float = 0.15
    amplitude: float = 1.25
    advance: float = 1.0
    tie_advance: float = 0.0
    max_radius: float = math.inf
    sides: tuple[int, ...] | None = None   # fixed sides (-1/+1) per bubble in level order, two lanes


@dataclass(frozen=True)
class Bubble:
    """A placed bubble: centre, radius, position along the axis (from the field's start) and
    the side of the axis it sits on (-1: top/left of the spine, +1: bottom/right, 0: on it)."""

    cx: float
    cy: float
    r: float
    u: float
    side: int


@dataclass(frozen=True)
class _Packing:
    radii: tuple[float, ...]
    across: tuple[float, ...]  # offset of each centre from the axis
    along: tuple[float, ...]   # tightest positions, first at 0
    lo: float                  # the block may start anywhere in [lo, hi]
    hi: float


def place_bubbles(levels: Sequence[float], base_radii: Sequence[float], field: Box, orientation: str,
                  gap: float, spine: Spine = Spine(), min_radii: Sequence[float] | None = None,
                  sides: Sequence[int] | None = None) -> tuple[Bubble, ...]:
    """Place one bubble per level (input order kept in the result) as large as `field` allows.

    Bubble k gets radius max(s × base_radii[k], min_radii[k]) for the largest scale s that
    fits; bubbles keep at least `gap` between them and stay inside `field`. `sides` (-1 or
    +1 per bubble) puts each bubble on a given side of the axis instead of the lanes' zigzag
    (two lanes). Raises LayoutError when even the minimum radii do not fit.
    """
    n = len(levels)
    if n == 0:
        return ()
    if len(base_radii) != n or any(v is not None and len(v) != n for v in (min_radii, sides)):
        raise ValueError("levels, base_radii, min_radii and sides must have the same length")
    if any(b <= 0 for b in base_radii):
        raise ValueError("base radii must be positive")
    if orientation not in ("portrait", "landscape"):
        raise ValueError(f"orientation must be 'portrait' or 'landscape', not {orientation!r}")
    order = sorted(range(n), key=lambda i: (levels[i], i))
    lv = [float(levels[i]) for i in order]
    base = [float(base_radii[i]) for i in order]
    floor = [float(min_radii[i]) if min_radii is not None else 0.0 for i in order]
    length, across = (field.height, field.width) if orientation == "portrait" else (field.width, field.height)
    if sides is not None:
        spine = replace(spine, lanes=(2,), sides=tuple(-1 if sides[i] < 0 else 1 for i in order))
    packing = _largest(lv, base, floor, length, across / 2, gap, spine)
    along = _spread(lv, packing, length)
    placed = [_to_page(field, orientation, u, v, r) for u, v, r in zip(along, packing.across, packing.radii)]
    result: list[Bubble | None] = [None] * n
    for rank, index in enumerate(order):
        result[index] = placed[rank]
    return tuple(b for b in result if b is not None)


def _largest(levels: list[float], base: list[float], floor: list[float], length: float, half: float,
             gap: float, spine: Spine) -> _Packing:
    """The packing with the largest bubbles over the candidate lane counts, or LayoutError."""
    chosen: _Packing | None = None
    failure: LayoutError | None = None
    for lanes in spine.lanes:
        try:
            packing = _largest_for(lanes, levels, base, floor, length, half, gap, spine)
        except LayoutError as exc:
            failure = failure or exc
            continue
        if chosen is None or max(packing.radii) > max(chosen.radii) * (1 + spine.lane_gain):
            chosen = packing
    if chosen is None:
        raise failure or ValueError("Spine.lanes is empty")
    return chosen


def _largest_for(lanes: int, levels: list[float], base: list[float], floor: list[float], length: float,
                 half: float, gap: float, spine: Spine) -> _Packing:
    """The packing at the largest feasible scale for one lane count (bisection)."""
    if max(floor) > half + EPS:
        raise LayoutError(
            f"a bubble of {to_mm(max(floor)):.0f} mm radius does not fit a field {to_mm(2 * half):.0f} mm across")
    best = _pack(lanes, levels, base, floor, 0.0, length, half, gap, spine)
    if best.lo > best.hi + EPS:
        raise LayoutError(
            f"{len(levels)} bubbles do not fit in a field of {to_mm(length):.0f} mm along the axis: "
            f"they need {to_mm(best.lo - best.hi):.0f} mm more")
    low = 0.0
    high = max(0.0, min(half, length / 2, spine.max_radius) / max(base))
    candidate = _pack(lanes, levels, base, floor, high, length, half, gap, spine)
    if candidate.lo <= candidate.hi:
        return candidate
    for _ in range(BISECTION_STEPS):
        mid = (low + high) / 2
        candidate = _pack(lanes, levels, base, floor, mid, length, half, gap, spine)
        if candidate.lo <= candidate.hi:
            low, best = mid, candidate
        else:
            high = mid
    return best


def _pack(lanes: int, levels: list[float], base: list[float], floor: list[float], scale: float,
          length: float, half: float, gap: float, spine: Spine) -> _Packing:
    """Tightest positions along the axis at one scale: the longest path through the constraints."""
    n = len(levels)
    lanes = max(1, min(lanes, n))
    radii = [max(scale * b, f) for b, f in zip(base, floor)]
    mean = sum(radii) / n
    amp = max(0.0, min(spine.amplitude * mean * (lanes - 1), half - max(radii)))
    if spine.sides is not None and n > 1:
        across = [amp * side for side in spine.sides]
    else:
        across = [0.0 if lanes == 1 else -amp + (k % lanes) * 2 * amp / (lanes - 1) for k in range(n)]
    along = [0.0] * n
    for k in range(1, n):
        step = spine.tie_advance if levels[k] == levels[k - 1] else spine.advance
        p = along[k - 1] + step * (radii[k - 1] + radii[k] + gap) / lanes
        for j in range(k):
            need = radii[j] + radii[k] + gap
            dv = abs(across[k] - across[j])
            if dv < need:
                p = max(p, along[j] + math.sqrt(need * need - dv * dv))
        along[k] = p
    lo = max(r - p for r, p in zip(radii, along))
    hi = min(length - r - p for r, p in zip(radii, along))
    return _Packing(tuple(radii), tuple(across), tuple(along), lo, hi)


def _spread(levels: list[float], packing: _Packing, length: float) -> list[float]:
    """Final positions: the packed block shifted towards level-proportional targets, monotonely."""
    radii, along = packing.radii, packing.along
    first, last = radii[0], length - radii[-1]
    low, high = min(levels), max(levels)
    targets = [(first + last) / 2 if high == low else first + (lv - low) / (high - low) * (last - first)
               for lv in levels]
    slack = max(0.0, packing.hi - packing.lo)
    offsets = pava([t - (packing.lo + p) for t, p in zip(targets, along)])
    return [packing.lo + p + min(max(o, 0.0), slack) for p, o in zip(along, offsets)]


def pava(values: Sequence[float]) -> list[float]:
    """The non-decreasing sequence closest to `values` in least squares (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [sum, count]
    for value in values:
        blocks.append([value, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    result: list[float] = []
    for total, count in blocks:
        result.extend([total / count] * int(count))
    return result


def _to_page(field: Box, orientation: str, u: float, v: float, r: float) -> Bubble:
    side = 0 if abs(v) < EPS else (-1 if v < 0 else 1)
    if orientation == "portrait":
        return Bubble(field.x + field.width / 2 + v, field.y + u, r, u, side)
    return Bubble(field.x + u, field.y + field.height / 2 + v, r, u, side)
