"""Stage 4 of the engine (Typst's "finalize"): chosen lines → a TextBlock of positioned runs.

Vertical geometry (y downwards from the block top, all lines alike): `line_height = size ×
leading`; line k occupies [k·line_height, (k+1)·line_height); its baseline is at
`first_baseline + k·line_height` where `first_baseline = (line_height − (ascent + descent)) / 2
+ ascent`, with ascent and descent of the regular font at `size`: the ascent–descent box is
centred in each line slot. `height = len(lines) × line_height`. Each line carries the footnote
numbers it prints (`TextLine.notes`).
"""

from __future__ import annotations

from generator import scene
from generator.text.block import LineBreak, TextBlock
from generator.text.fonts import metrics
from generator.text.hyphenate import HYPHEN
from generator.text.prepare import HYPHEN_KINDS, KIND_NAMES, Atoms, Prepared
from generator.text.style import TextStyle


def line_segments(a: Atoms, i: int, j: int) -> list[tuple[str, tuple]]:
    """The styled segments a line of atoms i..j prints (dropped trema, inserted hyphen), each
    two neighbours in different styles."""
    atoms, spaces = a.segs, a.space_seg
    segs: list[tuple[str, tuple]] = []
    for k in range(i, j):
        segs += atoms[k]
        if spaces[k] is not None:
            segs.append(spaces[k])
    segs += atoms[j]
    if i > 0 and a.trema[i] is not None:
        segs[0] = (a.trema[i][0], segs[0][1])
    if a.kind[j] in HYPHEN_KINDS:
        segs.append((HYPHEN, segs[-1][1]))
    merged: list[tuple[str, tuple]] = []
    texts: list[str] = []
    style = segs[0][1]
    for t, si in segs:
        if si != style:
            merged.append(("".join(texts), style))
            texts, style = [], si
        texts.append(t)
    merged.append(("".join(texts), style))
    return merged


def _runs(merged, size: float, n: int, raw_links: list, ink: str | None = None) -> tuple[list[scene.Run], list[int]]:
    runs: list[scene.Run] = []
    notes: list[int] = []
    dx = 0.0
    link_start: tuple[str, float] | None = None
    for t, si in merged:
        font, scale, color, href, note, kern, liga = si
        rsize = size * scale if scale != 1.0 else size
        shaped = metrics(font).shape(t, kern, liga)
        k = 0.001 * rsize
        w = k * sum(shaped.advances)
        simple = len(shaped.advances) == len(t)  # one glyph per character (clusters in order)
        if href != (link_start[0] if link_start else None):
            if link_start:
                raw_links.append((n, link_start[1], dx, link_start[0]))
            link_start = (href, dx) if href else None
        if note is not None and note not in notes:
            notes.append(note)
        if shaped.plain:  # nothing kerned: the font's own widths place every glyph
            runs.append(scene.Run(dx, t, font, rsize, ink or color, w))
        else:
            runs.append(scene.Run(dx, t, font, rsize, ink or color, w, shaped.advances,
                                  () if simple else shaped.gids, () if simple else shaped.clusters))
        dx += w
    if link_start:
        raw_links.append((n, link_start[1], dx, link_start[0]))
    return runs, notes


def make_line(segments, size: float, color: str, tag: str = "", hyphenated: bool = False) -> scene.TextLine:
    """One line from a line's styled segments (`line_segments`) at `size` in `color`."""
    runs, notes = _runs(segments, size, 0, [], color)
    return scene.TextLine(tuple(runs), tag=tag, hyphenated=hyphenated, notes=tuple(notes))


def build(p: Prepared, a: Atoms, lines: list[tuple[int, int]], style: TextStyle, limit_pt: float,
          tag: str) -> TextBlock:
    """The TextBlock for a chosen breaking."""
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
        kind = a.kind[j]
        hyphenated = kind in HYPHEN_KINDS
        hyphens += hyphenated
        runs, notes = _runs(line_segments(a, i, j), size, n, raw_links)
        text_lines.append(scene.TextLine(tuple(runs), tag=tag, hyphenated=hyphenated, notes=tuple(notes)))
        dropped = ""
        if n + 1 < len(lines):
            ni = lines[n + 1][0]
            start = a.trema[ni]
            if start is not None and start[0][:1] != a.segs[ni][0][0][:1]:
                dropped = a.segs[ni][0][0][0]
        breaks.append(LineBreak(KIND_NAMES[kind] if n + 1 < len(lines) else "end", dropped))
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
