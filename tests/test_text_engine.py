"""The one text engine's contracts from issue 12: language-dependent hyphenation, footnote
numbers as line data, hyphenation costs from the style, one size search."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import example, given, settings, strategies as st

from generator.model import Span
from generator.text import Hyphenation, TextStyle, largest_size, set_text, split
from generator.text.fit import floor_to_grid

STYLE = TextStyle("SourceSansPro-Regular", "SourceSansPro-It", "SourceSansPro-Bold", 10, 1.25, "#000000",
                  "#0000ff")


def texts(block) -> list[str]:
    return [line.text for line in block.lines]


def test_german_keeps_the_umlaut_at_a_break():
    de = replace(STYLE, lang="de")
    for text in ("Hausöffnung", "Haus|öffnung"):
        for width in (22.0, 26.0, 30.0, 36.0):
            block = set_text(text, width, de)
            assert len(block.lines) > 1
            assert not any(t.startswith(("offn", "off")) for t in texts(block)), texts(block)
            assert block.unbreak() == "Hausöffnung"
    assert texts(set_text("Haus|öffnung", 36.0, de)) == ["Haus-", "öffnung"]
    assert split("Haus|öffnung", 4, "de") == ("Haus-", "öffnung")


def test_dutch_drops_the_trema_at_a_break_and_english_does_not():
    assert texts(set_text("idee|ën", 24.0, STYLE)) == ["idee-", "en"]
    assert texts(set_text("idee|ën", 24.0, replace(STYLE, lang="en"))) == ["idee-", "ën"]
    assert set_text("idee|ën", 24.0, STYLE).unbreak() == "ideeën"


def test_lines_carry_the_footnote_numbers_they_print():
    spans = (Span("Eerste zin met een verwijzing"), Span("1", footnote=1), Span(" en nog veel meer woorden "
             "die naar de volgende regels lopen"), Span("12", footnote=12), Span(" einde."))
    block = set_text(spans, 80.0, STYLE)
    assert block.notes == (1, 12)
    for line in block.lines:
        printed = [n for n, mark in ((1, "verwijzing¹"), (12, "lopen¹²")) if mark in line.text]
        assert list(line.notes) == printed
    # digits in the text are not notes; a font without superscript figures still reports them
    assert set_text("Artikel 12 van de wet", 200.0, STYLE).notes == ()
    vera = replace(STYLE, regular="Vera", italic="VeraIt", bold="VeraBd")
    assert set_text(spans, 80.0, vera).notes == (1, 12)


def test_hyphenation_costs_come_from_the_style():
    text = ("Gemeenten en provincies stellen samen een omgevingsvisie op voor de gehele "
            "samenwerkingsregio en de aangrenzende buurgemeenten.")
    default = set_text(text, 110.0, STYLE)
    assert default.hyphens > 0
    costly = replace(STYLE, hyphenation=Hyphenation(auto=1e6))
    assert set_text(text, 110.0, costly).hyphens == 0
    wide = replace(STYLE, hyphenation=Hyphenation(min_left=5, min_right=5))
    for line in set_text(text, 110.0, wide).lines[:-1]:
        if line.hyphenated:
            assert len(line.text.split()[-1].rstrip("-")) >= 5


@settings(max_examples=60, deadline=None)
@given(limit=st.floats(1.0, 60.0), lo=st.floats(1.0, 30.0), span=st.floats(0.0, 40.0))
@example(limit=2.0, lo=1.9999999999999964, span=1.0)  # a minimum a rounding error below the grid
@example(limit=1.9999999999999964, lo=1.9999999999999964, span=0.0)  # ... that is all that fits
def test_largest_size_is_the_largest_grid_size_that_fits(limit, lo, span):
    hi = lo + span
    calls = []

    def fits(size):
        calls.append(size)
        return size <= limit

    got = largest_size(fits, lo, hi)
    grid = [lo] + [k * 0.25 for k in range(int(lo * 4) + 1, int(hi * 4 + 1e-9) + 1) if k * 0.25 > lo]
    expected = max((s for s in grid if s <= limit), default=None)
    assert got == expected
    assert len(calls) <= 2 + len(grid).bit_length()
    assert floor_to_grid(10.3) == 10.25 and floor_to_grid(10.25) == 10.25
