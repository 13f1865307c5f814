"""Nothing is lost on any praatplaat: every product built from the default content and from each
fixture in tests/fixtures holds every question, theme name and paragraph it is meant to show,
read back from its PDF, SVG and HTML files (the builds are shared with test_golden)."""

from __future__ import annotations

import unicodedata

import pytest

from extract import assert_contains_all, pdf_text, svg_text
from generator.loader import load
from test_golden import FIXTURES, PRODUCTS, built
from test_handout import SUPERSCRIPTS, prose_texts
from test_html import parse, prose_texts as html_prose_texts, text_of
from test_poster import SUPERSCRIPTS as AS_DIGITS, expected_texts as poster_texts

CASES = [(f, p) for f in FIXTURES for p in PRODUCTS]


def plaat_of(fixture: str):
    return load(FIXTURES[fixture])


def squash(plaat, text: str, marks: bool = False) -> str:
    """Footnote superscripts out (as digits with `marks`); in Dutch also the trema a hyphenation
    drops ('ge-ïnd' → 'ge-ind')."""
    text = text.translate(AS_DIGITS) if marks else text.translate({ord(c): None for c in SUPERSCRIPTS})
    if plaat.meta.language.split("-")[0] == "nl":
        text = unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).replace("\u0308", ""))
    return text


def questions_and_names(plaat) -> list[str]:
    return [t.name for t in plaat.themes] + [q.text for t in plaat.themes for q in t.questions]


def document_texts(plaat, prose=prose_texts) -> list[str]:
    """What the handout and the HTML edition hold: all prose, challenges, themes, questions, notes."""
    ref = plaat.reflection
    texts = prose(plaat.intro) + prose(ref.before) + prose(ref.after)
    for challenge in ref.challenges:
        texts += [challenge.label, challenge.title] + prose(challenge.blocks)
    texts += questions_and_names(plaat)
    texts += ["".join(s.text for s in note.spans) for note in plaat.footnotes]
    texts += [plaat.intro_title, ref.title, plaat.meta.title, plaat.meta.credit, plaat.meta.publisher]
    return texts + [t for t in (ref.subtitle, plaat.meta.subtitle) if t]


def check_pdfs(plaat, files, needles, marks: bool = False) -> None:
    assert files, "no PDF written"
    for pdf in files:
        text = squash(plaat, "\n".join(pdf_text(pdf.read_bytes())), marks)
        try:
            assert_contains_all(text, [squash(plaat, n) for n in needles])
        except AssertionError as exc:
            raise AssertionError(f"{pdf.name}: {exc}") from None


def check_svgs(plaat, files, needles, marks: bool = False) -> None:
    for svg in files:
        text = squash(plaat, svg_text(svg.read_bytes()), marks)
        try:
            assert_contains_all(text, [squash(plaat, n) for n in needles])
        except AssertionError as exc:
            raise AssertionError(f"{svg.name}: {exc}") from None


@pytest.mark.parametrize("fixture,product", CASES)
def test_every_text_of_the_content_is_in_the_product(fixture, product):
    result = built(fixture, product)
    assert result.code == 0, result.err
    plaat = plaat_of(fixture)
    pdfs, svgs = sorted(result.out.glob("*.pdf")), sorted(result.out.glob("*.svg"))
    if product == "diagram":
        needles = [t.name for t in plaat.themes] + [plaat.labels.gradient_start, plaat.labels.gradient_end]
        check_pdfs(plaat, pdfs, needles)
        check_svgs(plaat, svgs, needles)
        assert len(svgs) == 1
    elif product == "poster":
        # No heading without content: the challenges label only when there are challenges.
        needles = [t for t in poster_texts(plaat) if t and (plaat.challenges or t != plaat.labels.challenges)]
        if any("overview" in pdf.name for pdf in pdfs):
            # too many questions for one sheet: the overview poster (with a warning saying so)
            # shows each theme's count; its questions are on the theme posters (checked there)
            assert "theme-posters" in result.err and "overview" in result.err, result.err
            questions = {q.text for t in plaat.themes for q in t.questions}
            needles = [t for t in needles if t not in questions]
            needles += [f"{len(t.questions)}" for t in plaat.themes]
        check_pdfs(plaat, pdfs, needles, marks=True)
        check_svgs(plaat, svgs, needles, marks=True)
        assert len(svgs) == len(pdfs)
    elif product == "handout":
        check_pdfs(plaat, pdfs, document_texts(plaat) + [plaat.labels.notes, plaat.labels.contents])
    elif product == "cards":
        assert len(pdfs) == 3
        check_pdfs(plaat, pdfs, questions_and_names(plaat))
    elif product == "html":
        (page,) = result.out.glob("*.html")
        tree = parse(page.read_bytes())
        assert_contains_all(text_of(tree.find("body")), document_texts(plaat, html_prose_texts))
    else:   # a product added since: at least every theme and question in its PDFs together
        texts = "\n".join(squash(plaat, "\n".join(pdf_text(pdf.read_bytes()))) for pdf in pdfs)
        assert_contains_all(texts, [squash(plaat, n) for n in questions_and_names(plaat)])


def test_the_fixtures_are_what_their_names_say():
    """The counts the fixtures stand for (issue 13): themes, questions, lengths, names, ties."""
    nine, small, fourteen = (plaat_of(f) for f in ("nine-themes-en", "three-themes-small", "fourteen-themes"))
    questions = [q.text for t in nine.themes for q in t.questions]
    assert len(nine.themes) == 9 and 70 <= len(questions) <= 80
    assert all(4 <= len(t.questions) <= 15 for t in nine.themes)
    assert all(40 <= len(q) <= 250 for q in questions)
    assert any(len(t.name) > 45 for t in nine.themes)
    assert len({t.level for t in nine.themes}) < len(nine.themes)       # a tie
    assert nine.meta.language.startswith("en") and len(nine.challenges) == 3
    assert len(small.themes) == 3 and all(2 <= len(t.questions) <= 3 for t in small.themes)
    assert not small.challenges
    assert len(fourteen.themes) == 14 and all(9 <= len(t.questions) <= 11 for t in fourteen.themes)
    assert fourteen.meta.language == "de"
    assert any("Hausöffnung" in q.text for t in fourteen.themes for q in t.questions)
