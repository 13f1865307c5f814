"""The PDF renderer's fast paths (generator/render/pdf_painter.py, pdf_text.py) write exactly the
bytes of the plain paths they stand for: text lines written as BT … ET directly instead of
through ReportLab's text object, shaped runs escaped per code from a table, shapes drawn again
in the same place copied. Checked on the question cards and the theme cards (kerning, a
ligature, a no-break space, cut marks, copied card backs), on screen and in print."""

from __future__ import annotations

import dataclasses
import random

import pytest
from reportlab.pdfgen.canvas import escapePDF

from generator import scene
from generator.layout.cards import question_deck, theme_deck
from generator.layout.common import theme_colours
from generator.model import Question, Source
from generator.products.cards import office_document, office_layout
from generator.products import Options
from generator.render import pdf_painter, pdf_text, render_pdf

from conftest import LAYOUTS


def plain(monkeypatch) -> None:
    """Turn every fast path off."""
    monkeypatch.setattr(pdf_text, "_plain_ops", lambda c, font, run: None)
    monkeypatch.setattr(pdf_painter.Painter, "text", pdf_painter.Painter._text_object)
    monkeypatch.setattr(pdf_painter.Painter, "_replayed", lambda self, x, y, item, draw: draw(x, y, item))


@pytest.fixture(scope="module")
def documents(plaat):
    """The question and theme cards of the default content, one question given a ligature,
    a no-break space and characters PDF strings escape."""
    theme = plaat.themes[0]
    odd = Question(99, "Efficiënte officiële (of ‘flinke’) 20\u00a0%-afspraken \\ ?", Source("test"))
    themes = (dataclasses.replace(theme, questions=theme.questions + (odd,)),) + plaat.themes[1:]
    plaat = dataclasses.replace(plaat, themes=themes)
    docs = []
    for kind, make in (("questions", question_deck), ("themes", theme_deck)):
        layout, _ = office_layout(Options(layouts=LAYOUTS), kind)
        deck = make(plaat, plaat.themes_by_level, theme_colours(plaat, layout), layout)
        docs.append(office_document(deck, layout, plaat, kind, True)[0])
    return docs


@pytest.mark.parametrize("cmyk", [False, True])
def test_fast_paths_write_the_plain_paths_bytes(documents, monkeypatch, cmyk):
    fast = [render_pdf(doc, cmyk=cmyk) for doc in documents]
    plain(monkeypatch)
    assert [render_pdf(doc, cmyk=cmyk) for doc in documents] == fast


def test_the_fast_text_path_is_taken(documents, monkeypatch):
    calls = []
    real = pdf_text._plain_ops
    monkeypatch.setattr(pdf_text, "_plain_ops", lambda *a: calls.append(real(*a)) or calls[-1])
    render_pdf(documents[0])
    assert sum(found is not None for found in calls) > len(calls) / 2
    assert any("TJ" in found[0][1] for found in calls if found)  # kerned runs among them


def test_codes_are_escaped_one_by_one_as_escapepdf_escapes_strings():
    rng = random.Random(5)
    for _ in range(500):
        data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 40)))
        assert "".join(pdf_text._ESCAPED[b] for b in data) == escapePDF(data)


def test_a_text_line_without_shaping_is_still_drawn(monkeypatch):
    """A run without advances goes through ReportLab's text object (its own widths)."""
    from pathlib import Path

    import font_source_sans_pro

    face = scene.FontFace("SourceSansPro-Regular",
                          Path(font_source_sans_pro.__file__).parent / "files" / "SourceSansPro-Regular.ttf")
    line = scene.TextLine((scene.Run(0, "Vraag", face.name, 12, "#000000", 30),))
    doc = scene.Document((scene.Page(scene.Frame(100, 50, (scene.Placed(5, 20, line),))),),
                         scene.DocumentMeta("t", "a", "s", "nl"), (face,))
    data = render_pdf(doc)
    plain(monkeypatch)
    assert render_pdf(doc) == data
