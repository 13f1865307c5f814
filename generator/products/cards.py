"""Cards: question cards and theme cards for office printers (n-up on A4, or --paper A3, with
cut marks and backs for long-edge duplex), and question cards for a print shop (A6, one card
per page, 3 mm bleed, no marks). Layouts: cards-questions-a4, cards-themes-a4 (their -a3
variants with --paper A3) and cards-questions-print.

Outputs: cards-questions-<paper>.pdf, cards-themes-<paper>.pdf, cards-questions-print.pdf and
PNG previews of the first sheet (fronts and backs) under previews/.
"""

from __future__ import annotations

import contextlib
import gc
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.styles import load_style
from generator.errors import ConfigError
from generator.model import Praatplaat
from generator.products import Artifact, Options, Product, Result

if TYPE_CHECKING:
    from generator import scene
    from generator.styles.cards import CardsStyle, Sheet
    from generator.layout.cards import CardBox, Deck
    from generator.layout.impose import Grid, Marks

PREVIEW_WIDTH = 1200
KINDS = ("questions", "themes")
PRINT_LAYOUT = "cards-questions-print"
LAYOUTS = ("cards-questions-a4", "cards-themes-a4", PRINT_LAYOUT, "cards-questions-a3", "cards-themes-a3")


def office_layout(options: Options, kind: str) -> tuple[CardsStyle, str]:
    """The layout for `kind` on the chosen paper and the output's file stem: the layout file
    made for that paper (cards-<kind>-a3.yaml) if there is one, else the A4 one with the
    sheet's paper (and orientation) overridden."""
    paper = (options.paper or "A4").upper()
    stem = f"cards-{kind}-{paper.lower()}"
    name = stem if (Path(options.layouts) / f"{stem}.yaml").is_file() else f"cards-{kind}-a4"
    style = load_style(options.layouts, name)
    sheet: Sheet = style.sheet
    if options.paper:
        sheet = replace(sheet, paper=paper)
    if options.orientation:
        sheet = replace(sheet, orientation=options.orientation)
    return replace(style, sheet=sheet), stem


def sheet_grid(layout: CardsStyle, box: CardBox) -> tuple[Grid, Marks]:
    """The card grid and cut marks for the layout's sheet (see layout/impose.py)."""
    from generator.layout.impose import Marks, best_sheet, make_grid
    from generator.units import paper_size

    m, sheet = layout.marks, layout.sheet
    marks = Marks(m.length, m.offset, sheet.edge, m.width)
    orientation = sheet.orientation
    try:
        w, h = paper_size(sheet.paper, "portrait" if orientation == "auto" else orientation)
    except ValueError as exc:
        raise ConfigError(f"{layout.name}.yaml: sheet: {exc}") from None
    gutter = sheet.gutter
    if orientation == "auto":
        return best_sheet(w, h, box.width, box.height, gutter, marks.room), marks
    return make_grid(w, h, box.width, box.height, gutter, marks.room), marks


def office_document(deck: Deck, layout: CardsStyle, plaat: Praatplaat, subject: str,
                    backs: bool) -> tuple[scene.Document, Grid]:
    """The deck imposed on sheets: fronts, each followed by its backs (if `backs`)."""
    from generator import scene
    from generator.layout.common import document_meta, font_faces
    from generator.layout.impose import impose

    grid, marks = sheet_grid(layout, deck.box)
    frames = impose([c.front for c in deck.cards], [c.back for c in deck.cards] if backs else None, grid, marks)
    pages = tuple(scene.Page(frame) for frame in frames)
    return scene.Document(pages, document_meta(plaat, subject), font_faces(layout)), grid


def print_document(deck: Deck, layout: CardsStyle, plaat: Praatplaat, subject: str, backs: bool) -> scene.Document:
    """One card per page at trim size with the bleed: front, back, front, back …"""
    from generator import scene
    from generator.layout.common import document_meta, font_faces

    pages = []
    for card in deck.cards:
        pages.append(scene.Page(card.front, bleed=deck.box.bleed))
        if backs:
            pages.append(scene.Page(card.back, bleed=deck.box.bleed))
    return scene.Document(tuple(pages), document_meta(plaat, subject), font_faces(layout))


@contextlib.contextmanager
def _gc_paused():
    """No cyclic garbage collection while the decks are made: the scene is acyclic and freed
    by reference counting, and with thousands of cards the collector's repeated passes over
    every live object cost a third of the build."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def build(plaat: Praatplaat, options: Options) -> Result:
    with _gc_paused():
        return _build(plaat, options)


def _build(plaat: Praatplaat, options: Options) -> Result:
    from generator.layout.cards import question_deck, theme_deck
    from generator.layout.common import selected_themes, theme_colours
    from generator.render import render_pdf, render_png

    themes = selected_themes(plaat, options.themes)
    artifacts, pages, warnings = [], {}, []

    def add(stem: str, doc, previews: bool) -> None:
        pdf = render_pdf(doc, cmyk=options.cmyk)
        artifacts.append(Artifact(f"{stem}.pdf", pdf))
        pages[f"{stem}.pdf"] = len(doc.pages)
        if previews and options.previews:
            artifacts.append(Artifact(f"previews/{stem}.png", render_png(pdf, 0, PREVIEW_WIDTH)))
            if options.backs and len(doc.pages) > 1:
                artifacts.append(Artifact(f"previews/{stem}-backs.png", render_png(pdf, 1, PREVIEW_WIDTH)))

    for kind in KINDS:
        layout, stem = office_layout(options, kind)
        colours = theme_colours(plaat, layout)
        make = question_deck if kind == "questions" else theme_deck
        deck = make(plaat, themes, colours, layout)
        warnings += [f"{stem}: {w}" for w in deck.warnings]
        subject = plaat.labels.questions if kind == "questions" else plaat.labels.theme
        add(stem, office_document(deck, layout, plaat, subject, options.backs)[0], True)

    layout = load_style(options.layouts, PRINT_LAYOUT)
    deck = question_deck(plaat, themes, theme_colours(plaat, layout), layout)
    warnings += [f"{PRINT_LAYOUT}: {w}" for w in deck.warnings]
    add(PRINT_LAYOUT, print_document(deck, layout, plaat, plaat.labels.questions, options.backs), False)
    return Result(tuple(artifacts), tuple(warnings), pages)


def key(plaat: Praatplaat, options: Options) -> bytes:
    """What the cards read: meta, labels, themes with their questions, challenges, footnotes."""
    from generator.state import fingerprint

    return fingerprint(plaat.meta, plaat.labels, plaat.themes, plaat.challenges, plaat.footnotes)


PRODUCT = Product(
    "cards",
    "question cards and theme cards: office sheets with cut marks and duplex backs, print-shop A6 (PDF)",
    LAYOUTS,
    build,
    key,
)
