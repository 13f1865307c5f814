"""Hyphenation: pyphen points, manual hints, free breaks, the acronym and trema rules."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text.hyphenate import Hyphenator, hyphenator, resolve_language, split, strip_hints

NL = hyphenator("nl")


def letter_runs(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


# --- hints --------------------------------------------------------------------------------------


def test_strip_hints():
    assert strip_hints("Visie|vorming en doel|formulering") == "Visievorming en doelformulering"
    assert strip_hints("Data\u00adgedreven") == "Datagedreven"
    assert strip_hints("ja | nee") == "ja | nee"  # a lone bar is text
    assert strip_hints("|a a|") == "|a a|"
    assert strip_hints("a||b") == "ab"
    assert strip_hints("geen hints") == "geen hints"


def test_manual_hints_are_the_only_points_and_positions_are_in_the_stripped_word():
    assert NL.points("Visie|vorming") == (5,)
    assert NL.breaks("Visie|vorming") == ((5, "manual"),)
    assert len(NL.points("Visievorming")) > 1  # pyphen alone offers more ...
    assert NL.points("Informatie|beveiliging") == (10,)  # ... the hint replaces them
    assert NL.points("Data\u00adgedreven") == (4,)
    assert NL.points("Visie|vorm|ing") == (5, 9)


def test_split_at_a_manual_hint_inserts_a_hyphen():
    assert split("Visie|vorming", 5) == ("Visie-", "vorming")
    assert NL.split("Data\u00adgedreven", 4) == ("Data-", "gedreven")


# --- free breaks ---------------------------------------------------------------------------------


def test_hard_hyphen_is_a_free_break_and_acronym_part_stays_whole():
    assert NL.breaks("ICT-plan") == ((4, "free"),)
    assert split("ICT-plan", 4) == ("ICT-", "plan")
    points = NL.breaks("ICT-beleidsplan")
    assert points[0] == (4, "free")
    assert all(kind == "auto" and pos >= 4 + 3 for pos, kind in points[1:])
    assert len(points) > 1  # the lowercase part is hyphenated


def test_hint_next_to_a_hard_hyphen_is_the_free_break():
    assert NL.breaks("ICT-|plan") == ((4, "free"),)


def test_slash_and_dashes_are_free_breaks():
    assert (12, "free") in NL.breaks("organisatie/bedrijfsvoering")
    assert split("organisatie/bedrijfsvoering", 12) == ("organisatie/", "bedrijfsvoering")
    assert (10, "free") in NL.breaks("transitie—hervorming")
    assert (5, "free") in NL.breaks("2012–2029")


@pytest.mark.parametrize("word", ["e-mail", "’s-Hertogenbosch", "a/b", "-woord", "woord-", "x—y"])
def test_free_breaks_need_two_letters_each_side(word):
    assert all(kind != "free" for _, kind in NL.breaks(word))


# --- what pyphen may not touch ------------------------------------------------------------------


@pytest.mark.parametrize("word", ["ICT", "DSO", "VTH", "OMGEVINGSWET", "GEMEENTEBESTUUR", "DigiD",
                                  "ICTbeleidsplan", "Omgevingswet2024", "2e-kamerleden",
                                  "https://aandeslagmetdeomgevingswet.nl/omgevingswet",
                                  "www.omgevingswet.nl", "info@omgevingsdienst.nl", "regio", "taken",
                                  "bestuur"])
def test_no_automatic_points(word):
    assert all(kind != "auto" for _, kind in NL.breaks(word)), NL.breaks(word)


def test_url_breaks_only_after_slashes():
    url = "https://aandeslagmetdeomgevingswet.nl/omgevingswet/vogelvlucht/"
    breaks = NL.breaks(url)
    assert breaks and all(kind == "free" and url[pos - 1] == "/" for pos, kind in breaks)
    assert breaks[0][0] == len("https://")  # not between the two slashes


def test_punctuation_does_not_hide_the_letters():
    assert NL.points("Omgevingswet?") == NL.points("Omgevingswet")
    assert NL.points("handhaving,") == NL.points("handhaving")
    assert NL.points("“Omgevingswet”") == tuple(p + 1 for p in NL.points("Omgevingswet"))
    points = NL.points("(beleids)vrijheid")
    assert points and all(p > len("(beleids)") + 2 for p in points)  # "vrij-heid"
    assert split("(beleids)vrijheid", points[-1]) == ("(beleids)vrij-", "heid")


def test_pyphen_points_are_syllables():
    assert split("Samenwerkingsstructuur", 13) == ("Samenwerkings-", "structuur")
    assert 13 in NL.points("Samenwerkingsstructuur")
    assert 9 in NL.points("Omgevingsdienst")  # Omgevings-dienst


def test_points_for_uppercase_initial_words():
    assert NL.points("Omgevingswet") == NL.points("omgevingswet")


# --- trema ---------------------------------------------------------------------------------------


def test_trema_dropped_on_the_letter_after_an_inserted_hyphen():
    assert split("coördinatie", 2) == ("co-", "ordinatie")
    assert 4 in NL.points("patiënten")
    assert split("patiënten", 4) == ("pati-", "enten")
    assert split("zee|ëngte", 3) == ("zee-", "engte")
    assert split("Israëlische", 4) == ("Isra-", "elische")
    assert split("EGOÏSME", 3) == ("EGO-", "ISME")


def test_only_the_letter_right_after_the_break_loses_its_trema():
    assert split("coëfficiënten", 8) == ("coëffici-", "enten")
    assert split("geïnformeerd", 4) == ("geïn-", "formeerd")  # trema before the break stays
    assert split("financiële", 7) == ("financi-", "ele")


def test_no_trema_change_at_a_free_break():
    assert split("ICT-ëxtra", 4) == ("ICT-", "ëxtra")


def test_split_rejects_positions_outside_the_word():
    for pos in (0, 8, -1, 20):
        with pytest.raises(ValueError):
            split("ICT-plan", pos)


# --- languages -----------------------------------------------------------------------------------


def test_language_codes():
    assert resolve_language("nl") == "nl_NL"
    assert resolve_language("nl-NL") == "nl_NL"
    assert resolve_language("en") == "en_GB"
    assert resolve_language("en-US") == "en_US"
    assert resolve_language("de-DE") == "de_DE"
    assert resolve_language("xx") is None
    assert resolve_language("") is None


@pytest.mark.parametrize("lang", ["xx", "", "tlh"])
def test_unknown_language_never_crashes_and_keeps_free_breaks_and_hints(lang):
    h = Hyphenator(lang)
    assert h.language is None
    assert h.points("Omgevingswet") == ()
    assert h.points("ICT-plan") == (4,)
    assert h.points("Visie|vorming") == (5,)


def test_english_dictionary():
    en = Hyphenator("en")
    assert en.language == "en_GB"
    assert en.points("hyphenation")


def test_minimums_are_configurable():
    wide = Hyphenator("nl", min_left=5, min_right=5)
    assert all(5 <= p <= len("Omgevingsdienst") - 5 for p in wide.points("Omgevingsdienst"))
    assert 4 not in wide.points("Omgevingswet")  # "Omge-" is allowed at 3, not at 5
    assert 4 in NL.points("Omgevingswet")


def test_hyphenator_factory_is_shared():
    assert hyphenator("nl") is NL


# --- properties ----------------------------------------------------------------------------------

LETTERS = "abcdefghijklmnoprstuvwyzëïöüéIJKOSTV"
word_st = st.text(alphabet=LETTERS + "-/’(),.?“”|", min_size=1, max_size=30)


@settings(max_examples=400, deadline=None)
@given(word_st)
def test_points_are_inside_the_stripped_word_and_split_conserves_letters(word):
    stripped = strip_hints(word)
    breaks = NL.breaks(word)
    positions = [p for p, _ in breaks]
    assert positions == sorted(set(positions))
    for pos, kind in breaks:
        assert 0 < pos < len(stripped)
        head, tail = split(word, pos)
        if kind == "free":
            assert head + tail == stripped
        else:
            assert head.endswith("-") and not stripped[:pos].endswith("-")
            assert head[:-1] == stripped[:pos]
            # only the first letter of the tail may differ, and only by losing its trema
            assert tail[1:] == stripped[pos + 1:]
            assert tail[0] == stripped[pos] or (stripped[pos] in "äëïöüÄËÏÖÜ" and tail[0] in "aeiouAEIOU")
        if kind == "auto":
            left, right = letter_runs(stripped[:pos]), letter_runs(stripped[pos:])
            assert len(left[-1]) >= 3 and len(right[0]) >= 3
            assert stripped[pos - 1].isalpha() and stripped[pos].isalpha()
            run = left[-1] + right[0]
            assert not any(c.isupper() for c in run[1:])  # acronyms and camel case never
            assert not any(c.isdigit() for c in stripped)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=LETTERS.upper() + "-", min_size=2, max_size=20))
def test_all_caps_words_get_no_automatic_points(word):
    assert all(kind != "auto" for _, kind in NL.breaks(word))


def test_deterministic_and_cached():
    a = NL.breaks("informatievoorzieningsbeleid")
    b = Hyphenator("nl").breaks("informatievoorzieningsbeleid")
    assert a == b and a is NL.breaks("informatievoorzieningsbeleid")
