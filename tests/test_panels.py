"""Boundary labelling (generator/layout/panels.py): 1-D panel placement and leader routing."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.layout.bubbles import Box
from generator.layout.panels import (
    Segment, boxes_overlap, circle_hits_box, column_need, place_column, route_side, segment_hits_box,
    segment_hits_circle, segments_cross, straight_leader,
)


def test_a_lone_panel_is_centred_on_its_target():
    (top,) = place_column([500.0], [100.0], 0.0, 1000.0, 10.0)
    assert top == 450.0


def test_panels_keep_order_and_gaps_and_stay_in_the_column():
    tops = place_column([100.0, 110.0, 120.0], [200.0, 150.0, 100.0], 50.0, 800.0, 10.0)
    heights = [200.0, 150.0, 100.0]
    assert tops[0] >= 50.0
    for k in range(2):
        assert tops[k + 1] >= tops[k] + heights[k] + 10.0 - 1e-9
    assert tops[2] + heights[2] <= 800.0 + 1e-9
    # the block is pushed to the top (the targets are above what fits)
    assert tops[0] == 50.0


def test_crowded_panels_share_the_displacement():
    # two equal panels wanting the same centre end up symmetric about it
    a, b = place_column([500.0, 500.0], [100.0, 100.0], 0.0, 1000.0, 20.0)
    assert abs((a + (b + 100.0)) / 2 - 500.0) < 1e-9
    assert b - (a + 100.0) == 20.0


def test_a_column_too_short_is_refused():
    assert place_column([0.0, 0.0], [300.0, 300.0], 0.0, 609.0, 10.0) is None
    assert place_column([0.0, 0.0], [300.0, 300.0], 0.0, 610.0, 10.0) is not None
    assert column_need([300.0, 300.0], 10.0) == 610.0


def test_a_panel_level_with_its_bubble_gets_a_straight_leader():
    panel = Box(0.0, 400.0, 200.0, 300.0)
    (line,) = route_side([(400.0, 500.0, 50.0)], [panel], -1, (200.0, 230.0), [20.0])
    assert len(line.points) == 2
    (x1, y1), (x2, y2) = line.points
    assert (x2, y2) == (200.0, 500.0)        # the panel's inner edge, at the bubble's height
    assert abs(x1 - 350.0) < 1e-9 and abs(y1 - 500.0) < 1e-9   # on the rim


def test_a_panel_far_below_gets_an_orthogonal_leader_through_the_gutter():
    panel = Box(600.0, 900.0, 200.0, 300.0)
    (line,) = route_side([(450.0, 300.0, 50.0)], [panel], 1, (540.0, 600.0), [25.0])
    assert len(line.points) == 4
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = line.points
    assert (x0, y0) == (500.0, 300.0)        # the bubble's right-hand rim
    assert y1 == 300.0 and 540.0 < x1 < 600.0 and x2 == x1
    assert (x3, y3) == (600.0, 925.0)        # into the panel near its header


def _crossings(lines):
    segments = [(k, s) for k, line in enumerate(lines) for s in line.segments]
    return [(a, b) for (a, sa), (b, sb) in itertools.combinations(segments, 2) if a != b and segments_cross(sa, sb)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=20, max_value=140), min_size=1, max_size=7),
       st.lists(st.floats(min_value=40, max_value=400), min_size=7, max_size=7),
       st.floats(min_value=0, max_value=1), st.sampled_from([-1, 1]))
def test_leaders_of_one_side_never_cross(radii, heights, position, side):
    """Bubbles in one lane (in order, not overlapping), panels stacked in order: no crossings."""
    n = len(radii)
    heights = heights[:n]
    y, bubbles = 0.0, []
    for r in radii:
        y += r
        bubbles.append((1000.0 if side < 0 else 300.0, y, r))
        y += r + 10.0
    column = Box(0.0 if side < 0 else 700.0, 0.0, 300.0, max(y, column_need(heights, 10.0)) * (1.0 + position))
    tops = place_column([b[1] for b in bubbles], heights, column.y, column.bottom, 10.0)
    assert tops is not None
    panels = [Box(column.x, t, column.width, h) for t, h in zip(tops, heights)]
    gutter = (300.0, 1000.0 - max(radii) - 5.0) if side < 0 else (300.0 + max(radii) + 5.0, 700.0)
    lines = route_side(bubbles, panels, side, gutter, [min(15.0, h / 2) for h in heights])
    assert not _crossings(lines)
    for k, line in enumerate(lines):
        for s in line.segments:
            for j, (cx, cy, r) in enumerate(bubbles):
                assert not segment_hits_circle(s, cx, cy, r), (k, j)
            for j, box in enumerate(panels):
                assert not segment_hits_box(s, box), (k, j)


def test_segment_predicates():
    a = Segment(0, 0, 10, 10)
    assert segments_cross(a, Segment(0, 10, 10, 0))
    assert not segments_cross(a, Segment(0, 1, 9, 10))
    assert segments_cross(a, Segment(10, 10, 20, 0))          # a shared end point counts
    assert segment_hits_circle(Segment(-10, 0, 10, 0), 0, 3, 5)
    assert not segment_hits_circle(Segment(-10, 0, 10, 0), 0, 6, 5)
    assert segment_hits_circle(Segment(-10, 0, 10, 0), 0, 6, 5, clearance=2)
    box = Box(0, 0, 10, 10)
    assert segment_hits_box(Segment(-5, 5, 15, 5), box)
    assert not segment_hits_box(Segment(-5, 0, 15, 0), box)    # along the edge: touching only
    assert not segment_hits_box(Segment(10, 5, 20, 5), box)    # ending on the edge
    assert boxes_overlap(box, Box(9, 9, 5, 5))
    assert not boxes_overlap(box, Box(10, 0, 5, 5))
    assert boxes_overlap(box, Box(11, 0, 5, 5), gap=2)
    assert circle_hits_box(15, 5, 6, box) and not circle_hits_box(17, 5, 6, box)


def test_straight_leader_starts_on_the_rim():
    line = straight_leader(0.0, 0.0, 5.0, 30.0, 40.0)
    (x1, y1), (x2, y2) = line.points
    assert abs(x1 - 3.0) < 1e-9 and abs(y1 - 4.0) < 1e-9 and (x2, y2) == (30.0, 40.0)
