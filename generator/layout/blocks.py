"""The block protocol: what a page, a card face or a text column asks of its content.

After WeasyPrint's block layout (a box is laid out in the space left and returns where to
resume) and ReportLab platypus (`wrap(width, height)` measures, `split(width, height)` cuts):

    block.measure(width) -> height     the height it takes at that width, unbroken
    block.split(height)  -> (fits, rest | None)
                                       what fits in `height` (a block whose frame is that
                                       part) and the block that resumes after it (None: done)
    block.frame()        -> scene.Frame
                                       the block drawn at the width it was last measured at

`Flow` is the block every product uses for running text: paragraphs, headings, lists,
numbered questions, tinted boxes (prose_blocks.py) with their footnotes, which go to the foot
of the part that refers to them. It breaks only where flow.py allows (between lines, keeping
orphans, widows and headings with what follows). A card face stacks a challenge's `Flow` and
splits it onto as many cards as it needs; a handout page is `paginate` of the same rows; a
poster column measures its text blocks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from generator import scene
from generator.errors import LayoutError
from generator.layout.flow import Block as FlowBlock
from generator.layout.flow import Footnotes, Items, flatten, paginate_items, split_items


class Blockish(Protocol):
    """The protocol (see the module docstring)."""

    def measure(self, width: float) -> float: ...

    def split(self, height: float) -> tuple[Blockish | None, Blockish | None]: ...

    def frame(self) -> scene.Frame: ...


@dataclass(frozen=True)
class Fixed:
    """A block already set: a frame that cannot split (a part of a Flow, a picture)."""

    content: scene.Frame

    def measure(self, width: float) -> float:
        return self.content.height

    def split(self, height: float) -> tuple[Fixed | None, Fixed | None]:
        return (self, None) if self.content.height <= height + 1e-6 else (None, self)

    def frame(self) -> scene.Frame:
        return self.content


class Flow:
    """Running text as one block. `make(width)` sets the flow blocks (and the footnotes they
    refer to) at a width; a rest after `split` resumes at the width it was split at."""

    def __init__(self, make: Callable[[float], tuple[Sequence[FlowBlock], Footnotes | None]],
                 items: Items | None = None, width: float | None = None):
        self._make = make
        self._items = items
        self._width = width

    def _at(self, width: float) -> Items:
        if self._items is None or self._width is None or abs(width - self._width) > 1e-6:
            if self._items is not None and self._make is None:
                raise LayoutError("the rest of a split block resumes at the width it was split at")
            blocks, notes = self._make(width)
            self._items, self._width = flatten(blocks, notes), width
        return self._items

    def measure(self, width: float) -> float:
        items = self._at(width)
        if not items.items:
            return 0.0
        return paginate_items(items, width, math.inf, fill=False)[0].used

    def split(self, height: float) -> tuple[Fixed | None, Flow | None]:
        """The part that fits `height` (footnotes at its foot) and the rest; (None, self) if
        not even the first unbreakable run fits."""
        if self._width is None:
            raise LayoutError("a block is measured before it is split")
        try:
            page, rest = split_items(self._items, self._width, height)
        except LayoutError:
            return None, self
        placed = page.frame
        part = Fixed(scene.Frame(self._width, height, placed.items))
        return part, (Flow(None, rest, self._width) if rest is not None else None)  # type: ignore[arg-type]

    def frame(self) -> scene.Frame:
        height = self.measure(self._width or 0.0)
        part, _ = self.split(height + 1e-3)
        return scene.Frame(self._width or 0.0, height, part.frame().items if part else ())


def flow(blocks: Callable[[float], Sequence[FlowBlock]], notes: Callable[[float], Footnotes | None] | None = None
         ) -> Flow:
    """A Flow from a function setting the blocks at a width (and one setting the footnotes)."""
    return Flow(lambda w: (blocks(w), notes(w) if notes else None))


def parts(block: Blockish, width: float, height: float) -> list[scene.Frame]:
    """`block` cut into frames of `height` at `width` (a card face's body on each card)."""
    block.measure(width)
    out: list[scene.Frame] = []
    rest: Blockish | None = block
    while rest is not None:
        fits, rest = rest.split(height)
        if fits is None:
            raise LayoutError(f"a line and its footnotes do not fit an empty area {height / 72 * 25.4:.0f} mm high")
        out.append(fits.frame())
    return out
