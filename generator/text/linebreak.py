"""Stage 3 of the engine (Typst's "linebreak"): atoms → lines.

Optimal fit (Knuth–Plass without stretch), costs from the style's `Hyphenation`: minimise
over all breakings the sum of slack·(leftover/width)² on every line but the last, + `line`
per line, + the break's penalty (`free`, `manual`, `auto`; + `short_part` for a pyphen point
leaving few letters), + `double` if the line before also ended in an inserted hyphen
(+ `short_middle` more if that leaves < 3 letters of a word's middle alone), + `widow` if
the last line is a single word (or the tail of one) in a paragraph of ≥ 3 words. Lines must
fit; the look-back stops at the first line that does not: O(atoms × atoms per line).

Hyphenate only where it helps: a first pass uses spaces, free breaks and manual hints only;
it is kept if no line but the last leaves more than `tolerance` of the width empty and there
is no one-word last line. Otherwise (if the style hyphenates) the pass with pyphen points
runs. With hyphenation off, pyphen points are used only in words too long for a line.

`breakings` enumerates every breaking into at most n lines, for callers that choose by
their own geometry (names inside circles: one width per line).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from typing import Iterator, NamedTuple

from generator.text.prepare import (EPS, HYPHEN_KINDS, K_AUTO, K_END, K_FORCED, K_FREE, K_MANUAL, K_SPACE,
                                    Atoms, Prepared, view)
from generator.text.style import Hyphenation

OVERFULL = 1e7
_DASHES = frozenset({"\u2013", "\u2014"})  # en and em dash standing alone between spaces


class Starts(NamedTuple):
    """Where lines may start and end, as columns (see `_starts`); independent of the width."""

    at: list[int]  # per start: its atom
    offset: list[float]  # a line from this start to atom j is `end_j - offset` wide
    after_hyphen: list[bool]  # the line before ends in an inserted hyphen
    rising: bool  # offsets never fall (a reshaped first piece can make one fall)
    ends: list[int]  # the atoms a line may end after, but the last: end k makes start k + 1
    end: list[float]  # per end: `end_j`, where the line ends (its space dropped, hyphen added)
    hyphen: list[bool]  # per end: the line gets an inserted hyphen


def penalties(hy: Hyphenation) -> dict[int, float]:
    return {K_SPACE: 0.0, K_FREE: hy.free, K_MANUAL: hy.manual, K_AUTO: hy.auto, K_FORCED: 1000.0, K_END: 0.0}


def breakable(a: Atoms, allow_auto: bool, long_groups: set[int]) -> list[bool]:
    """Per atom: may a line end after it?"""
    if allow_auto:
        ok = [True] * len(a.kind)
    else:
        ok = [k != K_AUTO or a.group[i] in long_groups for i, k in enumerate(a.kind)]
    for i in range(len(a.kind) - 1):  # a spaced dash never starts a line
        if a.kind[i] == K_SPACE and _is_dash(a.segs[i + 1]):
            ok[i] = False
    return ok


def _is_dash(segs) -> bool:
    """True for an atom that is a lone en or em dash (a word of its own)."""
    return "".join(text for text, _ in segs) in _DASHES


def _starts(a: Atoms, ok: list[bool]) -> Starts:
    """Possible line starts: atom 0 and every atom after one a line may end after."""
    P, S, H, T, K = a.prefix, a.space, a.hyph, a.trema, a.kind
    ends = [j for j in range(len(K) - 1) if ok[j]]
    at = [0] + [j + 1 for j in ends]
    offs = [P[i] - T[i][1] if T[i] is not None else P[i] for i in at]  # a piece after a break, reshaped
    return Starts(at, offs, [False] + [K[j] in HYPHEN_KINDS for j in ends],
                  all(x <= y for x, y in zip(offs, offs[1:])), ends,
                  [P[j + 1] - S[j] + H[j] for j in ends], [K[j] in HYPHEN_KINDS for j in ends])


def _optimal(a: Atoms, limit: float, ok: list[bool], nwords: int, hy: Hyphenation,
             starts_info: Starts | None = None) -> tuple[list[tuple[int, int]], float]:
    """Best breaking as (first atom, last atom) per line, and its cost.

    `sb[s]` is the least cost of the text before start s: the line ending at end k makes
    start k + 1, so the ends are taken in order and each appends its cost. For an end, the
    starts from which the line fits are tried from the farthest (the fullest line, usually
    the best) on, ties going to the later start; costs rise with the slack, so once a start's
    slack cost alone with the least cost before any of them loses, the rest lose too."""
    n = len(a.w)
    inf = math.inf
    s_at, s_off, s_hy, rising, ends, end_w, hyphen = starts_info or _starts(a, ok)
    X, K, word, LP = a.extra, a.kind, a.word, a.letters_prefix
    lim = limit + EPS
    k2 = hy.slack / (limit * limit)
    penalty, line_cost = penalties(hy), hy.line
    pens = [penalty[K[j]] + X[j] + line_cost for j in ends]
    # stopping early is exact if costs only grow with the slack and every addition is >= 0
    prune = rising and k2 >= 0 and hy.double >= 0 and hy.short_middle >= 0
    sb = [0.0]
    prev = [0] * (n + 1)
    for first, j in enumerate(ends):  # the starts up to j: 0..first
        end = end_w[first]
        lo = _first_fitting(s_off, end - lim, first, rising)
        base = limit - end  # leftover space = base + offset
        pen_j = pens[first]
        least = min(sb[lo:first + 1]) if prune and lo <= first else -inf
        bj, pj = inf, 0
        if not hyphen[first]:
            for si in range(lo, first + 1):
                slack = base + s_off[si]
                t = k2 * slack * slack
                c = sb[si] + t + pen_j
                if c <= bj:
                    bj, pj = c, si
                elif slack > 0 and least + t + pen_j > bj:
                    break
        else:  # an inserted hyphen: another right before it costs more
            for si in range(lo, first + 1):
                slack = base + s_off[si]
                t = k2 * slack * slack
                c = sb[si] + t + pen_j
                if s_hy[si]:
                    c += hy.double
                    i = s_at[si]
                    if word[i] == word[j] and LP[j + 1] - LP[i] < 3 and _short_middle(a, i, j):
                        c += hy.short_middle
                if c <= bj:
                    bj, pj = c, si
                elif slack > 0 and least + t + pen_j > bj:
                    break
        if lo > first and sb[first] < inf:
            # even the shortest line ending at j is too wide: allow it, as overfull
            bj, pj = sb[first] + OVERFULL + line_cost, first
        sb.append(bj)
        prev[j + 1] = s_at[pj]
    best_n = _last_line(a, limit, ok, nwords, hy, s_at, s_off, rising, sb, prev) if ok[n - 1] else inf
    lines: list[tuple[int, int]] = []
    j = n
    while j > 0:
        i = prev[j]
        lines.append((i, j - 1))
        j = i
    lines.reverse()
    return lines, best_n


def _last_line(a: Atoms, limit: float, ok: list[bool], nwords: int, hy: Hyphenation, s_at: list[int],
               s_off: list[float], rising: bool, sb: list[float], prev: list[int]) -> float:
    """The best start of the last line (no slack cost; a one-word last line costs `widow` in
    a paragraph of >= 3 words) into `prev`, and the cost of the whole breaking."""
    n = len(a.w)
    first = len(sb) - 1
    lo = _first_fitting(s_off, a.prefix[n] - a.space[n - 1] + a.hyph[n - 1] - (limit + EPS), first, rising)
    widow = hy.widow if nwords >= 3 else 0.0
    last_word = a.word[-1]
    bj, pj = math.inf, 0
    for si in range(lo, first + 1):
        c = sb[si] + hy.line
        if widow and si > 0 and a.word[s_at[si]] == last_word:
            c += widow
        if c <= bj:
            bj, pj = c, si
    if lo > first and sb[first] < math.inf:  # overfull, as above
        bj, pj = sb[first] + OVERFULL + hy.line, first
    prev[n] = s_at[pj]
    return bj


def _first_fitting(offs: list[float], too_wide: float, first: int, rising: bool) -> int:
    """The lowest start s such that every start from s to `first` has an offset of at least
    `too_wide` (a line from there fits); `first + 1` if none."""
    if rising:
        return bisect_left(offs, too_wide, 0, first + 1)
    si = first
    while si >= 0 and offs[si] >= too_wide:
        si -= 1
    return si + 1


def _short_middle(a: Atoms, i: int, j: int) -> bool:
    """For a line with < 3 letters between two inserted hyphens in one word: is one of them a
    pyphen point (not a manual hint, not a forced split)? ("pati-" / "en-" / "tenvereniging")."""
    return K_AUTO in (a.kind[i - 1], a.kind[j]) and K_FORCED not in (a.kind[i - 1], a.kind[j])


def line_width(a: Atoms, i: int, j: int) -> float:
    """Width of the line holding atoms i..j (its ends shaped as printed: inserted hyphen,
    dropped trema)."""
    width = a.prefix[j + 1] - a.prefix[i] - a.space[j] + a.hyph[j]
    if i > 0 and a.trema[i] is not None:
        width += a.trema[i][1]
    return width


def _sets_well(a: Atoms, lines: list[tuple[int, int]], limit: float, nwords: int, hy: Hyphenation) -> bool:
    for n, (i, j) in enumerate(lines):
        width = line_width(a, i, j)
        if width > limit + EPS:
            return False
        if n < len(lines) - 1:
            if limit - width > hy.tolerance * limit:
                return False
        elif nwords >= 3 and len(lines) > 1 and a.word[i] == a.word[-1]:
            return False
    return True


def break_lines(p: Prepared, limit: float, hyphenate: bool, hy: Hyphenation) -> tuple[Atoms, list[tuple[int, int]]]:
    """The two passes (see the module docstring). The pass with pyphen points runs first: if
    its optimum uses none, it is also the first pass's optimum (a subset of its choices with
    the same costs), so one pass suffices."""
    a, long_groups = view(p, limit)
    plain = not a.forced and not long_groups  # the usual case: width-independent, cached
    if plain and p.pass_a is None:
        ok_a = breakable(a, False, long_groups)
        ok_b = breakable(a, True, long_groups)
        p.pass_a = ok_a, _starts(a, ok_a)
        p.pass_b = ok_b, _starts(a, ok_b)
    if plain:
        (ok_a, starts_a), (ok_b, starts_b) = p.pass_a, p.pass_b
    else:
        ok_a = breakable(a, False, long_groups)
        ok_b = breakable(a, True, long_groups)
        starts_a = starts_b = None
    if not hyphenate or K_AUTO not in a.kind:
        return a, _optimal(a, limit, ok_a, p.nwords, hy, starts_a)[0]
    lines2, cost2 = _optimal(a, limit, ok_b, p.nwords, hy, starts_b)
    if not any(a.kind[j] == K_AUTO and a.group[j] not in long_groups for _, j in lines2):
        return a, lines2
    lines, cost = _optimal(a, limit, ok_a, p.nwords, hy, starts_a)
    if cost <= cost2 or _sets_well(a, lines, limit, p.nwords, hy):
        return a, lines
    return a, lines2


def breakings(p: Prepared, max_lines: int, min_part: int = 3) -> Iterator[list[tuple[int, int]]]:
    """Every breaking of a short text into 1..max_lines lines, as (first atom, last atom) per
    line. Rules for text set by shape (names): an inserted hyphen leaves at least `min_part`
    letters on either side of it in its word, and no line is the middle of a word between
    two pyphen points. Lines are not checked against a width: the caller measures them."""
    a, _ = view(p, math.inf)
    n = len(a.w)
    ok = [j == n - 1 or _may_end(a, j, min_part) for j in range(n)]

    def extend(start: int, lines: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
        for j in range(start, n):
            if not ok[j]:
                continue
            if start > 0 and a.kind[start - 1] == K_AUTO and a.kind[j] == K_AUTO \
                    and a.word[start] == a.word[j]:
                continue
            line = lines + [(start, j)]
            if j == n - 1:
                yield line
            elif len(line) < max_lines:
                yield from extend(j + 1, line)

    yield from extend(0, [])


def _may_end(a: Atoms, j: int, min_part: int) -> bool:
    k = a.kind[j]
    if k in (K_SPACE, K_FREE):
        return True
    if k not in (K_MANUAL, K_AUTO):
        return False
    w = a.word[j]
    left = sum(a.letters[i] for i in range(j + 1) if a.word[i] == w)
    right = sum(a.letters[i] for i in range(j + 1, len(a.w)) if a.word[i] == w)
    return left >= min_part and right >= min_part
