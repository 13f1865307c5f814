"""Theme names inside circles (generator/layout/names.py): breakings, fit, one shared size."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings, strategies as st

from generator.errors import LayoutError
from generator.layout.names import NameStyle, name_lines, name_options, room_needed, shared_size
from generator.text.fonts import metrics
from generator.text.hyphenate import strip_hints

STYLE = NameStyle("SourceSansPro-Bold", leading=1.08, max_lines=4)
TOL = 1e-6


def rejoin(breaking) -> str:
    """The name back from its lines: inserted hyphens removed, a space after whole words."""
    out = ""
    for line, hyphen in zip(breaking.lines, breaking.hyphenated):
        if hyphen:
            out += line[:-1]
        elif line.endswith("-"):
            out += line  # broken after an existing hyphen
        else:
            out += line + " "
    return out.strip()


def corners_inside(placed, cx: float, cy: float, room: float, size: float) -> bool:
    font = metrics(STYLE.font)
    for p in placed:
        width = p.item.width  # shaped (kerned) as drawn
        top, bottom = p.y - font.ascent(size), p.y + font.descent(size)
        for x in (p.x, p.x + width):
            for y in (top, bottom):
                if math.hypot(x - cx, y - cy) > room + TOL:
                    return False
    return True


def trema_free(text: str) -> str:
    return text.replace("ö", "o").replace("ë", "e").replace("ï", "i").replace("ü", "u")


def test_manual_hints_are_the_only_breaks_inside_a_hinted_word():
    options = name_options("Samen|werkings|structuur", STYLE)
    # the best breaking per line count: pyphen points such as "Samenwer-kings" are never used
    assert [b.lines for b in sorted(options.breakings, key=lambda b: len(b.lines))] == [
        ("Samenwerkingsstructuur",), ("Samenwerkings-", "structuur"), ("Samen-", "werkings-", "structuur")]
    for b in options.breakings:
        assert rejoin(b) == "Samenwerkingsstructuur"


def test_no_break_leaves_fewer_than_three_letters_and_acronyms_stay_whole():
    for label in ("Informatievoorziening en ICT", "DSO-aansluiting", "Omgevingswet VNG", "Zorgcoördinatie"):
        for b in name_options(label, STYLE).breakings:
            for k, (line, hyphen) in enumerate(zip(b.lines, b.hyphenated)):
                if hyphen:
                    head = line[:-1].split()[-1]
                    tail = b.lines[k + 1].split()[0]
                    assert sum(c.isalpha() for c in head) >= 3, b.lines
                    assert sum(c.isalpha() for c in tail) >= 3, b.lines
            text = " ".join(b.lines)
            for acronym in ("ICT", "DSO", "VNG"):
                if acronym in label:
                    assert acronym in text, b.lines


def test_dutch_trema_is_dropped_after_a_hyphenation_break():
    lines = {b.lines for b in name_options("Zorgcoördinatie", STYLE).breakings}
    assert ("Zorgco-", "ordinatie") in lines


def test_the_preferred_breaking_avoids_hyphens_when_the_room_allows():
    options = name_options("Bedrijfs|voering", STYLE)
    one_line = options.choose(20.0, 1000.0)
    assert one_line.lines == ("Bedrijfsvoering",)
    tight = options.choose(20.0, options.min_radius * 20.0)
    assert tight.lines == ("Bedrijfs-", "voering")


def test_no_breaking_fits_is_a_layout_error_naming_the_name():
    options = name_options("Infrastructuur", STYLE)
    with pytest.raises(LayoutError, match="Infrastructuur"):
        options.choose(40.0, 10.0)


def test_lines_are_centred_and_every_corner_is_inside_the_room():
    options = name_options("Infrastructuur informatie|voorziening", STYLE)
    room = 120.0
    size = shared_size([options], [room], 1.0, 200.0)
    placed = name_lines(options.choose(size, room), size, STYLE, "#000000")
    assert corners_inside(placed, 0.0, 0.0, room, size)
    # the block touches the room: a slightly larger size would not fit
    assert not corners_inside(name_lines(options.choose(size, room), size * 1.02, STYLE, "#000000"),
                              0.0, 0.0, room, size * 1.02)
    for p in placed:
        width = p.item.width  # shaped (kerned) as drawn
        assert p.x == pytest.approx(-width / 2)


def test_one_shared_size_is_limited_by_the_hardest_name():
    short, long = name_options("Bestuur", STYLE), name_options("Informatievoorzieningsbeleid", STYLE)
    size = shared_size([short, long], [100.0, 100.0], 0.97, 500.0)
    assert size == pytest.approx(0.97 * 100.0 / long.min_radius)
    assert shared_size([short], [100.0], 0.97, 12.0) == 12.0  # capped
    assert room_needed(long, size, 0.1) == pytest.approx(long.min_radius * size / 0.9)


COMPOUNDS = ["Omgevingswet", "informatievoorziening", "Samenwerkingsstructuur", "doelformulering",
             "vergunningverlening", "handhavingsstrategie", "ketensamenwerking", "Zorgcoördinatie",
             "ICT-beleid", "DSO", "kwaliteitscriteria", "en", "van", "de", "Bestuur",
             "Omgevings|diensten", "gemeenten", "uitvoeringsniveau", "beleidsvorming"]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(words=st.lists(st.sampled_from(COMPOUNDS), min_size=1, max_size=6),
       room=st.floats(40.0, 200.0), max_lines=st.integers(2, 5))
def test_property_every_breaking_keeps_the_text_and_fits_when_chosen(words, room, max_lines):
    label = " ".join(words)
    style = NameStyle(STYLE.font, 1.08, max_lines)
    options = name_options(label, style)
    name = strip_hints(label)
    for b in options.breakings:
        assert len(b.lines) <= max_lines
        assert trema_free(rejoin(b)) == trema_free(name)
    size = shared_size([options], [room], 0.97, 60.0)
    chosen = options.choose(size, room)
    assert corners_inside(name_lines(chosen, size, style, "#ffffff"), 0.0, 0.0, room, size)
