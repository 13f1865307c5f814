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
from typing import Iterator

from generator.text.prepare import (EPS, HYPHEN_KINDS, K_AUTO, K_END, K_FORCED, K_FREE, K_MANUAL, K_SPACE,
                                    Atoms, Prepared, view)
from generator.text.style import Hyphenation

OVERFULL = 1e7
_DASHES = frozenset({"\u2013", "\u2014"})  # en and em dash standing alone between spaces


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


def _starts(a: Atoms, ok: list[bool]) -> tuple[list[tuple[int, float, bool]], list[int]]:
    """Possible line starts (i, offset, whether the line before ended in an inserted hyphen),
    a line from start i to atom j being `end_j - offset_i` wide; and per atom j the index of
    the last start <= j. Independent of the width."""
    P, T, K = a.prefix, a.trema, a.kind
    starts: list[tuple[int, float, bool]] = []
    last_start = [0] * len(K)
    for i in range(len(K)):
        if i == 0:
            starts.append((0, P[0], False))
        elif ok[i - 1]:
            kp = K[i - 1]
            off = P[i]
            if T[i] is not None:  # a line starting inside a word: its first piece reshaped
                off -= T[i][1]
            starts.append((i, off, kp in HYPHEN_KINDS))
        last_start[i] = len(starts) - 1
    return starts, last_start


def _optimal(a: Atoms, limit: float, ok: list[bool], nwords: int, hy: Hyphenation,
             starts_info: tuple | None = None) -> tuple[list[tuple[int, int]], float]:
    """Best breaking as (first atom, last atom) per line, and its cost."""
    n = len(a.w)
    inf = math.inf
    best = [inf] * (n + 1)
    prev = [0] * (n + 1)
    best[0] = 0.0
    P, S, H, K, X, word, LP = a.prefix, a.space, a.hyph, a.kind, a.extra, a.word, a.letters_prefix
    starts, last_start = starts_info or _starts(a, ok)
    lim = limit + EPS
    k2 = hy.slack / (limit * limit)
    penalty, line_cost = penalties(hy), hy.line
    last_word = word[-1]
    widow_rule = nwords >= 3
    for j in range(n):
        if not ok[j]:
            continue
        kj = K[j]
        end = P[j + 1] - S[j] + H[j]
        too_wide = end - lim  # a start with a smaller offset makes the line too wide
        base = limit - end  # leftover space = base + offset
        pen_j = penalty[kj] + X[j] + line_cost
        hy_j = kj in HYPHEN_KINDS
        is_last = j == n - 1
        bj, pj = inf, 0
        first = last_start[j]
        for si in range(first, -1, -1):
            i, off, after_hyphen = starts[si]
            if off < too_wide:
                # even the shortest line ending at j is too wide: allow it, as overfull
                if si == first and best[i] < inf:
                    bj, pj = best[i] + OVERFULL + line_cost, i
                break
            b = best[i]
            if b == inf:
                continue
            if is_last:
                c = b + line_cost
                if widow_rule and i > 0 and word[i] == last_word:
                    c += hy.widow
            else:
                slack = base + off
                c = b + k2 * slack * slack + pen_j
                if hy_j and after_hyphen:
                    c += hy.double
                    if word[i] == word[j] and LP[j + 1] - LP[i] < 3 and _short_middle(a, i, j):
                        c += hy.short_middle
            if c < bj:
                bj, pj = c, i
        best[j + 1], prev[j + 1] = bj, pj
    lines: list[tuple[int, int]] = []
    j = n
    while j > 0:
        i = prev[j]
        lines.append((i, j - 1))
        j = i
    lines.reverse()
    return lines, best[n]


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
