"""Advice for a poster whose questions do not fit: only what was tried and works.

A bigger paper never helps (every size, minimums included, scales with the sheet), so it is
never suggested. What is offered: shortening the questions by the share the tallest column
is over; the other orientation, if a poster in it was laid out; a smaller question size with
`--min-size`, the largest one that was laid out; and the theme posters.
"""

from __future__ import annotations

import math

from generator.model import Praatplaat

MIN_SHARE = 0.7     # --min-size is suggested down to this share of the layout's minimum
TRIES = 4           # smaller sizes laid out at most


def advice(plaat: Praatplaat, layout: dict, paper: str | None, st, overflow, theme_ids: tuple[str, ...],
           overview: bool) -> str:
    """'shorten the questions by ~4 %, or build it with --orientation landscape, or build
    `theme-posters` …, or allow a smaller size with `--min-size 20`' (what works, tried)."""
    capacity = overflow.hold / 2
    tallest = capacity + overflow.overflow
    share = max(1, math.ceil(100 * overflow.overflow / tallest)) if tallest > 0 else 1
    parts = [f"shorten the {'theme names' if overview else 'questions'} by ~{share} %"]
    other = "portrait" if st.orientation == "landscape" else "landscape"
    if _works(plaat, layout, paper, other, theme_ids, None, overview):
        parts.append(f"build it with --orientation {other}")
    if not overview:
        parts.append("build `theme-posters` (one poster per theme)")
    smaller = _smaller_size(plaat, layout, paper, st, capacity, tallest, theme_ids, overview)
    if smaller is not None:
        parts.append(f"allow a smaller size with `--min-size {smaller:g}`")
    return ", or ".join(parts)


def _works(plaat: Praatplaat, layout: dict, paper: str | None, orientation: str | None, theme_ids: tuple[str, ...],
           min_size: float | None, overview: bool) -> bool:
    """True if the poster lays out with these arguments (found at its first arrangement that does)."""
    from generator.layout.poster import lays_out

    return lays_out(plaat, layout, paper, orientation, theme_ids, min_size=min_size, overview=overview)


def _smaller_size(plaat: Praatplaat, layout: dict, paper: str | None, st, capacity: float, tallest: float,
                  theme_ids: tuple[str, ...], overview: bool) -> float | None:
    """The largest smaller minimum (whole points, half points below 12 pt) that lays out, near
    the estimate that text area grows with the square of the size."""
    current = st.panel.min_size
    step = 1.0 if current >= 12 else 0.5
    floor = current * MIN_SHARE
    estimate = current * math.sqrt(capacity / tallest) if tallest > 0 else current
    start = min(math.floor(current / step - 1e-9) * step, math.floor(estimate / step) * step + step)
    candidates = [start - k * step for k in range(TRIES)]
    for size in candidates:
        if size < floor - 1e-9 or size >= current:
            continue
        if _works(plaat, layout, paper, st.orientation, theme_ids, size, overview):
            return size
    return None
