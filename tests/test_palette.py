"""Theme colours: CIEDE2000 against published reference pairs, every theme distinct (ΔE2000 ≥ 15,
ties included) and in ramp order, text on them readable; the column packing of panels."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from conftest import LAYOUTS
from generator.color import contrast, delta_e2000, hex_to_oklch, lab_delta_e2000, ramp, text_on
from generator.styles import load_style
from generator.layout.common import theme_colours
from generator.layout.packing import fits, lowest, packings, ranked
from generator.layout.palette import least_difference, spread
from generator.loader import load

START, END = "#384082", "#f8ca65"


@pytest.mark.parametrize("lab1, lab2, expected", [        # Sharma, Wu & Dalal (2005), table 1
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
    ((63.0109, -31.0961, -5.8663), (62.8187, -29.7946, -4.0864), 1.2630),
])
def test_ciede2000_matches_the_reference_pairs(lab1, lab2, expected):
    assert lab_delta_e2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert lab_delta_e2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def _hue_along(colours):
    """The ramp's hue turns one way (decreasing): unwrap and check it never turns back."""
    hues = [hex_to_oklch(c)[2] for c in colours]
    unwrapped = [hues[0]]
    for h in hues[1:]:
        step = (h - unwrapped[-1] + 180) % 360 - 180
        unwrapped.append(unwrapped[-1] + step)
    return unwrapped


@pytest.mark.parametrize("count", [3, 6, 9, 14, 20])
def test_colours_are_distinct_ordered_and_readable(count):
    colours = spread(START, END, count)
    assert len(set(colours)) == count
    assert least_difference(colours) >= 15
    hues = _hue_along(colours)
    assert all(b <= a + 1.0 for a, b in zip(hues, hues[1:]))              # in ramp order
    assert colours[0] != colours[-1]
    for c in colours:
        assert contrast(text_on(c), c) >= 4.5


def test_the_old_ramp_was_not_distinct_enough():
    """The level-proportional ramp the colours replace: 14 themes came within ΔE2000 8."""
    old = [ramp(START, END, k / 13) for k in range(14)]
    assert least_difference(tuple(old)) < 15


@pytest.mark.parametrize("levels", [[1, 2, 2, 3, 4, 5, 6, 7, 8], [1, 1, 1], [1, 2, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 9]])
def test_ties_get_distinct_colours(tmp_path, levels):
    root = tmp_path / "content"
    src = Path(__file__).parent / "fixtures" / "three-themes-small"
    (root / "themes").mkdir(parents=True)
    for name in ("praatplaat.yaml", "intro.md", "reflection.md"):
        (root / name).write_text((src / name).read_text())
    for k, level in enumerate(levels):
        (root / "themes" / f"{k:02d}-t{k}.md").write_text(
            f"---\nid: t{k}\nname: Theme {k}\nlevel: {level}\n---\n1. A question about theme {k}?\n")
    colours = theme_colours(load(root), load_style(LAYOUTS, "poster"))
    assert least_difference(tuple(colours.values())) >= 15


def test_the_default_content_keeps_its_ramp(plaat):
    """Six evenly spaced levels are already far apart: the colours are the ramp's."""
    colours = theme_colours(plaat, load_style(LAYOUTS, "poster"))
    assert list(colours.values()) == [ramp(START, END, k / 5) for k in range(6)]


# --- packing ---------------------------------------------------------------------------------


def _brute(heights, gap):
    best = None
    for sides in itertools.product((-1, 1), repeat=len(heights)):
        cols = {s: [h for h, x in zip(heights, sides) if x == s] for s in (-1, 1)}
        need = max(sum(c) + gap * max(0, len(c) - 1) for c in cols.values())
        best = need if best is None else min(best, need)
    return best


@pytest.mark.parametrize("seed", range(6))
def test_the_lowest_split_is_the_brute_force_optimum(seed):
    rng = random.Random(seed)
    heights = [rng.uniform(50, 400) for _ in range(rng.randint(1, 9))]
    assert lowest(heights, 10).tallest == pytest.approx(_brute(heights, 10))
    assert fits(heights, 10, _brute(heights, 10)) and not fits(heights, 10, _brute(heights, 10) - 1)


def test_ranked_prefers_the_zigzag_then_the_lower_column():
    heights = [100, 100, 100, 100]
    best = ranked(heights, 0, 1000)[0]
    assert best.sides == (-1, 1, -1, 1) and best.breaks == 0
    skewed = [300, 100, 100, 100]                 # the zigzag needs 400; 300 | 100+100+100 fits 300
    only = ranked(skewed, 0, 300)
    assert only and all(p.tallest <= 300 for p in only)
    assert only[0].breaks == min(p.breaks for p in packings(skewed, 0) if p.tallest <= 300)
