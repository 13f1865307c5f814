"""Theme names inside their circles: every breaking is tried, then one size for all names.

The breakings come from the one text engine (`generator.text`: `prepared` atoms and
`linebreak.breakings`): a name breaks at spaces, after existing hyphens, at the content's '|'
hints and, in words without hints, at pyphen points (at most one per word, never in
acronyms, at least three letters on each side; the trema rule only for Dutch). For n lines
the line boxes (advance width incl. an inserted '-', ascent + descent) are stacked with
`leading` and centred on the circle's centre; since a circle is convex, the block fits
exactly when every box corner does, so the radius a breaking needs is max_k hypot(w_k / 2,
e_k) with e_k the line's farthest edge from the centre: each line's width limit depends on
its place. Everything is computed per point of size and scales linearly.

Choice, at the one shared size: fewest inserted hyphens, then fewest line breaks at spaces
other than those the content marks with '|' ("Financing and| cost sharing"; only when it marks
some), then fewest short lonely lines
("en", "wet" alone), then the smallest enclosing radius (the most balanced block).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Sequence

from generator import scene
from generator.errors import LayoutError
from generator.text.breaking import prepared
from generator.text.finalize import line_segments, make_line
from generator.text.fonts import metrics
from generator.text.hyphenate import strip_hints
from generator.text.linebreak import breakings, line_width
from generator.text.prepare import HYPHEN_KINDS, K_SPACE, view
from generator.text.style import TextStyle

MIN_PART = 3      # letters left on either side of an inserted hyphen
LONELY = 4        # a line of fewer letters than this, alone, is lonely (when there are others)


@dataclass(frozen=True)
class NameStyle:
    font: str
    leading: float = 1.1
    max_lines: int = 4
    lang: str = "nl"


@dataclass(frozen=True)
class Breaking:
    """One way to set a name: its lines (as printed) and what it needs per point of size."""

    lines: tuple[str, ...]
    hyphenated: tuple[bool, ...]
    radius: float   # enclosing radius of the line boxes, per point of font size
    hyphens: int
    lonely: int
    segments: tuple[tuple, ...] = ()  # per line: the engine's styled segments
    unhinted: int = 0  # lines ending at a space that no '|' marks, in a name that marks some

    @property
    def key(self) -> tuple:
        return (self.hyphens, self.unhinted, self.lonely, self.radius, len(self.lines), self.lines)


@dataclass(frozen=True)
class NameOptions:
    """The best breaking of one name for each (lines, hyphens, lonely lines) combination."""

    label: str
    breakings: tuple[Breaking, ...]

    @property
    def min_radius(self) -> float:
        """The smallest enclosing radius per point of size over all breakings."""
        return min(b.radius for b in self.breakings)

    def preferred_radius(self, tolerance: float) -> float:
        """The radius of the preferred breaking among those at most `tolerance` (a share)
        larger than the smallest: what the name asks for to avoid hyphens it does not need."""
        limit = self.min_radius * (1.0 + tolerance) + 1e-12
        return min((b for b in self.breakings if b.radius <= limit), key=lambda b: b.key).radius

    def choose(self, size: float, room: float) -> Breaking:
        """The preferred breaking that fits in a radius `room` at `size` points."""
        fitting = [b for b in self.breakings if b.radius * size <= room + 1e-9]
        if not fitting:
            raise LayoutError(f"theme name '{strip_hints(self.label)}' does not fit its bubble at {size:.1f} pt")
        return min(fitting, key=lambda b: b.key)


def name_options(label: str, style: NameStyle) -> NameOptions:
    """All useful breakings of a name (label with '|' hints) in the style's font."""
    return _options(label, style)


def engine_style(style: NameStyle) -> TextStyle:
    """The text engine's style for a name (one font, no colour: geometry only)."""
    return TextStyle(style.font, style.font, style.font, 1.0, style.leading, "#000000", "#000000",
                     hyphenate=False, lang=style.lang)


@functools.lru_cache(maxsize=1024)
def _options(label: str, style: NameStyle) -> NameOptions:
    p = prepared(label, engine_style(style))
    if not p.w:
        raise LayoutError("a theme name is empty")
    a, _ = view(p, math.inf)
    m = metrics(style.font)
    asc, desc = m.ascent(1.0), m.descent(1.0)
    edges = {n: _edges(n, style.leading, asc, desc) for n in range(1, style.max_lines + 1)}
    found: dict[tuple[int, int, int], Breaking] = {}
    for lines in breakings(p, style.max_lines, MIN_PART):
        n = len(lines)
        texts = tuple("".join(t for t, _ in line_segments(a, i, j)) for i, j in lines)
        flags = tuple(a.kind[j] in HYPHEN_KINDS for _, j in lines)
        radius = max(math.hypot(line_width(a, i, j) / 2000.0, e) for (i, j), e in zip(lines, edges[n]))
        lonely = sum(_is_lonely(t, n > 1) for t in texts)
        unhinted = sum(1 for _, j in lines[:-1] if a.kind[j] == K_SPACE and a.word[j] not in p.hinted) \
            if p.hinted else 0
        key = (n, sum(flags), unhinted, lonely)
        old = found.get(key)
        if old is None or (radius, texts) < (old.radius, old.lines):
            segs = tuple(tuple(line_segments(a, i, j)) for i, j in lines)
            found[key] = Breaking(texts, flags, radius, sum(flags), lonely, segs, unhinted)
    ordered = sorted(found.values(), key=lambda b: b.key)
    return NameOptions(label, tuple(ordered))


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def _edges(n: int, leading: float, asc: float, desc: float) -> list[float]:
    """Farthest edge from the centre of each of n stacked line boxes, per point of size."""
    height = (n - 1) * leading + asc + desc
    tops = [-height / 2 + k * leading for k in range(n)]
    return [max(abs(t), abs(t + asc + desc)) for t in tops]


def _is_lonely(text: str, several: bool) -> bool:
    return several and _letters(text) < LONELY and " " not in text


def shared_size(options: Sequence[NameOptions], rooms: Sequence[float], shrink: float,
                max_size: float, tolerance: float = 0.0) -> float:
    """The one name size: `shrink` × the largest size at which every name fits its room (a
    radius in points) with its preferred breaking (see `preferred_radius`), at most `max_size`."""
    return min(max_size, shrink * min(room / o.preferred_radius(tolerance) for o, room in zip(options, rooms)))


def room_needed(option: NameOptions, size: float, padding: float) -> float:
    """The bubble radius a name needs at `size` points with `padding` (share of the radius)."""
    return option.min_radius * size / (1.0 - padding)


def name_lines(breaking: Breaking, size: float, style: NameStyle, color: str,
               tag: str = "") -> tuple[scene.Placed, ...]:
    """The name's lines centred on (0, 0): each at its baseline's left end."""
    m = metrics(style.font)
    asc, desc = m.ascent(size), m.descent(size)
    n = len(breaking.lines)
    lead = style.leading * size
    top = -((n - 1) * lead + asc + desc) / 2
    placed = []
    for k, (segs, hyphen) in enumerate(zip(breaking.segments, breaking.hyphenated)):
        line = make_line(segs, size, color, tag, hyphen)
        placed.append(scene.Placed(-line.width / 2, top + k * lead + asc, line))
    return tuple(placed)
