"""Theme names inside their circles: every breaking is tried, then one size for all names.

A name may break at spaces, after existing hyphens ("free"), at the content's '|' hints and,
in words without hints, at pyphen points (at most one per word; never in acronyms; at least
three letters on each side: generator/text/hyphenate). For n lines of a breaking the line
boxes (advance width incl. an inserted '-', ascent + descent) are stacked with `leading`
and centred on the circle's centre; since a circle is convex, the block fits exactly when
every box corner does, so the radius a breaking needs is max_k hypot(w_k / 2, e_k) with
e_k the line's farthest edge from the centre. Everything is computed per point of size and
scales linearly. See layout-research.md §5.2.

Choice, at the one shared size: fewest inserted hyphens, then fewest short lonely lines
("en", "wet" alone), then the smallest enclosing radius (the most balanced block).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Sequence

from generator import scene
from generator.errors import LayoutError
from generator.text.fonts import metrics
from generator.text.hyphenate import drop_trema, hyphenator, strip_hints

MIN_PART = 3      # letters left on either side of an inserted hyphen
LONELY = 4        # a line of fewer letters than this, alone, is lonely (when there are others)
HYPHENATING = ("manual", "auto")


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

    @property
    def key(self) -> tuple:
        return (self.hyphens, self.lonely, self.radius, len(self.lines), self.lines)


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


@dataclass(frozen=True)
class _Piece:
    text: str
    word: int
    after: str  # how the piece ends: "space", "free", "manual", "auto" or "end"


def name_options(label: str, style: NameStyle) -> NameOptions:
    """All useful breakings of a name (label with '|' hints) in the style's font."""
    return _options(label, style)


@functools.lru_cache(maxsize=1024)
def _options(label: str, style: NameStyle) -> NameOptions:
    pieces = _pieces(label, style.lang)
    if not pieces:
        raise LayoutError("a theme name is empty")
    m = metrics(style.font)
    asc, desc = m.ascent(1.0), m.descent(1.0)
    found: dict[tuple[int, int, int], Breaking] = {}
    for n in range(1, min(style.max_lines, len(pieces)) + 1):
        edges = _edges(n, style.leading, asc, desc)
        for lines in _best_paths(pieces, n, edges, m, n > 1):
            found[(len(lines.lines), lines.hyphens, lines.lonely)] = lines
    ordered = sorted(found.values(), key=lambda b: b.key)
    return NameOptions(label, tuple(ordered))


def _pieces(label: str, lang: str) -> list[_Piece]:
    """The name cut at every break opportunity it allows."""
    hyph = hyphenator(lang)
    words = label.split()
    pieces: list[_Piece] = []
    for w, word in enumerate(words):
        printed = strip_hints(word)
        cuts = [(p, kind) for p, kind in hyph.breaks(word)
                if kind == "free" or (_letters(printed[:p]) >= MIN_PART and _letters(printed[p:]) >= MIN_PART)]
        bounds = [0] + [p for p, _ in cuts] + [len(printed)]
        kinds = [k for _, k in cuts] + ["space" if w < len(words) - 1 else "end"]
        for a in range(len(bounds) - 1):
            pieces.append(_Piece(printed[bounds[a]:bounds[a + 1]], w, kinds[a]))
    return pieces


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def _edges(n: int, leading: float, asc: float, desc: float) -> list[float]:
    """Farthest edge from the centre of each of n stacked line boxes, per point of size."""
    height = (n - 1) * leading + asc + desc
    tops = [-height / 2 + k * leading for k in range(n)]
    return [max(abs(t), abs(t + asc + desc)) for t in tops]


def _line(pieces: list[_Piece], i: int, j: int) -> tuple[str, bool] | None:
    """Text of a line holding pieces i..j-1 and whether it ends in an inserted hyphen; None if
    it would put a second pyphen break into one word."""
    before = pieces[i - 1].after if i > 0 else "end"
    last = pieces[j - 1]
    if before == "auto" and last.after == "auto" and pieces[i - 1].word == last.word:
        return None
    parts = []
    for k in range(i, j):
        text = pieces[k].text
        if k == i and before in HYPHENATING:
            text = drop_trema(text)
        parts.append(text)
        if k < j - 1 and pieces[k].after == "space":
            parts.append(" ")
    hyphen = last.after in HYPHENATING
    if hyphen:
        parts.append("-")
    return "".join(parts), hyphen


def _best_paths(pieces: list[_Piece], n: int, edges: list[float], m, several: bool) -> list[Breaking]:
    """For n lines: the breaking with the smallest enclosing radius for every (hyphens,
    lonely lines) count, by dynamic programming over the pieces (bottleneck path)."""
    count = len(pieces)
    # states[k][j]: {(hyphens, lonely): (radius so far, previous j, line text, hyphenated)}
    states: list[list[dict]] = [[{} for _ in range(count + 1)] for _ in range(n + 1)]
    states[0][0][(0, 0)] = (0.0, -1, "", False)
    for k in range(n):
        for i in range(count):
            here = states[k][i]
            if not here:
                continue
            for j in range(i + 1, count + 1):
                if (j == count) != (k == n - 1):
                    continue
                made = _line(pieces, i, j)
                if made is None:
                    continue
                text, hyphen = made
                radius = math.hypot(m.units(text) / 2000.0, edges[k])
                lonely = int(_is_lonely(text, several))
                for (h, l), (r, _, _, _) in here.items():
                    key = (h + hyphen, l + lonely)
                    value = max(r, radius)
                    old = states[k + 1][j].get(key)
                    if old is None or value < old[0] - 1e-12:
                        states[k + 1][j][key] = (value, i, text, hyphen)
    result = []
    for (h, l), (r, _, _, _) in sorted(states[n][count].items()):
        lines, flags = _trace(states, n, count, (h, l))
        result.append(Breaking(tuple(lines), tuple(flags), r, h, l))
    return result


def _trace(states, n: int, count: int, key: tuple[int, int]) -> tuple[list[str], list[bool]]:
    lines, flags = [], []
    j = count
    for k in range(n, 0, -1):
        _, i, text, hyphen = states[k][j][key]
        lines.append(text)
        flags.append(hyphen)
        key = (key[0] - hyphen, key[1] - int(_is_lonely(text, n > 1)))
        j = i
    return lines[::-1], flags[::-1]


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
    for k, (text, hyphen) in enumerate(zip(breaking.lines, breaking.hyphenated)):
        width = m.width(text, size)
        line = scene.TextLine((scene.Run(0.0, text, style.font, size, color, width),), tag=tag, hyphenated=hyphen)
        placed.append(scene.Placed(-width / 2, top + k * lead + asc, line))
    return tuple(placed)
