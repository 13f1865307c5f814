"""Rich paragraphs → lines of positioned runs: the only place text is wrapped.

`set_text(text, width, style)` breaks one paragraph (a str or `model.Inline`) into lines no
wider than `width` points and returns a `TextBlock`. Layout modules call it (or `fit_size`);
renderers only draw the resulting `scene.TextLine`s.

Typography decided here:

- Spans: emphasis → `style.italic`, strong → `style.bold` (strong wins over emphasis), href →
  `style.link_color` plus a `scene.Link` area per line fragment. A footnote reference
  (`Span.footnote`) is printed as superscript figures (U+2070–2079, "doelen¹") in the span's
  font at full size when the font has them (Source Sans Pro does), else as the digits at
  0.7 × size on the baseline. `unbreak` turns a run of superscript figures back into digits.
- Whitespace: any run of ASCII whitespace is one breakable space; no-break spaces (U+00A0,
  U+202F) join. Leading/trailing whitespace is dropped. Text is NFC-normalised and manual
  break hints ('|', U+00AD) are removed from what is printed (see `hyphenate`).
- Break opportunities: spaces; "free" breaks after a hyphen/slash/dash inside a word
  (nothing inserted); manual hints and pyphen points (a "-" is inserted, `TextLine.hyphenated`
  is set and a trema right after the break is dropped).
- Optimal fit (Knuth–Plass without stretch): minimise over all breakings the sum of
  100·(leftover/width)² on every line but the last, + 10 per line (fewer lines win ties),
  + 1 per free break, + 2 per manual hint, + 6 per pyphen hyphen (+4 if it leaves fewer than
  5 letters on a side, "Omge-vingswet"), + 15 if the line before also ended in an inserted
  hyphen (+500 more if that leaves < 3 letters of a word's middle alone on a line, "en-"),
  + 150 if the last line is a single word (or the tail of one) in a paragraph of ≥ 3 words.
  Lines must fit; the look-back stops at the first line that does not, so the cost is
  O(atoms × atoms per line).
- Hyphenate only where it helps: a first pass uses spaces, free breaks and manual hints only;
  it is kept if no line but the last leaves more than 25 % of the width empty and there is no
  one-word last line. Otherwise (and if `style.hyphenate`) the pass with pyphen points runs;
  it can still choose no hyphen when that is cheaper.
- Too-long words: a word that does not fit on a line alone gets its pyphen points even
  if `style.hyphenate` is False; a piece that still does not fit is split between characters
  (a "-" inserted) as a last resort: the block is then `overfull` (and `overflow` > 0 if even
  one character is wider than the line). Text is never dropped.

Vertical geometry of a TextBlock (y downwards from the block top, all lines alike):
`line_height = size × leading`; line k occupies [k·line_height, (k+1)·line_height); its
baseline is at `first_baseline + k·line_height` where
`first_baseline = (line_height − (ascent + descent)) / 2 + ascent`, with ascent and descent of
the regular font at `size`: the ascent–descent box is centred in each line slot.
`height = len(lines) × line_height`.

Speed: word widths are dict hits (`fonts.FontMetrics.units`), each word's atoms are cached
(`_word_atoms`), each paragraph's atoms per (text, fonts, colours, language) (`_prepare`,
size-independent: widths are in 1/1000 em), and whole results per (text, width, style, tag)
(`_set_cached`), so repeated texts cost nothing and `fit_size` only re-runs the breaking.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Iterable

from generator import model, scene
from generator.errors import LayoutError
from generator.units import PT_PER_MM
from generator.text.fonts import metrics
from generator.text.hyphenate import FREE_BREAK_CHARS, HYPHEN, _hints, drop_trema, hyphenator, strip_hints

# ---------------------------------------------------------------------------------------------
# Public types


@dataclass(frozen=True)
class TextStyle:
    regular: str
    italic: str
    bold: str
    size: float
    leading: float  # line height as a multiple of size
    color: str
    link_color: str
    align: str = "left"  # "left" | "center"
    hyphenate: bool = True
    lang: str = "nl"
    # layouts' `hyphenation` section (generator/styles/common.py Hyphenation); break costs go beside them
    min_left: int = 3
    min_right: int = 3


@dataclass(frozen=True)
class LineBreak:
    """How line k ends. kind: "space" (a space was dropped), "free" (after an existing hyphen,
    slash or dash; nothing inserted), "hyphen" (a pyphen point or manual hint; "-" inserted),
    "forced" (split between characters of a too-long word; "-" inserted), "end" (last line).
    `dropped`: the original first character of the next line when its trema was dropped."""

    kind: str
    dropped: str = ""


@dataclass(frozen=True)
class TextBlock:
    """A set paragraph: lines (runs at dx from the line's left end, to be placed at their
    baselines, see `frame`) and the facts a layout needs to place and check it."""

    lines: tuple[scene.TextLine, ...]
    line_height: float
    height: float
    width: float  # widest line
    links: tuple[tuple[float, float, scene.Link], ...] = ()  # (x, y) top-left, block-relative
    overfull: bool = False  # a word had to be split between characters, or a line is too wide
    overflow: float = 0.0  # points by which the widest line exceeds the width it was set in
    breaks: tuple[LineBreak, ...] = ()  # one per line
    source_text: str = ""  # normalise(the paragraph): what unbreak() must give back
    measure: float = 0.0  # the width the text was set in
    size: float = 0.0
    first_baseline: float = 0.0  # from the block top
    align: str = "left"
    hyphens: int = 0  # lines ending in an inserted hyphen

    @property
    def baselines(self) -> tuple[float, ...]:
        return tuple(self.first_baseline + k * self.line_height for k in range(len(self.lines)))

    def line_x(self, k: int, align_width: float | None = None) -> float:
        """x of line k's left end inside a box `align_width` wide (default: the block width)."""
        if self.align != "center":
            return 0.0
        w = self.width if align_width is None else align_width
        return (w - self.lines[k].width) / 2

    def frame(self, x_align_width: float | None = None) -> scene.Frame:
        """The lines at their baselines plus the link areas, in a frame `x_align_width` wide
        (default: the widest line). Centred lines are centred in that width."""
        w = self.width if x_align_width is None else x_align_width
        shift = (w - self.width) / 2 if self.align == "center" else 0.0
        items = [scene.Placed(self.line_x(k, w), self.first_baseline + k * self.line_height, line)
                 for k, line in enumerate(self.lines)]
        items += [scene.Placed(x + shift, y, link) for x, y, link in self.links]
        return scene.Frame(w, self.height, tuple(items))

    def unbreak(self) -> str:
        """The source text back from the lines (exact, using `breaks`)."""
        return unbreak(self.lines, self.breaks)


# ---------------------------------------------------------------------------------------------
# Conservation

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_CHARS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")
_BREAK_WS = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")


def normalise(text: str) -> str:
    """What `unbreak` gives back for `text`: NFC, whitespace runs → one space, trimmed,
    break hints removed."""
    words = _BREAK_WS.split(unicodedata.normalize("NFC", text).strip(" \t\n\r\f\v\u2028\u2029"))
    return " ".join(strip_hints(w) for w in words if w)


def _line_text(line: scene.TextLine) -> str:
    parts = []
    for run in line.runs:
        t = run.text
        if t and all(c in _SUPERSCRIPT_CHARS for c in t):
            t = t.translate(_FROM_SUPERSCRIPT)
        parts.append(t)
    return "".join(parts)


def unbreak(lines: Iterable[scene.TextLine], breaks: Iterable[LineBreak] | None = None) -> str:
    """Join lines back into the source text: inserted hyphens removed (`hyphenated` lines),
    a space between lines except after an inserted hyphen or a free break, footnote
    superscripts back to digits. With `breaks` (TextBlock.breaks) the result is exact,
    including dropped tremas; without, a line ending in '-', '/' or a dash is assumed to have
    broken inside a word, and tremas dropped at a break stay dropped."""
    lines = list(lines)
    brks = list(breaks) if breaks is not None else None
    out: list[str] = []
    restore = ""
    for k, line in enumerate(lines):
        text = _line_text(line)
        if restore and text:
            text = restore + text[1:]
        restore = ""
        last = k == len(lines) - 1
        brk = brks[k] if brks is not None and k < len(brks) else None
        if line.hyphenated and text.endswith(HYPHEN):
            text = text[:-1]
            sep = ""
        elif brk is not None:
            sep = " " if brk.kind == "space" else ""
        else:
            sep = "" if text and text[-1] in FREE_BREAK_CHARS else " "
        if brk is not None:
            restore = brk.dropped
        out.append(text)
        if not last:
            out.append(sep)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Preparation (size- and width-independent, cached)

K_SPACE, K_FREE, K_MANUAL, K_AUTO, K_FORCED, K_END = range(6)
_HYPHEN_KINDS = (K_MANUAL, K_AUTO, K_FORCED)
_TREMA_KINDS = (K_MANUAL, K_AUTO)
_KIND_NAMES = {K_SPACE: "space", K_FREE: "free", K_MANUAL: "hyphen", K_AUTO: "hyphen",
               K_FORCED: "forced", K_END: "end"}

# costs (see module docstring)
SLACK_WEIGHT = 100.0
LINE_COST = 10.0
PENALTY = {K_SPACE: 0.0, K_FREE: 1.0, K_MANUAL: 2.0, K_AUTO: 6.0, K_FORCED: 1000.0, K_END: 0.0}
SHORT_PART = 5  # a pyphen break leaving fewer letters on a side ("Omge-vingswet") costs more
SHORT_PART_PENALTY = 4.0
DOUBLE_HYPHEN = 15.0
SHORT_MIDDLE = 500.0
WIDOW = 150.0
OVERFULL = 1e7
FIRST_PASS_TOLERANCE = 0.25
FOOTNOTE_SCALE = 0.7
_EPS = 1e-9


class _Prepared:
    """Atoms: the pieces of a paragraph between break opportunities, measured in 1/1000 em of
    the style's size. Style keys: (font, scale, color, href, footnote)."""

    __slots__ = ("segs", "w", "kind", "space", "space_seg", "hyph", "trema", "word", "group", "extra",
                 "letters", "letters_prefix", "pass_a", "pass_b", "group_w", "max_group_w", "nwords",
                 "source", "prefix", "max_atom")

    def __init__(self):
        self.segs: list[tuple[tuple[str, int], ...]] = []
        self.w: list[float] = []
        self.kind: list[int] = []
        self.space: list[float] = []
        self.space_seg: list[tuple[str, int] | None] = []
        self.hyph: list[float] = []
        self.trema: list[tuple[str, float] | None] = []
        self.word: list[int] = []
        self.group: list[int] = []
        self.extra: list[float] = []  # penalty added to PENALTY[kind] for breaking after the atom
        self.letters: list[int] = []
        self.letters_prefix: list[int] = []
        self.pass_a = self.pass_b = None  # (breakable, starts) per pass, when width-independent
        self.group_w: list[float] = []
        self.max_group_w = 0.0
        self.nwords = 0
        self.source = ""
        self.prefix: list[float] = []
        self.max_atom = 0.0


def _span_style(span: model.Span, style: TextStyle, sup_ok: dict) -> tuple[str, str, float, str, str | None]:
    font = style.bold if span.strong else style.italic if span.emphasis else style.regular
    color = style.link_color if span.href else style.color
    text = unicodedata.normalize("NFC", span.text)
    scale = 1.0
    if span.footnote is not None:
        digits = text.strip()
        sup = digits.translate(_SUPERSCRIPT)
        if digits.isdigit() and digits.isascii():
            ok = sup_ok.get(font)
            if ok is None:
                ok = sup_ok[font] = metrics(font).has("⁰¹²³⁴⁵⁶⁷⁸⁹")
            if ok:
                text = text.replace(digits, sup)
            else:
                scale = FOOTNOTE_SCALE
        else:
            scale = FOOTNOTE_SCALE
    return text, font, scale, color, span.href


def _is_footnote(span: model.Span) -> bool:
    return span.footnote is not None


_WS_SPLIT = re.compile(r"([ \t\n\r\f\v\u2028\u2029]+)")
_KIND_CODE = {"free": K_FREE, "manual": K_MANUAL, "auto": K_AUTO}

Style = tuple  # (font, scale, color, href, footnote): the style key of a segment
_STYLES: dict[Style, Style] = {}


@functools.lru_cache(maxsize=65536)
def _word_atoms(parts: tuple[tuple[str, Style], ...], lang: str) -> tuple[tuple, ...]:
    """One word (its styled parts, hint marks included) → its atoms as columns: (segs, widths,
    kinds of the break after each atom (the last one's is decided by the paragraph: None),
    hyphen widths, tremas, extra penalties, letter counts). Cached: words recur all the time."""
    word_text = "".join(t for t, _ in parts)
    stripped, _ = _hints(word_text)
    if len(parts) == 1 and stripped == word_text:
        sty = parts[0][1]

        def chunk(b0: int, b1: int):
            return ((stripped[b0:b1], sty),)
    else:
        kept: list[tuple[str, Style]] = []
        chars = [(c, sty) for t, sty in parts for c in t]
        n = len(chars)
        for i, (c, sty) in enumerate(chars):
            if c == "\u00ad" or (c == "|" and 0 < i < n - 1):
                continue
            kept.append((c, sty))
        if "".join(c for c, _ in kept) != stripped:  # pragma: no cover - _hints and this disagree
            raise AssertionError(f"hint stripping mismatch in {word_text!r}")

        def chunk(b0: int, b1: int):
            return _segments(kept[b0:b1])
    cuts = hyphenator(lang).breaks(word_text)
    bounds = [0] + [pos for pos, _ in cuts] + [len(stripped)]
    kinds: list[int | None] = [_KIND_CODE[k] for _, k in cuts] + [None]
    cols: tuple[list, ...] = ([], [], [], [], [], [], [])
    for a in range(len(bounds) - 1):
        segs = chunk(bounds[a], bounds[a + 1])
        k = kinds[a]
        hyph = _seg_units(((HYPHEN, segs[-1][1]),)) if k in _HYPHEN_KINDS else 0.0
        trema = None
        first, first_sty = segs[0][0][0], segs[0][1]
        plain = drop_trema(first)
        if a > 0 and plain != first:
            trema = (plain, _seg_units(((plain, first_sty),)) - _seg_units(((first, first_sty),)))
        extra = 0.0
        if k == K_AUTO:
            cut = bounds[a + 1]
            left = sum(1 for c in stripped[:cut] if c.isalpha())
            right = sum(1 for c in stripped[cut:] if c.isalpha())
            if min(left, right) < SHORT_PART:
                extra = SHORT_PART_PENALTY
        letters = sum(1 for c in stripped[bounds[a]:bounds[a + 1]] if c.isalpha())
        for col, value in zip(cols, (segs, _seg_units(segs), k, hyph, trema, extra, letters)):
            col.append(value)
    return tuple(tuple(c) for c in cols)


_DASHES = frozenset({"\u2013", "\u2014"})  # en and em dash standing alone between spaces


@functools.lru_cache(maxsize=8192)
def _prepare(spans: tuple[model.Span, ...], regular: str, italic: str, bold: str, color: str,
             link_color: str, lang: str) -> _Prepared:
    style = TextStyle(regular, italic, bold, 1.0, 1.0, color, link_color, lang=lang)
    sup_ok: dict[str, bool] = {}

    # 1. words as lists of styled parts; the space between two words in the style of its span
    words: list[list[tuple[str, Style]]] = []
    space_after: list[Style] = []
    current: list[tuple[str, Style]] = []
    pending_space: Style | None = None
    for span in spans:
        text, font, scale, col, href = _span_style(span, style, sup_ok)
        key = (font, scale, col, href, _is_footnote(span))  # footnotes: always their own run
        sty = _STYLES.setdefault(key, key)  # one object per style: cheap comparisons
        for piece in _WS_SPLIT.split(text):
            if not piece:
                continue
            if piece[0] in " \t\n\r\f\v\u2028\u2029":
                if current:
                    words.append(current)
                    current = []
                    pending_space = sty
                continue
            if pending_space is not None and not current:
                space_after.append(pending_space)
                pending_space = None
            current.append((piece, sty))
    if current:
        words.append(current)

    # 2. atoms, column by column
    p = _Prepared()
    last_word = len(words) - 1
    for wi, parts in enumerate(words):
        segs, w, kinds, hyph, trema, extra, letters = _word_atoms(tuple(parts), lang)
        p.segs += segs
        p.w += w
        p.hyph += hyph
        p.trema += trema
        p.extra += extra
        p.letters += letters
        n = len(w)
        p.word += [wi] * n
        p.kind += kinds[:-1]
        p.space_seg += [None] * (n - 1)
        p.space += [0.0] * (n - 1)
        if wi < last_word:
            ss = (" ", space_after[wi])
            p.kind.append(K_SPACE)
            p.space_seg.append(ss)
            p.space.append(_seg_units((ss,)))
        else:
            p.kind.append(K_END)
            p.space_seg.append(None)
            p.space.append(0.0)
    p.nwords = len(words)
    # the text as printed, except footnote numbers: the digits they are in the content
    p.source = normalise("".join(span.text for span in spans))

    # 3. groups: atoms joined by pyphen points (what the first pass cannot break)
    g = -1
    group_w = p.group_w
    prev_kind = K_SPACE
    for w, k, h in zip(p.w, p.kind, p.hyph):
        if prev_kind != K_AUTO:
            g += 1
            group_w.append(0.0)
        p.group.append(g)
        group_w[g] += w if k == K_AUTO else w + h
        prev_kind = k
    p.max_group_w = max(group_w, default=0.0)
    p.max_atom = max(map(operator.add, p.w, p.hyph), default=0.0)
    p.prefix = [0.0, *itertools.accumulate(map(operator.add, p.w, p.space))]
    p.letters_prefix = [0, *itertools.accumulate(p.letters)]
    return p


def _segments(chars: list[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    segs: list[tuple[str, int]] = []
    buf: list[str] = []
    cur = None
    for c, si in chars:
        if si != cur and buf:
            segs.append(("".join(buf), cur))
            buf = []
        cur = si
        buf.append(c)
    if buf:
        segs.append(("".join(buf), cur))
    return tuple(segs)


def _seg_units(segs) -> float:
    total = 0.0
    for text, sty in segs:
        font, scale = sty[0], sty[1]
        u = metrics(font).units(text)
        total += u * scale if scale != 1.0 else u
    return total


# ---------------------------------------------------------------------------------------------
# Breaking


@dataclass
class _Atoms:
    """The per-width view: the prepared atoms, possibly with too-long ones split by character."""

    segs: list
    w: list
    kind: list
    space: list
    space_seg: list
    hyph: list
    trema: list
    word: list
    group: list
    extra: list
    letters: list
    prefix: list
    letters_prefix: list = None
    forced: bool = False


def _view(p: _Prepared, limit: float) -> tuple[_Atoms, set[int]]:
    """Atoms for one width, and the groups whose pyphen points must be usable (too long)."""
    atoms = _Atoms(p.segs, p.w, p.kind, p.space, p.space_seg, p.hyph, p.trema, p.word, p.group, p.extra,
                   p.letters, p.prefix, p.letters_prefix)
    if p.max_group_w <= limit + _EPS:
        return atoms, set()
    long_groups = {g for g, w in enumerate(p.group_w) if w > limit + _EPS}
    if p.max_atom <= limit + _EPS:
        return atoms, long_groups
    # last resort: split atoms that do not fit alone between characters
    out = _Atoms([], [], [], [], [], [], [], [], [], [], [], [], forced=True)
    for i in range(len(p.w)):
        if p.w[i] + p.hyph[i] <= limit + _EPS:
            for name in ("segs", "w", "kind", "space", "space_seg", "hyph", "trema", "word", "group", "extra",
                         "letters"):
                getattr(out, name).append(getattr(p, name)[i])
            continue
        chunks = _char_split(p.segs[i], limit)
        for c, segs in enumerate(chunks):
            last = c == len(chunks) - 1
            kind = p.kind[i] if last else K_FORCED
            out.segs.append(segs)
            out.w.append(_seg_units(segs))
            out.kind.append(kind)
            out.space.append(p.space[i] if last else 0.0)
            out.space_seg.append(p.space_seg[i] if last else None)
            out.hyph.append(p.hyph[i] if last else _seg_units(((HYPHEN, segs[-1][1]),)))
            out.trema.append(p.trema[i] if c == 0 else None)
            out.word.append(p.word[i])
            out.group.append(p.group[i])
            out.extra.append(p.extra[i] if last else 0.0)
            out.letters.append(sum(1 for t, _ in segs for c in t if c.isalpha()))
    out.prefix = [0.0, *itertools.accumulate(map(operator.add, out.w, out.space))]
    out.letters_prefix = [0, *itertools.accumulate(out.letters)]
    return out, long_groups


def _char_split(segs, limit):
    """Split one atom's segments into chunks that fit with a trailing hyphen (≥ 1 char each)."""
    chars = [(c, si) for text, si in segs for c in text]
    chunks, cur, cur_w = [], [], 0.0
    for c, si in chars:
        cw = _seg_units(((c, si),))
        hw = _seg_units(((HYPHEN, si),))
        if cur and cur_w + cw + hw > limit + _EPS:
            chunks.append(_segments(cur))
            cur, cur_w = [], 0.0
        cur.append((c, si))
        cur_w += cw
    if cur:
        chunks.append(_segments(cur))
    return chunks


def _breakable(a: _Atoms, allow_auto: bool, long_groups: set[int]) -> list[bool]:
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


def _starts(a: _Atoms, ok: list[bool]) -> tuple[list[tuple[int, float, bool]], list[int]]:
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
            if T[i] is not None and kp in _TREMA_KINDS:
                off -= T[i][1]
            starts.append((i, off, kp in _HYPHEN_KINDS))
        last_start[i] = len(starts) - 1
    return starts, last_start


def _optimal(a: _Atoms, limit: float, ok: list[bool], nwords: int,
             starts_info: tuple | None = None) -> tuple[list[tuple[int, int]], float]:
    """Best breaking as (first atom, last atom) per line, and its cost."""
    n = len(a.w)
    inf = math.inf
    best = [inf] * (n + 1)
    prev = [0] * (n + 1)
    best[0] = 0.0
    P, S, H, K, X, word, LP = a.prefix, a.space, a.hyph, a.kind, a.extra, a.word, a.letters_prefix
    starts, last_start = starts_info or _starts(a, ok)
    lim = limit + _EPS
    k2 = SLACK_WEIGHT / (limit * limit)
    last_word = word[-1]
    widow_rule = nwords >= 3
    for j in range(n):
        if not ok[j]:
            continue
        kj = K[j]
        end = P[j + 1] - S[j] + H[j]
        too_wide = end - lim  # a start with a smaller offset makes the line too wide
        base = limit - end  # leftover space = base + offset
        pen_j = PENALTY[kj] + X[j] + LINE_COST
        hy_j = kj in _HYPHEN_KINDS
        is_last = j == n - 1
        bj, pj = inf, 0
        first = last_start[j]
        for si in range(first, -1, -1):
            i, off, after_hyphen = starts[si]
            if off < too_wide:
                # even the shortest line ending at j is too wide: allow it, as overfull
                if si == first and best[i] < inf:
                    bj, pj = best[i] + OVERFULL + LINE_COST, i
                break
            b = best[i]
            if b == inf:
                continue
            if is_last:
                c = b + LINE_COST
                if widow_rule and i > 0 and word[i] == last_word:
                    c += WIDOW
            else:
                slack = base + off
                c = b + k2 * slack * slack + pen_j
                if hy_j and after_hyphen:
                    c += DOUBLE_HYPHEN
                    if word[i] == word[j] and LP[j + 1] - LP[i] < 3 and _short_middle(a, i, j):
                        c += SHORT_MIDDLE
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


def _short_middle(a: _Atoms, i: int, j: int) -> bool:
    """For a line with < 3 letters between two inserted hyphens in one word: is one of them a
    pyphen point (not a manual hint, not a forced split)? ("pati-" / "en-" / "tenvereniging")."""
    return K_AUTO in (a.kind[i - 1], a.kind[j]) and K_FORCED not in (a.kind[i - 1], a.kind[j])


def _line_width(a: _Atoms, i: int, j: int) -> float:
    width = a.prefix[j + 1] - a.prefix[i] - a.space[j] + a.hyph[j]
    if i > 0 and a.trema[i] is not None and a.kind[i - 1] in _TREMA_KINDS:
        width += a.trema[i][1]
    return width


def _sets_well(a: _Atoms, lines: list[tuple[int, int]], limit: float, nwords: int) -> bool:
    for n, (i, j) in enumerate(lines):
        width = _line_width(a, i, j)
        if width > limit + _EPS:
            return False
        if n < len(lines) - 1:
            if limit - width > FIRST_PASS_TOLERANCE * limit:
                return False
        elif nwords >= 3 and len(lines) > 1 and a.word[i] == a.word[-1]:
            return False
    return True


def _break_lines(p: _Prepared, limit: float, hyphenate: bool) -> tuple[_Atoms, list[tuple[int, int]]]:
    """The two passes (see the module docstring). The pass with pyphen points runs first: if
    its optimum uses none, it is also the first pass's optimum (a subset of its choices with
    the same costs), so one pass suffices."""
    a, long_groups = _view(p, limit)
    plain = not a.forced and not long_groups  # the usual case: width-independent, cached
    if plain and p.pass_a is None:
        ok_a = _breakable(a, False, long_groups)
        ok_b = _breakable(a, True, long_groups)
        p.pass_a = ok_a, _starts(a, ok_a)
        p.pass_b = ok_b, _starts(a, ok_b)
    if plain:
        (ok_a, starts_a), (ok_b, starts_b) = p.pass_a, p.pass_b
    else:
        ok_a = _breakable(a, False, long_groups)
        ok_b = _breakable(a, True, long_groups)
        starts_a = starts_b = None
    if not hyphenate or K_AUTO not in a.kind:
        return a, _optimal(a, limit, ok_a, p.nwords, starts_a)[0]
    lines2, cost2 = _optimal(a, limit, ok_b, p.nwords, starts_b)
    if not any(a.kind[j] == K_AUTO and a.group[j] not in long_groups for _, j in lines2):
        return a, lines2
    lines, cost = _optimal(a, limit, ok_a, p.nwords, starts_a)
    if cost <= cost2 or _sets_well(a, lines, limit, p.nwords):
        return a, lines
    return a, lines2


# ---------------------------------------------------------------------------------------------
# Building lines


def _build(p: _Prepared, a: _Atoms, lines: list[tuple[int, int]], style: TextStyle, limit_pt: float,
           tag: str) -> TextBlock:
    size = style.size
    lh = size * style.leading
    m = metrics(style.regular)
    asc, desc = m.ascent(size), m.descent(size)
    first_baseline = (lh - (asc + desc)) / 2 + asc
    text_lines: list[scene.TextLine] = []
    breaks: list[LineBreak] = []
    raw_links: list[tuple[int, float, float, str]] = []  # line, x0, x1, href
    hyphens = 0
    for n, (i, j) in enumerate(lines):
        segs: list[tuple[str, int]] = []
        for k in range(i, j + 1):
            atom = a.segs[k]
            if k == i and i > 0 and a.trema[i] is not None and a.kind[i - 1] in _TREMA_KINDS:
                (t0, s0), rest = atom[0], atom[1:]
                atom = ((a.trema[i][0] + t0[1:], s0),) + rest
            segs.extend(atom)
            if k < j and a.space_seg[k] is not None:
                segs.append(a.space_seg[k])
        kind = a.kind[j]
        hyphenated = kind in _HYPHEN_KINDS
        if hyphenated:
            segs.append((HYPHEN, segs[-1][1]))
            hyphens += 1
        # merge into runs
        runs: list[scene.Run] = []
        dx = 0.0
        merged: list[tuple[str, int]] = []
        for t, si in segs:
            if merged and merged[-1][1] == si:
                merged[-1] = (merged[-1][0] + t, si)
            else:
                merged.append((t, si))
        link_start: tuple[str, float] | None = None
        for t, si in merged:
            font, scale, color, href, _ = si
            rsize = size * scale if scale != 1.0 else size
            w = 0.001 * rsize * metrics(font).units(t)
            if href != (link_start[0] if link_start else None):
                if link_start:
                    raw_links.append((n, link_start[1], dx, link_start[0]))
                link_start = (href, dx) if href else None
            runs.append(scene.Run(dx, t, font, rsize, color, w))
            dx += w
        if link_start:
            raw_links.append((n, link_start[1], dx, link_start[0]))
        text_lines.append(scene.TextLine(tuple(runs), tag=tag, hyphenated=hyphenated))
        dropped = ""
        if n + 1 < len(lines):
            ni = lines[n + 1][0]
            if a.trema[ni] is not None and kind in _TREMA_KINDS:
                dropped = a.segs[ni][0][0][0]
        breaks.append(LineBreak(_KIND_NAMES[kind] if n + 1 < len(lines) else "end", dropped))
    width = max((ln.width for ln in text_lines), default=0.0)
    overflow = max(0.0, width - limit_pt)
    if overflow <= 1e-6:
        overflow = 0.0
    center = style.align == "center"
    links = tuple(
        ((width - text_lines[n].width) / 2 + x0 if center else x0, n * lh, scene.Link(x1 - x0, lh, href))
        for n, x0, x1, href in raw_links
    )
    return TextBlock(
        lines=tuple(text_lines), line_height=lh, height=len(text_lines) * lh, width=width,
        links=links, overfull=a.forced or overflow > 0, overflow=overflow, breaks=tuple(breaks),
        source_text=p.source, measure=limit_pt, size=size, first_baseline=first_baseline,
        align=style.align, hyphens=hyphens,
    )


# ---------------------------------------------------------------------------------------------
# Entry points


def _spans(text: model.Inline | str) -> tuple[model.Span, ...]:
    if isinstance(text, str):
        return (model.Span(text),)
    return tuple(text)


@functools.lru_cache(maxsize=16384)
def _set_cached(spans: tuple[model.Span, ...], width: float, style: TextStyle, tag: str) -> TextBlock:
    p = _prepare(spans, style.regular, style.italic, style.bold, style.color, style.link_color, style.lang)
    if not p.w:
        lh = style.size * style.leading
        return TextBlock((), lh, 0.0, 0.0, measure=width, size=style.size, align=style.align,
                         breaks=(), source_text="")
    limit = width * 1000.0 / style.size  # the width in 1/1000 em of the style's size
    a, lines = _break_lines(p, limit, style.hyphenate)
    return _build(p, a, lines, style, width, tag)


def set_text(text: model.Inline | str, width: float, style: TextStyle, *, tag: str = "") -> TextBlock:
    """Break a paragraph into lines at most `width` points wide (see the module docstring)."""
    if not width > 0:
        what = f"'{tag}'" if tag else "text"
        raise LayoutError(f"no room for {what}: the layout leaves a column {width / PT_PER_MM:.0f} mm wide; "
                          f"check the layout file's margins, paddings and widths")
    if not style.size > 0:
        raise ValueError(f"font size must be positive, got {style.size}")
    if style.align not in ("left", "center"):
        raise ValueError(f"unknown text alignment {style.align!r} (left, center)")
    return _set_cached(_spans(text), float(width), style, tag)


def fits(block: TextBlock, max_height: float) -> bool:
    return not block.overfull and block.height <= max_height + 1e-9


def fit_size(text: model.Inline | str, width: float, style: TextStyle, max_height: float,
             min_size: float, max_size: float, *, tag: str = "") -> tuple[float, TextBlock] | None:
    """The largest size (a multiple of 0.25 pt in [min_size, max_size], or min_size itself) at
    which the text sets in `width` × `max_height` with no overfull line; None if it does not
    fit even at min_size. Bisection: assumes that what fits at a size fits at smaller sizes
    (true up to rare re-breaking effects; the returned block always fits)."""
    if min_size > max_size:
        raise ValueError(f"min_size {min_size} > max_size {max_size}")
    if not width > 0 or not min_size > 0:
        raise ValueError(f"width and sizes must be positive (width {width}, min_size {min_size})")
    return _fit_cached(_spans(text), float(width), style, float(max_height), float(min_size),
                       float(max_size), tag)


@functools.lru_cache(maxsize=16384)
def _fit_cached(spans: tuple[model.Span, ...], width: float, style: TextStyle, max_height: float,
                min_size: float, max_size: float, tag: str) -> tuple[float, TextBlock] | None:
    p = _prepare(spans, style.regular, style.italic, style.bold, style.color, style.link_color, style.lang)
    if not p.w:
        return max_size, set_text(spans, width, replace(style, size=max_size), tag=tag)

    def ok(size: float) -> bool:  # breaks the lines without building runs
        limit = width * 1000.0 / size
        a, lines = _break_lines(p, limit, style.hyphenate)
        if a.forced or len(lines) * size * style.leading > max_height + 1e-9:
            return False
        return all(_line_width(a, i, j) <= limit + _EPS for i, j in lines)

    def result(size: float) -> tuple[float, TextBlock]:
        return size, set_text(spans, width, replace(style, size=size), tag=tag)

    # upper bounds: one line needs size × leading; the words (line ends drop spaces) need
    # (their width at size) / width lines of size × leading each
    total = sum(p.w) * 0.001  # width of the words per point of size
    top = min(max_size, max_height / style.leading + 1e-6)
    top = min(top, math.sqrt(width * max_height / (total * style.leading)) + 1e-6)
    lo, hi = math.ceil(min_size / 0.25 - 1e-9), math.floor(top / 0.25 + 1e-9)  # grid steps
    if hi >= lo and ok(hi * 0.25):
        return result(hi * 0.25)  # the common case: one breaking
    if not ok(min_size):
        return None
    if hi < lo:
        return result(min_size)
    lo -= 1  # invariant: size lo·0.25 fits (or stands for min_size), hi·0.25 does not
    best = None
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ok(mid * 0.25):
            lo, best = mid, mid * 0.25
        else:
            hi = mid
    return result(best if best is not None else min_size)


def forget_paragraphs() -> None:
    """Drop the per-paragraph caches (prepared atoms, set blocks, fitted sizes); word widths
    and hyphenation stay cached. For callers that set thousands of distinct paragraphs once
    each (a deck of cards): the caches are bounded by entry count, not by memory."""
    _prepare.cache_clear()
    _set_cached.cache_clear()
    _fit_cached.cache_clear()
