"""Theme colours along the abstract → concrete ramp that stay apart from each other.

Each theme takes its place on the OKLCH ramp by rank (themes of equal level get neighbouring
places, in content order), so the order of the colours is the order of the levels. When two
colours come closer than `target` (CIEDE2000), lightness alternates about the ramp in a small
pattern, as little as reaches the target; if no pattern does (many themes), lightness and
chroma are nudged theme by theme (a deterministic hill climb) while the hues stay on the ramp.
Text on a bubble is black or white (generator/color.text_on: at least 4.58:1 on any fill).
"""

from __future__ import annotations

import itertools
import random
from functools import lru_cache

from generator.color import hex_to_lab, hex_to_oklch, lab_delta_e2000, oklch_hex, ramp

TARGET = 15.0                       # least CIEDE2000 between two themes' colours
PATTERNS = ((1, -1), (0, 1, -1), (0, 1, 0, -1))
STEPS = tuple(k / 50 for k in range(0, 16))   # lightness offsets tried: 0 … 0.3
LIGHTEST, DARKEST = 0.92, 0.22      # OKLCH lightness kept on paper and off black
CLIMB = 4000                        # nudges tried at most
SEED = 13
MIN_CHROMA = 0.05                   # no theme turns grey


def spread(start: str, end: str, count: int, target: float = TARGET) -> tuple[str, ...]:
    """`count` colours in ramp order from `start` to `end`, at least `target` apart if the ramp
    allows it (else as far apart as the search found)."""
    return _spread(start.lower(), end.lower(), count, target)


def least_difference(colours: tuple[str, ...]) -> float:
    """The smallest CIEDE2000 between two of the colours (inf for fewer than two)."""
    labs = [hex_to_lab(c) for c in colours]
    return min((lab_delta_e2000(a, b) for a, b in itertools.combinations(labs, 2)), default=float("inf"))


@lru_cache(maxsize=64)
def _spread(start: str, end: str, count: int, target: float) -> tuple[str, ...]:
    if count <= 0:
        return ()
    if count == 1:
        return (ramp(start, end, 0.5),)
    base = [hex_to_oklch(ramp(start, end, k / (count - 1))) for k in range(count)]
    best: tuple[float, tuple[str, ...]] | None = None
    for step in STEPS:
        for pattern in PATTERNS if step else ((0,),):
            colours = tuple(oklch_hex(_clamp(l + step * pattern[k % len(pattern)]), c, h)
                            for k, (l, c, h) in enumerate(base))
            score = least_difference(colours)
            if score >= target:
                return colours
            if best is None or score > best[0]:
                best = (score, colours)
    assert best is not None
    return _climb(best[1], target)


def _clamp(lightness: float) -> float:
    return min(LIGHTEST, max(DARKEST, lightness))


def _climb(colours: tuple[str, ...], target: float) -> tuple[str, ...]:
    """Nudge one colour's lightness and chroma at a time (hue fixed) while the smallest
    difference does not shrink; stop at the target or after CLIMB nudges."""
    n = len(colours)
    lch = [list(hex_to_oklch(c)) for c in colours]
    floors = [max(MIN_CHROMA, c * 0.6) for _, c, _ in lch]   # keep every colour's hue visible
    labs = [hex_to_lab(c) for c in colours]
    dist = [[lab_delta_e2000(labs[i], labs[j]) if i != j else float("inf") for j in range(n)] for i in range(n)]
    rng = random.Random(SEED)
    score = min(min(row) for row in dist)
    for _ in range(CLIMB):
        if score >= target:
            break
        k = rng.randrange(n)
        l, c, h = lch[k]
        candidate = (_clamp(l + rng.uniform(-0.06, 0.06)), max(floors[k], min(0.25, c + rng.uniform(-0.03, 0.03))), h)
        lab = hex_to_lab(oklch_hex(*candidate))
        row = [lab_delta_e2000(lab, labs[j]) if j != k else float("inf") for j in range(n)]
        others = min((dist[i][j] for i in range(n) for j in range(i + 1, n) if k not in (i, j)), default=float("inf"))
        new = min(min(row), others)
        if new >= score:
            lch[k], labs[k], score = list(candidate), lab, new
            dist[k] = row
            for j in range(n):
                dist[j][k] = row[j]
    return tuple(oklch_hex(*v) for v in lch)
