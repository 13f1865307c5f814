"""The ordered spine (generator/layout/bubbles.py): geometry invariants, not pixels."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings, strategies as st

from generator.errors import LayoutError
from generator.layout.bubbles import Box, Spine, pava, place_bubbles
from generator.units import mm

A3_FIELD = Box(mm(12), mm(40), mm(396), mm(230))
GAP = mm(5)
TOL = 1e-6


def check_invariants(bubbles, levels, field, orientation, gap, min_radii=None):
    for i, a in enumerate(bubbles):
        assert a.cx - a.r >= field.x - TOL and a.cx + a.r <= field.right + TOL
        assert a.cy - a.r >= field.y - TOL and a.cy + a.r <= field.bottom + TOL
        if min_radii is not None:
            assert a.r >= min_radii[i] - TOL
        for b in bubbles[i + 1:]:
            assert math.dist((a.cx, a.cy), (b.cx, b.cy)) >= a.r + b.r + gap - TOL
    along = [b.cy if orientation == "portrait" else b.cx for b in bubbles]
    for i in range(len(levels)):
        for j in range(len(levels)):
            if levels[i] < levels[j]:
                assert along[i] < along[j]
            if levels[i] == levels[j] and i < j:
                assert along[i] <= along[j] + TOL  # ties keep content order


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("n", [1, 2, 6, 12, 20])
def test_invariants_hold_on_a3(n, orientation):
    field = A3_FIELD if orientation == "landscape" else Box(0, 0, A3_FIELD.height, A3_FIELD.width)
    levels = [((i * 7) % n) + 1 for i in range(n)]  # shuffled content order
    bubbles = place_bubbles(levels, [1.0] * n, field, orientation, GAP, Spine(lanes=(2, 3, 4)))
    assert len(bubbles) == n
    check_invariants(bubbles, levels, field, orientation, GAP)


def test_axis_runs_left_to_right_on_landscape_and_top_to_bottom_on_portrait():
    levels = [1, 2, 3, 4]
    wide = place_bubbles(levels, [1] * 4, A3_FIELD, "landscape", GAP)
    assert [b.cx for b in wide] == sorted(b.cx for b in wide)
    assert len({round(b.cy, 6) for b in wide}) == 2  # a zigzag across the axis
    tall = place_bubbles(levels, [1] * 4, Box(0, 0, mm(230), mm(396)), "portrait", GAP)
    assert [b.cy for b in tall] == sorted(b.cy for b in tall)
    assert [b.side for b in tall] == [-1, 1, -1, 1]


def test_bubbles_are_as_large_as_the_field_allows():
    bubbles = place_bubbles([1, 2, 3, 4, 5, 6], [1] * 6, A3_FIELD, "landscape", GAP)
    first, last = bubbles[0], bubbles[-1]
    # the tightest direction is used up: the block touches both ends of the axis
    assert first.cx - first.r == pytest.approx(A3_FIELD.x, abs=1e-3)
    assert last.cx + last.r == pytest.approx(A3_FIELD.right, abs=1e-3)
    assert first.r > mm(45)


def test_leftover_room_is_spread_towards_the_levels():
    # a long axis and few bubbles: the gaps follow the level differences
    field = Box(0, 0, mm(1000), mm(100))
    bubbles = place_bubbles([0, 1, 9, 10], [1] * 4, field, "landscape", GAP, Spine(max_radius=mm(40)))
    steps = [b.cx - a.cx for a, b in zip(bubbles, bubbles[1:])]
    assert steps[1] > 3 * steps[0] and steps[1] > 3 * steps[2]
    check_invariants(bubbles, [0, 1, 9, 10], field, "landscape", GAP)


def test_radii_follow_base_radii_and_max_radius():
    bubbles = place_bubbles([1, 2, 3], [1.0, 1.5, 1.0], A3_FIELD, "landscape", GAP, Spine(max_radius=mm(30)))
    assert bubbles[1].r == pytest.approx(1.5 * bubbles[0].r)
    assert max(b.r for b in bubbles) <= mm(30) + TOL


def test_min_radii_grow_a_bubble():
    floor = [0.0, mm(80), 0.0, 0.0, 0.0, 0.0]
    bubbles = place_bubbles([1, 2, 3, 4, 5, 6], [1] * 6, A3_FIELD, "landscape", GAP, min_radii=floor)
    assert bubbles[1].r >= mm(80) - TOL
    check_invariants(bubbles, [1, 2, 3, 4, 5, 6], A3_FIELD, "landscape", GAP, floor)


def test_too_many_bubbles_for_the_field_is_a_layout_error():
    small = Box(0, 0, mm(100), mm(60))
    with pytest.raises(LayoutError, match=r"mm more"):
        place_bubbles(list(range(20)), [1] * 20, small, "landscape", GAP, min_radii=[mm(10)] * 20)
    with pytest.raises(LayoutError, match=r"across"):
        place_bubbles([1, 2], [1, 1], small, "landscape", GAP, min_radii=[mm(40), 0])


def test_same_input_gives_the_same_geometry():
    levels = [3, 1, 2, 2, 5, 4, 1]
    a = place_bubbles(levels, [1] * 7, A3_FIELD, "landscape", GAP, Spine(lanes=(2, 3)))
    b = place_bubbles(list(levels), [1.0] * 7, A3_FIELD, "landscape", GAP, Spine(lanes=(2, 3)))
    assert a == b


def test_pava_is_the_monotone_least_squares_fit():
    assert pava([1, 3, 2, 4]) == [1, 2.5, 2.5, 4]
    assert pava([5, 4, 3]) == [4, 4, 4]
    assert pava([]) == []
    fitted = pava([0.3, -1.0, 2.0, 1.0, 1.0, 5.0])
    assert all(a <= b for a, b in zip(fitted, fitted[1:]))
    assert sum(fitted) == pytest.approx(0.3 - 1 + 2 + 1 + 1 + 5)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    levels=st.lists(st.integers(0, 6), min_size=3, max_size=20),
    sizes=st.lists(st.floats(0.8, 1.4), min_size=20, max_size=20),
    orientation=st.sampled_from(["portrait", "landscape"]),
    paper=st.sampled_from([(mm(400), mm(240)), (mm(190), mm(130)), (mm(120), mm(60)), (mm(800), mm(560))]),
    lanes=st.sampled_from([(2,), (2, 3, 4)]),
)
def test_property_invariants_or_a_clear_error(levels, sizes, orientation, paper, lanes):
    w, h = paper if orientation == "landscape" else (paper[1], paper[0])
    field = Box(mm(10), mm(20), w, h)
    base = sizes[: len(levels)]
    floor = [mm(14)] * len(levels)
    try:
        bubbles = place_bubbles(levels, base, field, orientation, GAP, Spine(lanes=lanes), min_radii=floor)
    except LayoutError as exc:
        assert "mm" in str(exc) and "\n" not in str(exc)
        return
    check_invariants(bubbles, levels, field, orientation, GAP, floor)
