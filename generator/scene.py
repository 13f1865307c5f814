"""The scene: what layout decided, ready to draw.

Like Typst's frames: a document is pages; a page holds one frame; a frame is a size and
a list of placed items (an item at a point). Items are groups (a nested frame), text lines
(already broken, runs already positioned), shapes and links. All lengths are points,
origin top-left, y downwards; a text line is placed at its baseline's left end.
Renderers walk this tree and draw; they never measure or wrap text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Stroke:
    color: str  # "#rrggbb"
    width: float
    dash: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class GradientStop:
    offset: float  # 0..1
    color: str


@dataclass(frozen=True, slots=True)
class LinearGradient:
    """A gradient from (x1, y1) to (x2, y2), in the coordinates of the item it fills."""

    x1: float
    y1: float
    x2: float
    y2: float
    stops: tuple[GradientStop, ...]


Paint = str | LinearGradient


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle whose top-left corner is at the placed point."""

    width: float
    height: float
    fill: Paint | None = None
    stroke: Stroke | None = None
    radius: float = 0.0
    tag: str = ""


@dataclass(frozen=True, slots=True)
class Circle:
    """A circle whose centre is at the placed point."""

    radius: float
    fill: Paint | None = None
    stroke: Stroke | None = None
    tag: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """A straight line from the placed point to the placed point + (dx, dy)."""

    dx: float
    dy: float
    stroke: Stroke
    tag: str = ""


@dataclass(frozen=True, slots=True)
class Run:
    """Part of a text line in one font, starting `dx` points right of the line's origin."""

    dx: float
    text: str
    font: str  # a FontFace name
    size: float
    color: str
    width: float  # measured advance width, for checks; renderers do not need it
    # Shaped text (empty: the renderer advances by the font's own widths): each glyph's advance
    # in 1/1000 em of `size` (kerning included). Only when a glyph stands for several characters
    # (a ligature) also the glyph ids and the offset in `text` of each glyph's first character;
    # otherwise glyph k is character k, drawn by the font's cmap.
    advances: tuple[float, ...] = ()
    glyphs: tuple[int, ...] = ()
    clusters: tuple[int, ...] = ()

    def glyph_runs(self) -> list[tuple[str, float]]:
        """Per shaped glyph: the characters it stands for and its advance in points."""
        k = 0.001 * self.size
        if not self.clusters:
            return [(c, a * k) for c, a in zip(self.text, self.advances)]
        ends = self.clusters[1:] + (len(self.text),)
        return [(self.text[s:e], a * k) for s, e, a in zip(self.clusters, ends, self.advances)]


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text at its baseline. `hyphenated`: ends in a hyphen that layout inserted;
    `notes`: the footnote numbers the line prints (as data: never read back from the glyphs)."""

    runs: tuple[Run, ...]
    tag: str = ""
    hyphenated: bool = False
    source: str = ""  # where the text comes from, e.g. "themes/bestuur.md:3" (SVG data-source)
    notes: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def width(self) -> float:
        last = self.runs[-1] if self.runs else None
        return last.dx + last.width if last else 0.0


@dataclass(frozen=True, slots=True)
class Link:
    """A clickable area (top-left at the placed point) pointing at a URL, or at "#key": the
    document's outline entry with that key. `alt`: what the link is, for assistive
    technology (the PDF annotation's /Contents); the URL or the outline title if empty."""

    width: float
    height: float
    href: str
    alt: str = ""


@dataclass(frozen=True, slots=True)
class Frame:
    width: float
    height: float
    items: tuple[Placed, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class Role:
    """What a group is in the document's logical structure (a tagged PDF's structure element).

    `kind` is a PDF standard structure type: H1–H3, P, L, LI, Lbl, LBody, Figure, Link, Note,
    Caption, or "Artifact" for decoration and page furniture (kept out of the structure).
    `parent` is the enclosing element (an LI's L, an LBody's LI). One Role object is one
    element: groups that share it, one after the other in reading order (a paragraph whose
    lines are separate rows, a list's items), become one element. Compared by identity.
    `alt`: the text alternative of a Figure or a Link. `lang` overrides the document's
    language. `artifact`: for an Artifact, its type: "Pagination" (running heads, page
    numbers), "Layout", "Page" (printer's marks) or "Background"; empty for decoration."""

    kind: str
    parent: Role | None = None
    alt: str = ""
    lang: str = ""
    artifact: str = ""

    def chain(self) -> tuple[Role, ...]:
        """The role's ancestry, outermost first, ending with itself."""
        out: list[Role] = []
        role: Role | None = self
        while role is not None:
            out.append(role)
            role = role.parent
        return tuple(reversed(out))


ARTIFACT_KIND = "Artifact"


def artifact(kind: str = "") -> Role:
    """Decoration or page furniture: drawn, but not part of the document's content. `kind`:
    the artifact type, e.g. "Pagination" for running heads and page numbers."""
    return Role(ARTIFACT_KIND, artifact=kind)


@dataclass(frozen=True, slots=True)
class Group:
    """A nested frame, placed by its top-left corner; `role` marks its logical structure."""

    frame: Frame
    tag: str = ""
    source: str = ""  # where the content comes from, e.g. "themes/bestuur.md:3" (SVG data-source)
    role: Role | None = None


Item = Group | TextLine | Rect | Circle | Line | Link


@dataclass(frozen=True, slots=True)
class Placed:
    x: float
    y: float
    item: Item


@dataclass(frozen=True, slots=True)
class CropMarks:
    """Cut marks drawn by the renderer outside the trim (the bleed is added on top)."""

    length: float
    offset: float  # gap between the trim edge and the start of a mark
    width: float = 0.25


@dataclass(frozen=True, slots=True)
class Page:
    """A page whose frame is the trim size; items may reach into the bleed (negative or
    beyond the frame size). The renderer adds `bleed` on every side to the media box and
    sets TrimBox/BleedBox; with crop marks it adds room for them too."""

    frame: Frame
    bleed: float = 0.0
    crop_marks: CropMarks | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """A bookmark: title, page index (0-based), y on that page, nesting level (0 = top); `key`
    names the place, so that a Link with href "#key" in the same document jumps to it."""

    title: str
    page: int
    y: float
    level: int = 0
    key: str = ""


@dataclass(frozen=True, slots=True)
class FontFace:
    name: str
    path: Path


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    title: str
    author: str
    subject: str
    language: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    pages: tuple[Page, ...]
    meta: DocumentMeta
    fonts: tuple[FontFace, ...]
    outline: tuple[OutlineEntry, ...] = field(default=())


def walk(frame: Frame, x: float = 0.0, y: float = 0.0):
    """Yield (absolute x, absolute y, item) for every non-group item in a frame, depth first."""
    for placed in frame.items:
        ax, ay = x + placed.x, y + placed.y
        if isinstance(placed.item, Group):
            yield from walk(placed.item.frame, ax, ay)
        else:
            yield ax, ay, placed.item
