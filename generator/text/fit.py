"""Size search: the one implementation of "the largest size on a 0.25 pt grid that fits"."""

from __future__ import annotations

import math
from typing import Callable

STEP = 0.25  # font sizes above a minimum are multiples of this (pt)


def floor_to_grid(size: float, step: float = STEP) -> float:
    """`size` rounded down to a multiple of `step`."""
    return math.floor(size / step + 1e-9) * step


def grid(lo: float, hi: float, step: float = STEP) -> list[float]:
    """`lo`, then every multiple of `step` above it (strictly) up to `hi`."""
    first = math.floor(lo / step) + 1
    last = math.floor(hi / step + 1e-9)
    return [lo] + [k * step for k in range(first, last + 1) if k * step > lo]


def largest_size(fits: Callable[[float], bool], lo: float, hi: float, step: float = STEP, *,
                 try_hi: bool = True) -> float | None:
    """The largest of `lo` and the multiples of `step` in (lo, hi] for which `fits` holds,
    assuming what fits at a size fits at smaller ones; None if not even `lo` fits.

    `try_hi`: first try the largest size (one call in the common case that it fits; callers
    whose largest size rarely fits, or is expensive to try, pass False). Then bisection."""
    sizes = grid(lo, hi, step)
    if try_hi and len(sizes) > 1 and fits(sizes[-1]):
        return sizes[-1]
    if not fits(sizes[0]):
        return None
    a, b = 0, len(sizes) - 1 if try_hi and len(sizes) > 1 else len(sizes)  # sizes[a] fits, sizes[b] does not
    while b - a > 1:
        mid = (a + b) // 2
        if fits(sizes[mid]):
            a = mid
        else:
            b = mid
    return sizes[a]
