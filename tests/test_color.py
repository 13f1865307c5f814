"""Colours: OKLCH ramp, gamut mapping, WCAG contrast, black/white text, CMYK, tints."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import color

START, END = "#384082", "#f8ca65"
hex_colours = st.integers(0, 0xFFFFFF).map(lambda v: f"#{v:06x}")


def test_parse_and_normalise():
    assert color.parse_hex("#ff0000") == (1.0, 0.0, 0.0)
    assert color.normalise_hex("#ABC") == "#aabbcc"
    assert color.normalise_hex("#F8CA65") == "#f8ca65"
    for bad in ("red", "#12345", "#gggggg", "", None):
        with pytest.raises(ValueError):
            color.parse_hex(bad)


@given(hex_colours)
def test_oklch_round_trip(value):
    assert color.oklch_hex(*color.hex_to_oklch(value)) == value


def test_known_oklch_values():
    # Ottosson's reference: white is L = 1, C = 0; the default gradient's ends.
    l, c, _ = color.hex_to_oklch("#ffffff")
    assert l == pytest.approx(1.0, abs=1e-6) and c == pytest.approx(0.0, abs=1e-6)
    assert color.oklch_hex(0.40, 0.11, 275) == START
    assert color.oklch_hex(0.86, 0.13, 85) == END
    assert color.oklch_hex(1.2, 0.1, 0) == "#ffffff"
    assert color.oklch_hex(-0.1, 0.1, 0) == "#000000"


def test_gamut_mapping_keeps_lightness_and_hue():
    # A very saturated teal is far outside sRGB: chroma is reduced, L and h stay.
    mapped = color.oklch_hex(0.6, 0.4, 190)
    l, c, h = color.hex_to_oklch(mapped)
    assert l == pytest.approx(0.6, abs=0.005)
    assert h == pytest.approx(190, abs=2)
    assert 0.05 < c < 0.4


def test_ramp_endpoints():
    assert color.ramp(START, END, 0) == START
    assert color.ramp(START, END, 1) == END
    assert color.ramp(START, END, -3) == START
    assert color.ramp(START, END, 7) == END
    assert color.ramp("#ABC", "#000", 0) == "#aabbcc"


def test_ramp_goes_through_teal_and_green():
    steps = [color.ramp(START, END, i / 5) for i in range(6)]
    assert steps[0] == START and steps[-1] == END
    hues = [color.hex_to_oklch(s)[2] for s in steps]
    # decreasing hue: indigo (~275) -> teal (~215, ~190) -> green (~155, ~125) -> amber (~85)
    assert all(a > b for a, b in zip(hues, hues[1:])), hues
    assert 170 < hues[2] < 230  # teal
    assert 110 < hues[4] < 160  # yellow-green
    # coloraide gives #43ae7e and #a5c162 for the in-gamut steps
    assert steps[3] == "#43ae7e" and steps[4] == "#a5c162"


def test_ramp_lightness_is_monotone():
    lightness = [color.hex_to_oklch(color.ramp(START, END, i / 50))[0] for i in range(51)]
    assert all(b > a for a, b in zip(lightness, lightness[1:])), lightness


def test_ramp_hue_directions():
    # The shorter way from indigo to amber runs through magenta and pink (red hues).
    middle = color.hex_to_oklch(color.ramp(START, END, 0.5, hue="shorter"))[2]
    assert middle < 30 or middle > 330
    middle = color.hex_to_oklch(color.ramp(START, END, 0.5, hue="increasing"))[2]
    assert middle < 30 or middle > 330
    middle = color.hex_to_oklch(color.ramp(START, END, 0.5))[2]
    assert 150 < middle < 200
    with pytest.raises(ValueError):
        color.ramp(START, END, 0.5, hue="sideways")


def test_ramp_from_grey_keeps_the_other_hue():
    _, _, h = color.hex_to_oklch(color.ramp("#ffffff", START, 0.5))
    assert h == pytest.approx(color.hex_to_oklch(START)[2], abs=3)


@given(hex_colours, hex_colours, st.floats(0, 1))
def test_ramp_always_gives_a_colour(a, b, t):
    assert color.parse_hex(color.ramp(a, b, t))


def test_contrast_known_pairs():
    assert color.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert color.contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert color.contrast("#777777", "#777777") == pytest.approx(1.0)
    # Well-known values: #767676 on white is the lightest grey passing AA (4.54:1).
    assert color.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert color.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert color.relative_luminance("#ffffff") == pytest.approx(1.0)
    assert color.relative_luminance("#000000") == 0.0


def test_text_on_examples():
    assert color.text_on("#ffffff") == "#000000"
    assert color.text_on("#000000") == "#ffffff"
    assert color.text_on(START) == "#ffffff"
    assert color.text_on(END) == "#000000"


@settings(max_examples=2000)
@given(hex_colours)
def test_text_on_always_passes_aa(bg):
    assert color.contrast(color.text_on(bg), bg) >= 4.5


def test_text_on_passes_aa_on_a_dense_grid():
    worst = min(
        color.contrast(color.text_on(bg), bg)
        for bg in (f"#{r:02x}{g:02x}{b:02x}" for r in range(0, 256, 15) for g in range(0, 256, 15)
                   for b in range(0, 256, 15))
    )
    assert worst >= 4.5


@given(st.floats(0, 1))
def test_text_on_passes_aa_along_the_ramp(t):
    bg = color.ramp(START, END, t)
    assert color.contrast(color.text_on(bg), bg) >= 4.5


def test_to_cmyk():
    assert color.to_cmyk("#000000") == (0, 0, 0, 1)
    assert color.to_cmyk("#ffffff") == (0, 0, 0, 0)
    c, m, y, k = color.to_cmyk("#808080")
    assert (c, m, y) == (0, 0, 0) and k == pytest.approx(1 - 128 / 255, abs=1e-6)
    assert color.to_cmyk("#ff0000") == (0, 1, 1, 0)
    assert color.to_cmyk("#00ffff") == (1, 0, 0, 0)


@given(hex_colours)
def test_to_cmyk_ink_limit_and_range(value):
    cmyk = color.to_cmyk(value)
    assert all(0 <= v <= 1 for v in cmyk)
    assert sum(cmyk) <= 3.0 + 1e-9
    r, g, b = color.parse_hex(value)
    if r == g == b:
        assert cmyk[:3] == (0, 0, 0)


def test_mix():
    assert color.mix("#000000", "#ffffff", 0) == "#000000"
    assert color.mix("#000000", "#ffffff", 1) == "#ffffff"
    assert color.mix("#000000", "#ffffff", 0.5) == "#808080"
    assert color.mix(START, "#ffffff", 0.8) == "#d7d9e6"
    assert color.mix(START, "#ffffff", 2) == "#ffffff"
