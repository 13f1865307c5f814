"""Settings every layout shares (layouts/base.yaml) and the page settings of one-page products."""

from __future__ import annotations

from dataclasses import dataclass

from generator.styles import spec as s
from generator.styles.spec import PAPERS

STYLE = dict(frozen=True, kw_only=True)
WEIGHTS = ("regular", "semibold", "bold")


@dataclass(**STYLE)
class Fonts:
    """TrueType fonts by role (file names without .ttf, from pip packages)."""

    regular: str = s.font("body text")
    italic: str = s.font("emphasis (*word*)")
    semibold: str = s.font("labels and kickers")
    bold: str = s.font("headings, names, **strong** text")

    def weight(self, name: str) -> str:
        """The font for a weight: 'regular', 'semibold' or 'bold'."""
        return getattr(self, name)


@dataclass(**STYLE)
class Palette:
    text: str = s.colour("body text")
    muted: str = s.colour("secondary text: credits, running heads, labels")
    paper: str = s.colour("the paper")
    link: str = s.colour("links")
    rule: str = s.colour("hairlines and ruled lines")
    gradient_start: str = s.colour("the abstract end of the gradient; theme colours are taken from it")
    gradient_end: str = s.colour("the concrete end of the gradient")


@dataclass(**STYLE)
class Hyphenation:
    """Where words may be hyphenated, and what each way of ending a line costs the text engine's
    line breaker (generator/text/style.py Hyphenation; the costs are in its units: an empty
    line but the last costs `slack`)."""

    min_left: int = s.count("letters a hyphenated word keeps before the hyphen", 1, 10)
    min_right: int = s.count("letters a hyphenated word carries to the next line", 1, 10)
    slack: float = s.factor("cost of the empty space at the end of a line (× its share of the width, squared)",
                            0, 10000, "cost")
    line: float = s.factor("cost per line (fewer lines win ties)", 0, 10000, "cost")
    free: float = s.factor("cost of a break after an existing hyphen or slash", 0, 10000, "cost")
    manual: float = s.factor("cost of a break at a break hint inside a word (the content's bar)", 0, 10000, "cost")
    auto: float = s.factor("cost of a break at a hyphenation point found by the dictionary", 0, 10000, "cost")
    short_letters: int = s.count("a dictionary break leaving fewer letters than this on a side costs more", 1, 10)
    short_part: float = s.factor("what such a short part costs more", 0, 10000, "cost")
    double: float = s.factor("cost of two hyphenated lines in a row", 0, 10000, "cost")
    short_middle: float = s.factor("more if that leaves fewer than 3 letters of a word alone", 0, 10000, "cost")
    widow: float = s.factor("cost of a one-word last line in a paragraph of three or more words", 0, 10000,
                            "cost")
    tolerance: float = s.share("a breaking without dictionary hyphens is kept if no line but the last leaves "
                               "more than this share of the width empty")
    unhinted_space: float = s.factor("cost of a break at a space without a break hint, in a label that puts "
                                     "a hint (a bar) before some space", 0, 10000, "cost")


@dataclass(**STYLE)
class CropMarks:
    length: float = s.length("length of a crop mark", 0, 30, scales=False)
    offset: float = s.length("gap between the trim and a crop mark", 0, 30, scales=False)


@dataclass(**STYLE)
class ProductStyle:
    """Base of every product's style: fonts, palette, hyphenation (layouts/base.yaml).
    `name` is the layout file's name (set when read, not a setting)."""

    fonts: Fonts = s.section(Fonts, "fonts by role")
    palette: Palette = s.section(Palette, "colours shared by every product")
    hyphenation: Hyphenation = s.section(Hyphenation, "hyphenation of body text")
    name: str = ""


@dataclass(**STYLE)
class PageStyle(ProductStyle):
    """A product printed on one named paper (or `size_mm`)."""

    paper: str | None = s.choice("paper size (ISO A series)", PAPERS, optional=True)
    orientation: str = s.choice("portrait or landscape", ("portrait", "landscape"), optional=True)
    size_mm: tuple[float, float] | None = s.length("[width, height] instead of `paper`", 10, 5000, items=2,
                                                 scales=False, optional=True)

    def page_size(self, paper: str | None = None, orientation: str | None = None) -> tuple[float, float]:
        """Trim size in points: `size_mm` if set (and no `paper` asked for), else the paper."""
        from generator.units import paper_size

        orient = orientation or self.orientation or "portrait"
        if self.size_mm is not None and paper is None:
            w, h = self.size_mm
            return (max(w, h), min(w, h)) if orient == "landscape" else (w, h)
        return paper_size(paper or self.paper or "A4", orient)
