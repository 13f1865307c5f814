"""The engine's output: a set paragraph (TextBlock), how each line ends, and the way back
from lines to the source text (`unbreak`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from generator import scene
from generator.text.hyphenate import FREE_BREAK_CHARS, HYPHEN, SPACE_HINT_RE, strip_hints

# Footnote numbers print as superscript figures when the font has them: the one table.
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
SUPERSCRIPT_CHARS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")
BREAK_WS = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")


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
    baselines, see `frame`) and the facts a layout needs to place and check it. Each line
    carries the footnote numbers it prints (`TextLine.notes`); `notes` is all of them."""

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

    @property
    def notes(self) -> tuple[int, ...]:
        """The footnote numbers the block prints, in order."""
        return tuple(n for line in self.lines for n in line.notes)

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


def normalise(text: str) -> str:
    """What `unbreak` gives back for `text`: NFC, whitespace runs → one space, trimmed,
    break hints removed."""
    text = unicodedata.normalize("NFC", text).strip(" \t\n\r\f\v\u2028\u2029")
    words = BREAK_WS.split(SPACE_HINT_RE.sub("", text) if "|" in text else text)
    return " ".join(strip_hints(w) for w in words if w)


def _line_text(line: scene.TextLine) -> str:
    parts = []
    for run in line.runs:
        t = run.text
        if t and all(c in SUPERSCRIPT_CHARS for c in t):
            t = t.translate(FROM_SUPERSCRIPT)
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
