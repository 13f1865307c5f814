"""The engine's inputs that a layout sets: the text style and its hyphenation costs."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Hyphenation:
    """Where words may break and what each choice costs the optimal-fit line breaker.

    The defaults are the values the products were tuned with. `slack` weighs the empty space
    at the end of a line (per line but the last: slack × (leftover / width)²), `line` is paid
    per line (fewer lines win ties), `free`/`manual`/`auto` per line ending after an existing
    hyphen or slash, at a '|' hint, at a pyphen point; `short_part` more for a pyphen point
    leaving fewer than `short_letters` letters on a side ("Omge-vingswet"); `double` for two
    inserted hyphens in a row (+ `short_middle` if that leaves < 3 letters alone); `widow` for
    a one-word last line in a paragraph of ≥ 3 words. `tolerance`: a breaking without pyphen
    points is kept if no line but the last leaves more than this share of the width empty.
    `unhinted_space`: per line ending at a space other than the ones a '|' marks in a text
    that marks some ("Financing and| cost sharing": break there when the text breaks).
    """

    min_left: int = 3
    min_right: int = 3
    slack: float = 100.0
    line: float = 10.0
    free: float = 1.0
    manual: float = 2.0
    auto: float = 6.0
    short_letters: int = 5
    short_part: float = 4.0
    double: float = 15.0
    short_middle: float = 500.0
    widow: float = 150.0
    tolerance: float = 0.25
    unhinted_space: float = 50.0


DEFAULT_HYPHENATION = Hyphenation()


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
    hyphenate: bool = True  # False: only a word too long for the line is hyphenated
    lang: str = "nl"
    hyphenation: Hyphenation = field(default=DEFAULT_HYPHENATION)
    kern: bool = True  # shape with the font's kerning (GPOS 'kern')
    liga: bool = True  # and its standard ligatures ('liga', 'clig'; only those the PDF can draw)
