"""Which column each theme's panel goes into: pure arithmetic over panel heights.

Panels keep the order of their bubbles inside each column (so leaders of one side never
cross, generator/layout/panels.py); what is free is the side of each theme. With n themes
there are 2ⁿ assignments; up to `EXACT_LIMIT` themes every one is scored from subset sums
(2¹⁶ sums: a few milliseconds), beyond that the alternation and a greedy fill are scored.

An assignment is a tuple of sides, -1 (left) or +1 (right), one per theme in bubble order.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Iterator, Sequence

EXACT_LIMIT = 16
EPS = 1e-6


@dataclass(frozen=True)
class Packing:
    """One assignment and what it costs."""

    sides: tuple[int, ...]
    left: float        # height the left column needs (panels and gaps)
    right: float
    breaks: int        # neighbours (in bubble order) on the same side: 0 for a strict zigzag

    @property
    def tallest(self) -> float:
        return max(self.left, self.right)


def _sides(mask: int, n: int) -> tuple[int, ...]:
    return tuple(-1 if mask >> k & 1 else 1 for k in range(n))


def _breaks(mask: int, n: int) -> int:
    if n < 2:
        return 0
    same = ~(mask ^ (mask >> 1)) & ((1 << (n - 1)) - 1)
    return same.bit_count()


def _masks(heights: Sequence[float]) -> Iterator[tuple[int, float, int]]:
    """(mask, height on the left, panels on the left) for the assignments scored; bit k set =
    theme k on the left."""
    n = len(heights)
    if n <= EXACT_LIMIT:
        sums, counts = [0.0], [0]
        for h in heights:
            sums += [s + h for s in sums]
            counts += [c + 1 for c in counts]
        yield from zip(range(1 << n), sums, counts)
        return
    alternating = sum(1 << k for k in range(0, n, 2))
    greedy, left, right = 0, 0.0, 0.0
    for k, h in enumerate(heights):
        if left <= right:
            greedy |= 1 << k
            left += h
        else:
            right += h
    for mask in dict.fromkeys((alternating, greedy)):
        chosen = [h for k, h in enumerate(heights) if mask >> k & 1]
        yield mask, sum(chosen), len(chosen)


def _scored(heights: Sequence[float], gap: float) -> Iterator[tuple[int, float, float]]:
    """(mask, left column's need, right column's need) for the assignments scored: plain
    numbers, no objects, the same arithmetic as `Packing`."""
    n = len(heights)
    total = sum(heights)
    gaps = [gap * max(0, c - 1) for c in range(n + 1)]   # between c panels in a column
    for mask, left, count in _masks(heights):
        yield mask, left + gaps[count], total - left + gaps[n - count]


def _packing(mask: int, left: float, right: float, n: int) -> Packing:
    return Packing(_sides(mask, n), left, right, _breaks(mask, n))


def packings(heights: Sequence[float], gap: float) -> Iterator[Packing]:
    """Every assignment scored (or, for many themes, a few)."""
    n = len(heights)
    for mask, left, right in _scored(heights, gap):
        yield _packing(mask, left, right, n)


def fits(heights: Sequence[float], gap: float, capacity: float) -> bool:
    """True if some assignment puts no more than `capacity` in either column (no objects made:
    the size search asks this many times)."""
    n, total = len(heights), sum(heights)
    limit = capacity + EPS
    gaps = [gap * max(0, c - 1) for c in range(n + 1)]
    return any(left + gaps[count] <= limit and total - left + gaps[n - count] <= limit
               for _, left, count in _masks(heights))


def lowest(heights: Sequence[float], gap: float) -> Packing:
    """The assignment with the lowest tallest column (then the fewest breaks of the zigzag,
    then the sides): scored as numbers, objects made only for the ties on the lowest column."""
    n = len(heights)
    scored = [(round(max(left, right), 3), mask, left, right) for mask, left, right in _scored(heights, gap)]
    low = min(r for r, *_ in scored)
    ties = [_packing(mask, left, right, n) for r, mask, left, right in scored if r == low]
    return min(ties, key=lambda p: (round(p.tallest, 3), p.breaks, p.sides))


def ranked(heights: Sequence[float], gap: float, capacity: float, limit: int = 6) -> list[Packing]:
    """The assignments whose columns both fit `capacity`, best first: fewest breaks of the
    zigzag (the bubbles alternate sides, easiest to follow), then the lowest tallest column,
    then the first theme on the left; at most `limit` (objects made only for the `limit` best
    by breaks and column, with their ties)."""
    n = len(heights)
    most = capacity + EPS
    scored = [(_breaks(mask, n), round(max(left, right), 3), mask, left, right)
              for mask, left, right in _scored(heights, gap) if max(left, right) <= most]
    if len(scored) > limit:
        cut = heapq.nsmallest(limit, (s[:2] for s in scored))[-1]
        scored = [s for s in scored if s[:2] <= cut]
    fitting = [_packing(mask, left, right, n) for _, _, mask, left, right in scored]
    fitting.sort(key=lambda p: (p.breaks, round(p.tallest, 3), p.sides))
    return fitting[:limit]
