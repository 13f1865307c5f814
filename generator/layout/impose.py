"""N-up imposition: cards on office sheets, cut marks, and backs mirrored for duplex.

Pure geometry on scene frames: nothing here knows what is on a card.

- `make_grid` puts as many cards as fit on a sheet in a centred grid of equal cells (card plus
  `gutter`), keeping `Marks.room` free on every side for the cut marks. With `gutter = 0`
  neighbouring cards share one cut.
- `best_sheet` picks the sheet orientation that holds the most cards (portrait on a tie).
- `cut_marks` draws a short line on the extension of every cut line, in the sheet's margin:
  outside every card, starting `offset` from the grid, ending at least `edge` from the sheet's
  edge (office printers cannot print the outer 4–5 mm).
- `impose` lays the cards out sheet by sheet, each front sheet followed by its back sheet
  (unless there are no backs): the back of the card in slot i sits in `back_slot(i)`, so that
  after turning the sheet over its long edge (long-edge duplex) every back lies exactly
  behind its front. A portrait sheet turns about a vertical axis (columns swap left ↔ right),
  a landscape sheet about a horizontal one (rows swap top ↔ bottom).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from generator import scene
from generator.errors import LayoutError
from generator.units import to_mm

_EPS = 1e-6


@dataclass(frozen=True)
class Marks:
    """Cut marks: `length` long, starting `offset` outside the card grid, never closer than
    `edge` to the sheet's edge; `width` is the line width (all in points)."""

    length: float
    offset: float
    edge: float
    width: float = 0.25
    color: str = "#000000"

    @property
    def room(self) -> float:
        """What the marks need between the card grid and the sheet's edge."""
        return self.edge + self.length + self.offset


@dataclass(frozen=True)
class Grid:
    """Cards on a sheet: `columns` × `rows` cells, top-left cell at (left, top), row-major."""

    sheet_width: float
    sheet_height: float
    card_width: float
    card_height: float
    columns: int
    rows: int
    gutter: float
    left: float
    top: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def landscape(self) -> bool:
        return self.sheet_width > self.sheet_height

    @property
    def right(self) -> float:
        return self.left + self.columns * self.card_width + (self.columns - 1) * self.gutter

    @property
    def bottom(self) -> float:
        return self.top + self.rows * self.card_height + (self.rows - 1) * self.gutter

    def sheets(self, cards: int) -> int:
        """Sheets (fronts) needed for `cards` cards."""
        return math.ceil(cards / self.per_sheet) if cards > 0 else 0

    def slot(self, index: int) -> tuple[float, float]:
        """Top-left corner of the card in slot `index` (0 … per_sheet - 1)."""
        row, col = divmod(index, self.columns)
        return (self.left + col * (self.card_width + self.gutter),
                self.top + row * (self.card_height + self.gutter))

    def back_slot(self, index: int) -> int:
        """The slot on the back sheet that lies behind slot `index` after a long-edge turn."""
        row, col = divmod(index, self.columns)
        if self.landscape:
            return (self.rows - 1 - row) * self.columns + col
        return row * self.columns + (self.columns - 1 - col)

    def turned(self, x: float, y: float, width: float = 0.0, height: float = 0.0) -> tuple[float, float]:
        """Where a box at (x, y) on one side lies on the other side after a long-edge turn
        (its top-left corner, in that side's coordinates)."""
        if self.landscape:
            return x, self.sheet_height - y - height
        return self.sheet_width - x - width, y

    def cut_lines(self) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """x of every vertical cut and y of every horizontal cut (a cut shared by two
        neighbouring cards once)."""
        xs = [self.slot(c)[0] + d for c in range(self.columns) for d in (0.0, self.card_width)]
        ys = [self.slot(r * self.columns)[1] + d for r in range(self.rows) for d in (0.0, self.card_height)]
        return _distinct(xs), _distinct(ys)


def _distinct(values: list[float]) -> tuple[float, ...]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _EPS:
            out.append(v)
    return tuple(out)


def _count(space: float, size: float, gutter: float) -> int:
    return max(0, math.floor((space + gutter) / (size + gutter) + _EPS))


def make_grid(sheet_width: float, sheet_height: float, card_width: float, card_height: float,
              gutter: float, room: float) -> Grid:
    """The largest centred grid of cards that leaves `room` free on every side of the sheet.
    LayoutError if not even one card fits."""
    columns = _count(sheet_width - 2 * room, card_width, gutter)
    rows = _count(sheet_height - 2 * room, card_height, gutter)
    if columns < 1 or rows < 1:
        raise LayoutError(
            f"a {to_mm(card_width):.0f} × {to_mm(card_height):.0f} mm card does not fit a "
            f"{to_mm(sheet_width):.0f} × {to_mm(sheet_height):.0f} mm sheet with {to_mm(room):.0f} mm "
            f"kept free at each edge for cut marks; use a smaller card or a bigger sheet")
    grid_w = columns * card_width + (columns - 1) * gutter
    grid_h = rows * card_height + (rows - 1) * gutter
    return Grid(sheet_width, sheet_height, card_width, card_height, columns, rows, gutter,
                (sheet_width - grid_w) / 2, (sheet_height - grid_h) / 2)


def best_sheet(paper_width: float, paper_height: float, card_width: float, card_height: float,
               gutter: float, room: float) -> Grid:
    """The grid on the paper's portrait or landscape side, whichever holds more cards
    (portrait on a tie)."""
    short, long = sorted((paper_width, paper_height))
    grids = []
    for w, h in ((short, long), (long, short)):
        try:
            grids.append(make_grid(w, h, card_width, card_height, gutter, room))
        except LayoutError as exc:
            error = exc
    if not grids:
        raise error
    return max(grids, key=lambda g: g.per_sheet)  # max keeps the first (portrait) on a tie


def cut_marks(grid: Grid, marks: Marks) -> tuple[scene.Placed, ...]:
    """Cut marks on the extension of every cut line: above and below the grid for vertical
    cuts, left and right of it for horizontal cuts."""
    stroke = scene.Stroke(marks.color, marks.width)
    xs, ys = grid.cut_lines()
    items = []
    for x in xs:
        items.append(scene.Placed(x, grid.top - marks.offset - marks.length,
                                  scene.Line(0.0, marks.length, stroke, tag="cut-mark")))
        items.append(scene.Placed(x, grid.bottom + marks.offset,
                                  scene.Line(0.0, marks.length, stroke, tag="cut-mark")))
    for y in ys:
        items.append(scene.Placed(grid.left - marks.offset - marks.length, y,
                                  scene.Line(marks.length, 0.0, stroke, tag="cut-mark")))
        items.append(scene.Placed(grid.right + marks.offset, y,
                                  scene.Line(marks.length, 0.0, stroke, tag="cut-mark")))
    return tuple(items)


def impose(fronts: Sequence[scene.Frame], backs: Sequence[scene.Frame] | None, grid: Grid,
           marks: Marks | None) -> tuple[scene.Frame, ...]:
    """Sheet frames: front sheet 1, its back sheet, front sheet 2, … (fronts only if `backs`
    is None). Card k of a sheet goes in slot k; its back in `back_slot(k)`. Cut marks are
    drawn on the fronts (a cut is made looking at the front)."""
    if backs is not None and len(backs) != len(fronts):
        raise ValueError(f"{len(fronts)} fronts but {len(backs)} backs")
    mark_items = cut_marks(grid, marks) if marks is not None else ()
    sheets: list[scene.Frame] = []
    per = grid.per_sheet
    for start in range(0, len(fronts), per):
        count = min(per, len(fronts) - start)
        items = [scene.Placed(*grid.slot(k), scene.Group(fronts[start + k], tag="card-front"))
                 for k in range(count)]
        sheets.append(scene.Frame(grid.sheet_width, grid.sheet_height, tuple(items) + mark_items))
        if backs is not None:
            back_items = [scene.Placed(*grid.slot(grid.back_slot(k)), scene.Group(backs[start + k], tag="card-back"))
                          for k in range(count)]
            sheets.append(scene.Frame(grid.sheet_width, grid.sheet_height, tuple(back_items)))
    return tuple(sheets)
