"""A '|' right before a space in a label ("Financing and| cost sharing") means: prefer a line
break at this space. It is never printed, it never forces a break in a name that fits on one
line, and it works wherever names are set (set_name, bubbles, card backs)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator import scene
from generator.layout import card_parts, names
from generator.styles import load_style
from generator.text.breaking import TextStyle, normalise, set_name, set_text
from generator.text.hyphenate import strip_hints

ROOT = Path(__file__).resolve().parent.parent
STYLE = TextStyle("SourceSansPro-Bold", "SourceSansPro-It", "SourceSansPro-Bold", 12, 1.2, "#000000", "#0000ff",
                  lang="en")


def texts(block) -> list[str]:
    return [line.text for line in block.lines]


@pytest.mark.parametrize("label, width, hinted, plain", [
    ("Financing| and cost sharing", 120, ["Financing", "and cost sharing"], ["Financing and", "cost sharing"]),
    ("Data and| technology in water management", 200,
     ["Data and", "technology in water management"], ["Data and technology in", "water management"]),
])
def test_a_hinted_space_is_where_the_name_breaks(label, width, hinted, plain):
    assert texts(set_name(label, width, STYLE)) == hinted
    assert texts(set_name(label.replace("|", ""), width, STYLE)) == plain


@pytest.mark.parametrize("label", ["Financing and| cost sharing", "Financing| and cost| sharing",
                                   "Data and|| technology"])
@pytest.mark.parametrize("width", [60, 90, 120, 200, 1000])
def test_the_hint_is_never_printed_and_the_text_comes_back(label, width):
    for block in (set_name(label, width, STYLE), set_text(label, width, STYLE)):
        assert all("|" not in line.text for line in block.lines), texts(block)
        assert block.unbreak() == strip_hints(label) == normalise(label)
        if not any(line.hyphenated for line in block.lines):
            assert " ".join(texts(block)) == strip_hints(label)


def test_a_name_that_fits_stays_on_one_line():
    assert texts(set_name("Financing and| cost sharing", 1000, STYLE)) == ["Financing and cost sharing"]


def test_a_lone_bar_and_a_bar_at_the_end_are_text():
    assert texts(set_name("a | b c|", 1000, STYLE)) == ["a | b c|"]


def test_bubbles_prefer_the_hinted_space():
    style = names.NameStyle("SourceSansPro-Bold", leading=1.1, max_lines=3, lang="en")
    hinted = names.name_options("Financing| and cost sharing", style)
    plain = names.name_options("Financing and cost sharing", style)
    two = [b.lines for b in hinted.breakings if len(b.lines) == 2]
    assert two[0] == ("Financing", "and cost sharing")
    # every breaking with the hint ranks before any other breaking of as many hyphens
    assert [b.unhinted for b in hinted.breakings if b.hyphens == 0][:2] == [0, 0]
    assert all(b.unhinted == 0 for b in plain.breakings)


def test_card_backs_break_at_the_hint():
    layout = load_style(ROOT / "layouts", "cards-questions-a4")
    box = card_parts.card_box(layout)
    st = card_parts.back_style(layout, "en")
    st = replace(st, name=replace(st.name, size=40.0))
    frame = card_parts.back_face(box, "#335577", "Theme", "Financing| and cost sharing", "Title", st, 40.0)
    lines = [p.item.text for g in frame.items if isinstance(g.item, scene.Group) for p in g.item.frame.items
             if isinstance(p.item, scene.TextLine) and p.item.tag == "back-name"]
    assert lines[0] == "Financing", lines
    assert "|" not in "".join(lines)
