"""A small page-flow engine: blocks of unbreakable rows, stacked into page frames.

Modelled on WeasyPrint's block fragmentation and ReportLab platypus' frames, cut down to what
a handout needs:

- A `Row` is the unit that never splits: one text line, a rule, a heading's line, a picture.
  It has a frame (its content, top-left at the row's top-left), an x offset in the flow area,
  `space_before` (dropped at the top of a page) and `glue` (no page break after it).
- A `Block` is rows plus pagination rules: space before/after (adjacent spaces collapse to
  the larger, like CSS margins), `break_before`, `keep_with_next` (a heading stays with the
  first lines of what follows), an optional `Box` (tint, left rule, padding) drawn behind each
  of its fragments, `anchors` (bookmarks), and footnotes referenced by its rows.
- `text_rows` turns a breaking.TextBlock into rows, glued for orphans and widows.
- A `Filler` row takes the rest of the page (at least `min_height`): ruled lines for notes,
  a diagram.
- `paginate` stacks the rows: a run of glued rows moves to the next page as a whole when it
  does not fit; only a run taller than a whole page is split (between rows, never inside one).
  The footnotes referenced on a page are set at its bottom, above them a separator.

Pure geometry: no fonts are measured here; everything arrives as frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Mapping, Sequence

from generator import scene
from generator.errors import LayoutError
from generator.units import to_mm

_EPS = 1e-6


@dataclass(frozen=True)
class Filler:
    """Content that takes the rest of the page: `make(width, height)` draws it."""

    min_height: float
    make: Callable[[float, float], scene.Frame]
    width: float


@dataclass(frozen=True)
class Row:
    frame: scene.Frame | None  # None only for a filler row
    x: float = 0.0
    space_before: float = 0.0
    glue: bool = False  # no page break between this row and the next
    footnotes: tuple[int, ...] = ()
    tag: str = ""
    fill: Filler | None = None

    @property
    def height(self) -> float:
        return self.fill.min_height if self.fill else self.frame.height


@dataclass(frozen=True)
class Box:
    """A tinted background and/or a rule along the left edge, behind a block's rows."""

    fill: str | None = None
    rule: str | None = None
    rule_width: float = 0.0
    padding: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # top, right, bottom, left
    radius: float = 0.0


@dataclass(frozen=True)
class Anchor:
    """A place to point at: a bookmark (outline entry) or a table-of-contents line."""

    key: str
    title: str
    level: int = 0


@dataclass(frozen=True)
class Block:
    rows: tuple[Row, ...]
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False
    break_before: bool = False
    box: Box | None = None
    indent: float = 0.0  # the block (and its box) starts this far right of the area's left edge
    anchors: tuple[Anchor, ...] = ()


@dataclass(frozen=True)
class Footnotes:
    """Footnote texts as rows (by number) and the separator set above them on a page."""

    notes: Mapping[int, tuple[Row, ...]]
    separator: Row
    gap: float = 0.0  # between two footnotes

    def height(self, numbers: Sequence[int]) -> float:
        if not numbers:
            return 0.0
        rows = [sum(r.height for r in self.notes[n]) for n in numbers]
        return self.separator.height + sum(rows) + self.gap * (len(rows) - 1)


@dataclass(frozen=True)
class Mark:
    anchor: Anchor
    y: float  # top of the anchored block's first row (its box, if it has one), area coordinates


@dataclass(frozen=True)
class FlowPage:
    frame: scene.Frame  # the flow area's size, content in area coordinates
    marks: tuple[Mark, ...] = ()
    footnotes: tuple[int, ...] = ()
    start: int = 0      # index of the page's first row among all rows (see Items)
    used: float = 0.0   # height the rows and footnotes take


@dataclass(frozen=True)
class Items:
    """Blocks flattened into rows with their spacing, boxes and anchors: what `paginate_items`
    stacks. `items[page.start:]` resumes a flow where a page ended (generator/layout/blocks.py)."""

    items: tuple
    boxes: tuple
    footnotes: "Footnotes | None" = None

    def rest(self, start: int) -> "Items":
        return Items(self.items[start:], self.boxes, self.footnotes)


# ---------------------------------------------------------------------------------- rows


def text_rows(block, *, x: float = 0.0, orphans: int = 2, widows: int = 2, tag: str = "",
              footnotes: Sequence[int] = (), source: str = "") -> tuple[Row, ...]:
    """One row per line of a breaking.TextBlock (links go with their line). The first
    `orphans` and last `widows` lines are glued together, so a paragraph never leaves fewer
    lines than that at the bottom or top of a page. Footnote references go with the line that
    prints their number (`TextLine.notes`; the last line if none does). `source`: where the text
    comes from (`file:line`), kept on every line for previews."""
    lh = block.line_height
    n = len(block.lines)
    links: dict[int, list[scene.Placed]] = {}
    for lx, ly, link in block.links:
        k = min(n - 1, max(0, int(round(ly / lh)))) if lh > 0 else 0
        links.setdefault(k, []).append(scene.Placed(lx, ly - k * lh, link))
    wanted = list(dict.fromkeys(footnotes))
    notes_at: dict[int, list[int]] = {}
    for k, line in enumerate(block.lines):
        for number in line.notes:
            if number in wanted and number not in sum(notes_at.values(), []):
                notes_at.setdefault(k, []).append(number)
    placed = set(sum(notes_at.values(), []))
    rest = [m for m in wanted if m not in placed]
    if rest:
        notes_at.setdefault(n - 1, []).extend(rest)
    rows = []
    for k, line in enumerate(block.lines):
        baseline = block.line_x(k), block.first_baseline
        if source:
            line = replace(line, source=source)
        items = (scene.Placed(baseline[0], baseline[1], line),) + tuple(links.get(k, ()))
        glue = k < orphans - 1 or k >= n - widows
        rows.append(Row(scene.Frame(block.width, lh, items), x=x, glue=glue and k < n - 1,
                        footnotes=tuple(notes_at.get(k, ())), tag=tag))
    return tuple(rows)


def frame_row(frame: scene.Frame, *, x: float = 0.0, space_before: float = 0.0, glue: bool = False,
              tag: str = "") -> Row:
    """A row holding one frame."""
    return Row(frame, x=x, space_before=space_before, glue=glue, tag=tag)


def spacer(height: float) -> Row:
    """Empty vertical space that stays (unlike space_before it is not dropped at a page top)."""
    return Row(scene.Frame(0.0, height))


def filler_row(width: float, min_height: float, make: Callable[[float, float], scene.Frame], *,
               x: float = 0.0, tag: str = "") -> Row:
    """A row that takes the rest of the page, never less than `min_height`."""
    return Row(None, x=x, tag=tag, fill=Filler(min_height, make, width))


def glued(rows: Sequence[Row]) -> tuple[Row, ...]:
    """The rows with no page break allowed between any two of them."""
    rows = list(rows)
    return tuple(replace(r, glue=True) if i < len(rows) - 1 else r for i, r in enumerate(rows))


# ---------------------------------------------------------------------------------- flattening


@dataclass(frozen=True)
class _Item:
    """A row as the paginator sees it: with the spacing, box and anchors of its block."""

    row: Row
    space: float
    glue: bool
    break_before: bool
    box: int | None  # index into _Flow.boxes
    anchors: tuple[Anchor, ...]


def _flatten(blocks: Sequence[Block]) -> tuple[list[_Item], list[tuple[Box, float]]]:
    items: list[_Item] = []
    boxes: list[tuple[Box, float]] = []
    pending_after = 0.0
    for block in blocks:
        if not block.rows:
            pending_after = max(pending_after, block.space_after)
            continue
        box = None
        if block.box is not None:
            boxes.append((block.box, block.indent))
            box = len(boxes) - 1
        for i, row in enumerate(block.rows):
            first, last = i == 0, i == len(block.rows) - 1
            space = max(pending_after, block.space_before, row.space_before) if first else row.space_before
            glue = row.glue or (last and block.keep_with_next)
            x = row.x + block.indent + (block.box.padding[3] if block.box else 0.0)
            items.append(_Item(replace(row, x=x), space, glue, first and block.break_before, box,
                               block.anchors if first else ()))
        pending_after = block.space_after
    return items, boxes


# ---------------------------------------------------------------------------------- pagination


@dataclass
class _State:
    y: float = 0.0
    box: int | None = None  # the box the last row on the page is in
    notes: tuple[int, ...] = ()
    fresh: bool = True


@dataclass
class _Flow:
    width: float
    height: float
    boxes: list[tuple[Box, float]]
    footnotes: Footnotes | None
    pages: list[FlowPage] = field(default_factory=list)
    state: _State = field(default_factory=_State)
    placed: list[scene.Placed] = field(default_factory=list)
    fragments: list[list] = field(default_factory=list)  # [box, top, bottom]
    marks: list[Mark] = field(default_factory=list)
    fill: bool = True   # False: filler rows take their minimum height (to measure)
    index: int = 0      # rows put so far
    start: int = 0      # index of the current page's first row
    pages_out: tuple = ()

    def pad(self, box: int | None, side: int) -> float:
        return self.boxes[box][0].padding[side] if box is not None else 0.0

    def advance(self, state: _State, item: _Item) -> tuple[_State, float, float]:
        """The state after `item`, the row's top and the page's bottom limit (or -inf if too
        many footnotes). Does not change anything."""
        y = state.y
        space = 0.0 if state.fresh else item.space
        if state.box is not None and item.box != state.box:
            y += self.pad(state.box, 2)
        if item.box is not None and item.box != state.box:
            y += space + self.pad(item.box, 0)
            space = 0.0
        top = y + space
        notes = state.notes + tuple(n for n in item.row.footnotes if n not in state.notes)
        limit = self.height - self.note_height(notes) - self.pad(item.box, 2)
        return _State(top + item.row.height, item.box, notes, False), top, limit

    def note_height(self, notes: tuple[int, ...]) -> float:
        return self.footnotes.height(sorted(notes)) if self.footnotes else 0.0

    def fits(self, items: Sequence[_Item]) -> int:
        """How many of `items` fit on the current page, from the cursor."""
        state = self.state
        for count, item in enumerate(items):
            state, _top, limit = self.advance(state, item)
            if state.y > limit + _EPS:
                return count
        return len(items)

    def put(self, item: _Item) -> None:
        old = self.state
        state, top, limit = self.advance(old, item)
        row = item.row
        if item.box is not None and item.box != old.box:
            self.fragments.append([item.box, top - self.pad(item.box, 0), 0.0])
        if row.fill is not None:
            height = max(row.fill.min_height, limit - top) if self.fill else row.fill.min_height
            frame = row.fill.make(row.fill.width, height)
            state = replace(state, y=top + height)
        else:
            frame = row.frame
        if item.box is not None:
            self.fragments[-1][2] = state.y + self.pad(item.box, 2)
        self.placed.append(scene.Placed(row.x, top, scene.Group(frame, tag=row.tag)))
        for anchor in item.anchors:
            mark_y = top - self.pad(item.box, 0) if item.box is not None and item.box != old.box else top
            self.marks.append(Mark(anchor, mark_y))
        self.state = state
        self.index += 1

    def new_page(self) -> None:
        items: list[scene.Placed] = []
        for box_index, top, bottom in self.fragments:
            box, indent = self.boxes[box_index]
            w = self.width - indent
            if box.fill:
                items.append(scene.Placed(indent, top, scene.Rect(w, bottom - top, fill=box.fill,
                                                                   radius=box.radius, tag="box")))
            if box.rule and box.rule_width > 0:
                items.append(scene.Placed(indent, top, scene.Rect(box.rule_width, bottom - top, fill=box.rule,
                                                                   tag="box-rule")))
        items.extend(self.placed)
        notes = tuple(sorted(self.state.notes))
        if notes and self.footnotes:
            items.extend(self.note_items(notes))
        used = self.state.y + self.note_height(notes)
        self.pages.append(FlowPage(scene.Frame(self.width, self.height, tuple(items)), tuple(self.marks), notes,
                                   self.start, used))
        self.state, self.placed, self.fragments, self.marks = _State(), [], [], []
        self.start = self.index

    def note_items(self, notes: tuple[int, ...]) -> list[scene.Placed]:
        fn = self.footnotes
        y = self.height - fn.height(notes)
        sep = fn.separator
        out = [scene.Placed(sep.x, y, scene.Group(sep.frame, tag=sep.tag or "footnote-separator"))]
        y += fn.separator.height
        for k, number in enumerate(notes):
            if k:
                y += fn.gap
            for row in fn.notes[number]:
                out.append(scene.Placed(row.x, y, scene.Group(row.frame, tag=row.tag or f"footnote:{number}")))
                y += row.height
        return out


def _groups(items: list[_Item]) -> list[list[_Item]]:
    """Runs of glued rows: a page may break only between two runs."""
    runs: list[list[_Item]] = []
    for i, item in enumerate(items):
        if i == 0 or not items[i - 1].glue or item.break_before:
            runs.append([])
        runs[-1].append(item)
    return runs


def paginate(blocks: Sequence[Block], width: float, height: float,
             footnotes: Footnotes | None = None) -> tuple[FlowPage, ...]:
    """Stack the blocks' rows into pages of a `width` × `height` flow area."""
    return paginate_items(flatten(blocks, footnotes), width, height)


def flatten(blocks: Sequence[Block], footnotes: Footnotes | None = None) -> Items:
    """The blocks' rows as the paginator sees them (footnote references checked)."""
    items, boxes = _flatten(blocks)
    if footnotes is not None:
        missing = sorted({n for it in items for n in it.row.footnotes} - set(footnotes.notes))
        if missing:
            raise LayoutError(f"footnote {missing[0]} is referenced but has no text")
    return Items(tuple(items), tuple(boxes), footnotes)


def paginate_items(items: Items, width: float, height: float, *, fill: bool = True) -> tuple[FlowPage, ...]:
    """Stack flattened rows into pages; `fill`: fillers take the rest of their page (else
    their minimum height, to measure)."""
    return _run(items, width, height, fill, None).pages_out


def split_items(items: Items, width: float, height: float) -> tuple[FlowPage, Items | None]:
    """The first page of `height` and the rows left for the next (None: everything fits)."""
    flow = _run(items, width, height, True, 1)
    start = flow.pages[1].start if len(flow.pages) > 1 else flow.start
    rest = items.rest(start) if start < len(items.items) else None
    return flow.pages[0], rest


def _run(items: Items, width: float, height: float, fill: bool, pages: int | None) -> _Flow:
    flow = _Flow(width, height, list(items.boxes), items.footnotes, fill=fill)
    for run in _groups(list(items.items)):
        if pages is not None and len(flow.pages) >= pages:
            break
        if run[0].break_before and not flow.state.fresh:
            flow.new_page()
        _place_run(flow, run)
    if (flow.placed or not flow.pages) and (pages is None or len(flow.pages) < pages):
        flow.new_page()
    flow.pages_out = tuple(flow.pages)
    return flow


def _place_run(flow: _Flow, run: list[_Item]) -> None:
    while run:
        count = flow.fits(run)
        if count == len(run):
            for item in run:
                flow.put(item)
            return
        if not flow.state.fresh:
            flow.new_page()
            continue
        if count == 0:  # one row taller than an empty page
            item = run[0]
            state, top, limit = flow.advance(flow.state, item)
            raise LayoutError(f"'{item.row.tag or 'a row'}' is {to_mm(state.y - limit):.1f} mm too tall "
                              f"for a page ({to_mm(item.row.height):.1f} mm in {to_mm(limit - top):.1f} mm)")
        for item in run[:count]:  # a run longer than a page: split between rows
            flow.put(item)
        run = run[count:]
        flow.new_page()
