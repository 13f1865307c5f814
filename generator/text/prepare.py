"""Stage 2 of the engine (Typst's "prepare"): words → atoms, the pieces of a paragraph
between break opportunities, measured in 1/1000 em of the style's size (size-independent,
cached per word and per paragraph).

Break opportunities: spaces; "free" breaks after a hyphen/slash/dash inside a word (nothing
inserted); manual hints and pyphen points (a "-" is inserted). The Dutch trema rule (a trema
right after an inserted hyphen is dropped: "ide-|een") applies only to Dutch content.
"""

from __future__ import annotations

import functools
import itertools
import operator
from dataclasses import dataclass

from generator import model
from generator.text.block import normalise
from generator.text.collect import Style, collect
from generator.text.fonts import metrics
from generator.text.hyphenate import HINT, HYPHEN, _hints, drop_trema, hyphenator, space_hint, trema_rule
from generator.text.style import Hyphenation, TextStyle

K_SPACE, K_FREE, K_MANUAL, K_AUTO, K_FORCED, K_END = range(6)
HYPHEN_KINDS = (K_MANUAL, K_AUTO, K_FORCED)
TREMA_KINDS = (K_MANUAL, K_AUTO)
KIND_NAMES = {K_SPACE: "space", K_FREE: "free", K_MANUAL: "hyphen", K_AUTO: "hyphen",
              K_FORCED: "forced", K_END: "end"}
_KIND_CODE = {"free": K_FREE, "manual": K_MANUAL, "auto": K_AUTO}
EPS = 1e-9


class Prepared:
    """A paragraph's atoms as columns (see the module docstring)."""

    __slots__ = ("segs", "w", "kind", "space", "space_seg", "hyph", "trema", "word", "group", "extra",
                 "letters", "letters_prefix", "pass_a", "pass_b", "group_w", "max_group_w", "nwords",
                 "source", "prefix", "max_atom", "hinted", "atoms")

    def __init__(self):
        self.segs: list[tuple[tuple[str, Style], ...]] = []
        self.w: list[float] = []
        self.kind: list[int] = []
        self.space: list[float] = []
        self.space_seg: list[tuple[str, Style] | None] = []
        self.hyph: list[float] = []
        self.trema: list[tuple[str, float] | None] = []
        self.word: list[int] = []
        self.group: list[int] = []
        self.extra: list[float] = []  # penalty added to the kind's for breaking after the atom
        self.letters: list[int] = []
        self.letters_prefix: list[int] = []
        self.pass_a = self.pass_b = None  # (breakable, starts) per pass, when width-independent
        self.group_w: list[float] = []
        self.max_group_w = 0.0
        self.nwords = 0
        self.source = ""
        self.prefix: list[float] = []
        self.max_atom = 0.0
        self.hinted: frozenset[int] = frozenset()  # words whose following space a '|' marks ("and| cost")
        self.atoms: Atoms | None = None  # the atoms as they are (`view` for a width they all fit)


@functools.lru_cache(maxsize=65536)
def word_atoms(parts: tuple[tuple[str, Style], ...], lang: str, hy: Hyphenation) -> tuple[tuple, ...]:
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
            return segments(kept[b0:b1])
    cuts = hyphenator(lang, hy.min_left, hy.min_right).breaks(word_text)
    bounds = [0] + [pos for pos, _ in cuts] + [len(stripped)]
    kinds: list[int | None] = [_KIND_CODE[k] for _, k in cuts] + [None]
    trema_ok = trema_rule(lang)
    atom_segs = [chunk(bounds[a], bounds[a + 1]) for a in range(len(bounds) - 1)]
    split_w = _split_widths(chunk(0, len(stripped)), bounds, atom_segs)
    cols: tuple[list, ...] = ([], [], [], [], [], [], [])
    for a in range(len(bounds) - 1):
        segs = atom_segs[a]
        k = kinds[a]
        widths = split_w[a] if split_w else tuple(seg_units((s,)) for s in segs)
        # a line ending here: the last piece is shaped alone (with the hyphen it gets)
        last, last_sty = segs[-1]
        hyph = 0.0
        if k in HYPHEN_KINDS:
            hyph = seg_units(((last + HYPHEN, last_sty),)) - widths[-1]
        elif k == K_FREE:
            hyph = seg_units(((last, last_sty),)) - widths[-1]
        # a line starting here (inside the word): the first piece shaped alone, trema dropped
        trema = None
        if a > 0:
            first, first_sty = segs[0]
            start = drop_trema(first) if trema_ok and kinds[a - 1] in TREMA_KINDS else first
            delta = seg_units(((start, first_sty),)) - widths[0]
            if start != first or abs(delta) > 1e-9:
                trema = (start, delta)
        extra = 0.0
        if k == K_AUTO:
            cut = bounds[a + 1]
            left = sum(1 for c in stripped[:cut] if c.isalpha())
            right = sum(1 for c in stripped[cut:] if c.isalpha())
            if min(left, right) < hy.short_letters:
                extra = hy.short_part
        letters = sum(1 for c in stripped[bounds[a]:bounds[a + 1]] if c.isalpha())
        for col, value in zip(cols, (segs, sum(widths), k, hyph, trema, extra, letters)):
            col.append(value)
    return tuple(tuple(c) for c in cols)


def _split_widths(word_segs, bounds: list[int], atom_segs) -> list[tuple[float, ...]] | None:
    """The word shaped whole (kerning between its letters), each glyph's advance counted in the
    atom (between `bounds`) holding its first character, as widths per atom per segment; None
    if a glyph (a ligature) spans a bound: the atoms are then shaped one by one."""
    if len(atom_segs) == 1 and len(word_segs) == 1:  # one atom, one style: the whole word
        text, sty = word_segs[0]
        return [(metrics(sty[0]).shaped_units(text, sty[5], sty[6]) * sty[1],)]
    per_char: list[float] = []
    for text, sty in word_segs:
        scale = sty[1]
        shaped = metrics(sty[0]).shape(text, sty[5], sty[6])
        adv = [0.0] * len(text)
        for c, w in zip(shaped.clusters, shaped.advances):
            adv[c] += w * scale
        base = len(per_char)
        starts = set(shaped.clusters)
        if any(0 < b - base < len(text) and (b - base) not in starts for b in bounds):
            return None
        per_char += adv
    out: list[tuple[float, ...]] = []
    pos = 0
    for segs in atom_segs:
        widths = []
        for text, _ in segs:
            widths.append(sum(per_char[pos:pos + len(text)]))
            pos += len(text)
        out.append(tuple(widths))
    return out


@functools.lru_cache(maxsize=8192)
def prepare(spans: tuple[model.Span, ...], regular: str, italic: str, bold: str, color: str,
            link_color: str, lang: str, hy: Hyphenation, kern: bool = True, liga: bool = True) -> Prepared:
    """The paragraph's atoms (size- and width-independent)."""
    style = TextStyle(regular, italic, bold, 1.0, 1.0, color, link_color, lang=lang, kern=kern, liga=liga)
    words, space_after = collect(spans, style)
    p = Prepared()
    last_word = len(words) - 1
    words, p.hinted = _space_hints(words)
    for wi, parts in enumerate(words):
        segs, w, kinds, hyph, trema, extra, letters = word_atoms(tuple(parts), lang, hy)
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
            if p.hinted and wi not in p.hinted:
                p.extra[-1] += hy.unhinted_space
            p.space_seg.append(ss)
            p.space.append(seg_units((ss,)))
        else:
            p.kind.append(K_END)
            p.space_seg.append(None)
            p.space.append(0.0)
    p.nwords = len(words)
    # the text as printed, except footnote numbers: the digits they are in the content
    p.source = normalise("".join(span.text for span in spans))
    _groups(p)
    p.max_atom = max(map(operator.add, p.w, p.hyph), default=0.0)
    p.prefix = [0.0, *itertools.accumulate(map(operator.add, p.w, p.space))]
    p.letters_prefix = [0, *itertools.accumulate(p.letters)]
    return p


def _space_hints(words: list[list[tuple[str, Style]]]) -> tuple[list[list[tuple[str, Style]]], frozenset[int]]:
    """The words with the '|' that ends a word before a space ("and| cost") removed, and the
    indexes of those words: the space after them is the preferred place for a line break."""
    hinted = []
    out = words
    for wi, parts in enumerate(words[:-1]):
        if parts[-1][0][-1] != HINT:  # the usual word: no '|' at its end (parts are never empty)
            continue
        n = space_hint("".join(t for t, _ in parts))
        if not n:
            continue
        if out is words:
            out = list(words)
        parts = list(parts)
        while n:
            text, sty = parts[-1]
            cut = min(n, len(text))
            n -= cut
            parts[-1:] = [(text[:-cut], sty)] if cut < len(text) else []
        out[wi] = parts
        hinted.append(wi)
    return out, frozenset(hinted)


def _groups(p: Prepared) -> None:
    """Groups: atoms joined by pyphen points (what the first pass cannot break)."""
    g = -1
    prev_kind = K_SPACE
    for w, k, h in zip(p.w, p.kind, p.hyph):
        if prev_kind != K_AUTO:
            g += 1
            p.group_w.append(0.0)
        p.group.append(g)
        p.group_w[g] += w if k == K_AUTO else w + h
        prev_kind = k
    p.max_group_w = max(p.group_w, default=0.0)


def segments(chars: list[tuple[str, Style]]) -> tuple[tuple[str, Style], ...]:
    """Characters with styles → maximal same-style segments."""
    segs: list[tuple[str, Style]] = []
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


def seg_units(segs) -> float:
    """Advance width of styled segments in 1/1000 em of the paragraph's size."""
    total = 0.0
    for text, sty in segs:
        font, scale = sty[0], sty[1]
        u = metrics(font).shaped_units(text, sty[5], sty[6])
        total += u * scale if scale != 1.0 else u
    return total


@dataclass
class Atoms:
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


_COLUMNS = ("segs", "w", "kind", "space", "space_seg", "hyph", "trema", "word", "group", "extra", "letters")


def view(p: Prepared, limit: float) -> tuple[Atoms, set[int]]:
    """Atoms for one width, and the groups whose pyphen points must be usable (too long)."""
    atoms = p.atoms
    if atoms is None:
        atoms = p.atoms = Atoms(*(getattr(p, c) for c in _COLUMNS), p.prefix, p.letters_prefix)
    if p.max_group_w <= limit + EPS:
        return atoms, set()
    long_groups = {g for g, w in enumerate(p.group_w) if w > limit + EPS}
    if p.max_atom <= limit + EPS:
        return atoms, long_groups
    # last resort: split atoms that do not fit alone between characters
    out = Atoms(*([] for _ in _COLUMNS), [], forced=True)
    for i in range(len(p.w)):
        if p.w[i] + p.hyph[i] <= limit + EPS:
            for name in _COLUMNS:
                getattr(out, name).append(getattr(p, name)[i])
            continue
        chunks = _char_split(p.segs[i], limit)
        for c, segs in enumerate(chunks):
            last = c == len(chunks) - 1
            out.segs.append(segs)
            out.w.append(seg_units(segs))
            out.kind.append(p.kind[i] if last else K_FORCED)
            out.space.append(p.space[i] if last else 0.0)
            out.space_seg.append(p.space_seg[i] if last else None)
            out.hyph.append(p.hyph[i] if last else seg_units(((HYPHEN, segs[-1][1]),)))
            out.trema.append(_chunk_start(p.trema[i], segs[0]) if c == 0 else None)
            out.word.append(p.word[i])
            out.group.append(p.group[i])
            out.extra.append(p.extra[i] if last else 0.0)
            out.letters.append(sum(1 for t, _ in segs for ch in t if ch.isalpha()))
    out.prefix = [0.0, *itertools.accumulate(map(operator.add, out.w, out.space))]
    out.letters_prefix = [0, *itertools.accumulate(out.letters)]
    return out, long_groups


def _chunk_start(start: tuple[str, float] | None, seg: tuple[str, Style]) -> tuple[str, float] | None:
    """The line-start form of the first chunk of a split atom (its share of the atom's)."""
    if start is None:
        return None
    text, sty = seg
    printed = start[0][:len(text)]
    delta = seg_units(((printed, sty),)) - seg_units(((text, sty),))
    return (printed, delta) if printed != text or abs(delta) > 1e-9 else None


def _char_split(segs, limit):
    """Split one atom's segments into chunks that fit with a trailing hyphen (≥ 1 char each)."""
    chars = [(c, si) for text, si in segs for c in text]
    chunks, cur, cur_w = [], [], 0.0
    for c, si in chars:
        cw = seg_units(((c, si),))
        hw = seg_units(((HYPHEN, si),))
        if cur and cur_w + cw + hw > limit + EPS:
            chunks.append(segments(cur))
            cur, cur_w = [], 0.0
        cur.append((c, si))
        cur_w += cw
    if cur:
        chunks.append(segments(cur))
    return chunks
