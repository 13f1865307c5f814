"""Imposition geometry (generator/layout/impose.py): the card grid, cut marks, duplex backs."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings, strategies as st

from generator import scene
from generator.errors import LayoutError
from generator.layout.impose import Grid, Marks, best_sheet, cut_marks, impose, make_grid
from generator.units import mm, paper_size

TOL = 1e-6
A4 = paper_size("A4")
A3 = paper_size("A3")
MARKS = Marks(mm(4), mm(2), mm(5))


def card_rects(grid: Grid) -> list[tuple[float, float, float, float]]:
    return [(*grid.slot(i), grid.card_width, grid.card_height) for i in range(grid.per_sheet)]


def mark_segments(grid: Grid, marks: Marks) -> list[tuple[float, float, float, float]]:
    segs = []
    for placed in cut_marks(grid, marks):
        line = placed.item
        assert isinstance(line, scene.Line) and line.tag == "cut-mark"
        segs.append((placed.x, placed.y, placed.x + line.dx, placed.y + line.dy))
    return segs


def segment_hits_rect(seg, rect) -> bool:
    """A horizontal or vertical segment touches or crosses the rectangle's inside."""
    x0, y0, x1, y1 = seg
    rx, ry, rw, rh = rect
    return (min(x0, x1) < rx + rw - TOL and max(x0, x1) > rx + TOL
            and min(y0, y1) < ry + rh - TOL and max(y0, y1) > ry + TOL) or \
        (rx - TOL <= x0 <= rx + rw + TOL and rx - TOL <= x1 <= rx + rw + TOL
         and ry - TOL <= min(y0, y1) and max(y0, y1) <= ry + rh + TOL)


def test_four_office_a6_cards_on_a4():
    grid = make_grid(*A4, mm(94), mm(133), 0.0, MARKS.room)
    assert (grid.columns, grid.rows, grid.per_sheet) == (2, 2, 4)
    # centred: equal margins left/right and top/bottom
    assert grid.left == pytest.approx(A4[0] - grid.right, abs=TOL)
    assert grid.top == pytest.approx(A4[1] - grid.bottom, abs=TOL)
    assert grid.sheets(57) == 15 and grid.sheets(56) == 14 and grid.sheets(0) == 0


def test_true_a6_leaves_no_room_for_marks():
    # four true A6 fill A4 (210 × 296 of 210 × 297 mm): with room for marks only one fits
    assert make_grid(*A4, mm(105), mm(148), 0.0, 0.0).per_sheet == 4
    assert make_grid(*A4, mm(105), mm(148), 0.0, MARKS.room).per_sheet == 1
    with pytest.raises(LayoutError, match="does not fit"):
        make_grid(*A4, mm(200), mm(148), 0.0, MARKS.room)


def test_best_sheet_turns_a3_for_more_cards():
    grid = best_sheet(*A3, mm(94), mm(133), 0.0, MARKS.room)
    assert grid.landscape and (grid.columns, grid.rows) == (4, 2)
    a4 = best_sheet(*A4, mm(94), mm(133), 0.0, MARKS.room)
    assert not a4.landscape and a4.per_sheet == 4
    a5 = best_sheet(*A4, mm(133), mm(188), 0.0, MARKS.room)
    assert a5.landscape and (a5.columns, a5.rows) == (2, 1)


GRIDS = [
    make_grid(*A4, mm(94), mm(133), 0.0, MARKS.room),
    make_grid(A4[1], A4[0], mm(133), mm(188), 0.0, MARKS.room),      # landscape, one row
    make_grid(A3[1], A3[0], mm(94), mm(133), 0.0, MARKS.room),       # landscape, 4 × 2
    make_grid(*A4, mm(55), mm(85), mm(4), MARKS.room),                # gutters, 3 × 3
    make_grid(A4[1], A4[0], mm(60), mm(40), mm(3), MARKS.room),       # landscape with gutters
]


@pytest.mark.parametrize("grid", GRIDS)
def test_cards_lie_exactly_on_the_grid(grid):
    step_x, step_y = grid.card_width + grid.gutter, grid.card_height + grid.gutter
    for i in range(grid.per_sheet):
        x, y = grid.slot(i)
        row, col = divmod(i, grid.columns)
        assert x == pytest.approx(grid.left + col * step_x, abs=TOL)
        assert y == pytest.approx(grid.top + row * step_y, abs=TOL)
        assert grid.left - TOL <= x and x + grid.card_width <= grid.right + TOL
        assert grid.top - TOL <= y and y + grid.card_height <= grid.bottom + TOL
    rects = card_rects(grid)
    for a in range(len(rects)):  # no two cards overlap
        for b in range(a + 1, len(rects)):
            ax, ay, w, h = rects[a]
            bx, by, _, _ = rects[b]
            assert ax + w <= bx + TOL or bx + w <= ax + TOL or ay + h <= by + TOL or by + h <= ay + TOL


@pytest.mark.parametrize("grid", GRIDS)
def test_cut_marks_outside_every_card_and_inside_the_printable_area(grid):
    segs = mark_segments(grid, MARKS)
    for seg in segs:
        x0, y0, x1, y1 = seg
        for x in (x0, x1):
            assert MARKS.edge - TOL <= x <= grid.sheet_width - MARKS.edge + TOL
        for y in (y0, y1):
            assert MARKS.edge - TOL <= y <= grid.sheet_height - MARKS.edge + TOL
        assert not any(segment_hits_rect(seg, r) for r in card_rects(grid)), seg
        length = math.hypot(x1 - x0, y1 - y0)
        assert length == pytest.approx(MARKS.length)


@pytest.mark.parametrize("grid", GRIDS)
def test_every_card_edge_has_a_mark_on_its_line(grid):
    segs = mark_segments(grid, MARKS)
    vertical = {round(s[0], 6) for s in segs if s[0] == s[2]}
    horizontal = {round(s[1], 6) for s in segs if s[1] == s[3]}
    for x, y, w, h in card_rects(grid):
        assert round(x, 6) in vertical and round(x + w, 6) in vertical
        assert round(y, 6) in horizontal and round(y + h, 6) in horizontal
    # shared cuts are marked once at each end (top and bottom, left and right)
    assert len(segs) == 2 * len(vertical) + 2 * len(horizontal)


@pytest.mark.parametrize("grid", GRIDS)
def test_back_lies_behind_its_front_after_a_long_edge_turn(grid):
    backs = [grid.back_slot(i) for i in range(grid.per_sheet)]
    assert sorted(backs) == list(range(grid.per_sheet))  # a permutation
    for i in range(grid.per_sheet):
        x, y = grid.slot(i)
        tx, ty = grid.turned(x, y, grid.card_width, grid.card_height)
        bx, by = grid.slot(backs[i])
        assert (tx, ty) == pytest.approx((bx, by), abs=TOL)


def test_turning_follows_the_long_edge():
    portrait, landscape = GRIDS[0], GRIDS[2]
    # portrait: the axis is vertical, left and right swap, rows stay
    assert [portrait.back_slot(i) for i in range(4)] == [1, 0, 3, 2]
    # landscape: the axis is horizontal, top and bottom rows swap, columns stay
    assert [landscape.back_slot(i) for i in range(8)] == [4, 5, 6, 7, 0, 1, 2, 3]
    # turning twice is the identity
    for grid in GRIDS:
        assert grid.turned(*grid.turned(10.0, 20.0, 30.0, 40.0), 30.0, 40.0) == pytest.approx((10.0, 20.0))


@settings(max_examples=60, deadline=None)
@given(card_w=st.floats(30, 200), card_h=st.floats(30, 280), gutter=st.floats(0, 12),
       landscape=st.booleans())
def test_any_grid_mirrors_exactly(card_w, card_h, gutter, landscape):
    w, h = (A3[1], A3[0]) if landscape else A3
    try:
        grid = make_grid(w, h, mm(card_w), mm(card_h), mm(gutter), MARKS.room)
    except LayoutError:
        assert mm(card_w) > w - 2 * MARKS.room or mm(card_h) > h - 2 * MARKS.room
        return
    for i in range(grid.per_sheet):
        tx, ty = grid.turned(*grid.slot(i), grid.card_width, grid.card_height)
        assert (tx, ty) == pytest.approx(grid.slot(grid.back_slot(i)), abs=1e-6)
    for seg in mark_segments(grid, MARKS):
        assert not any(segment_hits_rect(seg, r) for r in card_rects(grid))


def frame(tag: str) -> scene.Frame:
    return scene.Frame(mm(94), mm(133), (scene.Placed(0, 0, scene.Rect(1, 1, tag=tag)),))


def test_impose_orders_fronts_then_backs_per_sheet():
    grid = GRIDS[0]
    fronts = [frame(f"f{i}") for i in range(9)]
    backs = [frame(f"b{i}") for i in range(9)]
    sheets = impose(fronts, backs, grid, MARKS)
    assert len(sheets) == 2 * grid.sheets(9) == 6
    for s, sheet in enumerate(sheets):
        cards = [p for p in sheet.items if isinstance(p.item, scene.Group)]
        is_back = s % 2 == 1
        first = (s // 2) * grid.per_sheet
        assert len(cards) == min(grid.per_sheet, 9 - first)
        assert all(p.item.tag == ("card-back" if is_back else "card-front") for p in cards)
        marks = [p for p in sheet.items if isinstance(p.item, scene.Line)]
        assert bool(marks) != is_back  # marks on fronts only
        for k, placed in enumerate(cards):
            tag = placed.item.frame.items[0].item.tag
            assert tag == f"{'b' if is_back else 'f'}{first + k}"
            slot = grid.back_slot(k) if is_back else k
            assert (placed.x, placed.y) == pytest.approx(grid.slot(slot))


def test_impose_without_backs_and_mismatched_backs():
    grid = GRIDS[0]
    fronts = [frame("f")] * 5
    assert len(impose(fronts, None, grid, MARKS)) == 2
    with pytest.raises(ValueError):
        impose(fronts, fronts[:3], grid, MARKS)
