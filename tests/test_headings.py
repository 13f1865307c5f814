"""Titles and headings are never hyphenated, on any paper (body text may be)."""

from __future__ import annotations

import pytest

from generator.styles import load_style
from generator.layout.diagram import diagram_document
from generator.scene import TextLine, walk
from conftest import LAYOUTS

HEADING_TAGS = ("title", "subtitle", "intro-title", "intro-heading", "challenges-title")


def heading_lines(doc):
    for page in doc.pages:
        for _, _, item in walk(page.frame):
            if isinstance(item, TextLine) and item.tag in HEADING_TAGS:
                yield item


@pytest.mark.parametrize("paper,orientation", [("A4", "portrait"), ("A5", "portrait"), ("A3", "landscape")])
def test_diagram_titles_are_not_hyphenated(plaat, paper, orientation):
    doc, _ = diagram_document(plaat, load_style(LAYOUTS, "diagram"), paper, orientation)
    lines = list(heading_lines(doc))
    assert lines
    assert not [l.text for l in lines if l.hyphenated]


@pytest.mark.parametrize("paper", ["A0", "A2"])
def test_poster_headings_are_not_hyphenated(plaat, paper):
    from generator.layout.poster import poster

    doc = poster(plaat, load_style(LAYOUTS, "poster"), paper=paper).document
    lines = list(heading_lines(doc))
    assert {l.tag for l in lines} >= {"title", "intro-heading"}
    assert not [l.text for l in lines if l.hyphenated]
