"""The cards product: office sheets (text per card, page counts from the layout, sheet geometry,
duplex backs), the print-shop PDF (true A6 trim, 3 mm bleed, no marks, embedded fonts),
previews, --no-backs, --paper A3, --themes, and the CLI's one-line error."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from extract import normalise
from generator import scene
from generator.styles import load_style
from generator.layout.cards import card_box, question_deck, theme_deck
from generator.layout.common import theme_colours
from generator.products import Options
from generator.products.cards import PRODUCT, office_document, office_layout, print_document, sheet_grid
from generator.render import render_png
from generator.units import mm, to_mm

from conftest import LAYOUTS

TOL = 1e-6


@pytest.fixture(scope="module")
def result(plaat):
    return PRODUCT.build(plaat, Options(layouts=LAYOUTS))


@pytest.fixture(scope="module")
def files(result) -> dict[str, bytes]:
    return {a.name: a.data for a in result.artifacts}


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def placed_text(page) -> list[tuple[float, float, str]]:
    """(x, y from the top, text) of every text run on a PDF page."""
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((tm[4] * cm[0] + cm[4], height - (tm[5] * cm[3] + cm[5]), text))

    page.extract_text(visitor_text=visit)
    return found


def cells(page, grid) -> list[list[str]]:
    """The text of each card slot of a sheet, in reading order, runs as found."""
    out: list[list[str]] = [[] for _ in range(grid.per_sheet)]
    for x, y, text in placed_text(page):
        for i in range(grid.per_sheet):
            cx, cy = grid.slot(i)
            if cx <= x <= cx + grid.card_width and cy <= y <= cy + grid.card_height:
                out[i].append(text)
                break
        else:
            raise AssertionError(f"text outside every card: {text!r} at ({to_mm(x):.0f}, {to_mm(y):.0f}) mm")
    return out


def office(kind: str, options: Options = Options(layouts=LAYOUTS)):
    layout, _ = office_layout(options, kind)
    return layout, sheet_grid(layout, card_box(layout))[0]


# --- office question cards --------------------------------------------------------------------


def test_artifacts_and_previews(result, files):
    assert set(files) >= {"cards-questions-a4.pdf", "cards-themes-a4.pdf", "cards-questions-print.pdf",
                          "previews/cards-questions-a4.png", "previews/cards-questions-a4-backs.png",
                          "previews/cards-themes-a4.png"}
    for name in ("previews/cards-questions-a4.png", "previews/cards-questions-a4-backs.png"):
        image = Image.open(io.BytesIO(files[name]))
        assert image.format == "PNG" and image.width >= 1200
        assert image.height / image.width == pytest.approx(297 / 210, rel=0.01)
    for name, data in files.items():
        if name.endswith(".pdf"):
            assert result.pages[name] == len(reader(data).pages)


def test_sheet_counts_follow_from_the_layout(plaat, files):
    layout, grid = office("questions")
    assert grid.per_sheet == 4  # the default: 4-up on A4
    sheets = grid.sheets(plaat.question_count())
    assert sheets == 15  # 57 questions at 4-up
    assert len(reader(files["cards-questions-a4.pdf"]).pages) == 2 * sheets  # fronts and backs
    _, theme_grid = office("themes")
    theme_cards = len(plaat.themes) + len(plaat.challenges)
    assert len(reader(files["cards-themes-a4.pdf"]).pages) == 2 * theme_grid.sheets(theme_cards)


def test_every_question_once_with_its_theme_and_number(plaat, files):
    _, grid = office("questions")
    pages = reader(files["cards-questions-a4.pdf"]).pages
    fronts = [cell for p in range(0, len(pages), 2) for cell in cells(pages[p], grid)]
    expected = [(t, q) for t in plaat.themes_by_level for q in t.questions]
    assert len([c for c in fronts if c]) == len(expected)
    for cell, (theme, q) in zip(fronts, expected):
        assert cell[0] == theme.name
        assert cell[1] == str(q.number)
        assert normalise("".join(cell[2:])) == normalise(q.text)
    for p in range(1, len(pages), 2):  # backs: kicker, theme name, title; no question
        for cell in cells(pages[p], grid):
            text = normalise("".join(cell))
            assert not cell or (normalise(plaat.labels.theme) in text and normalise(plaat.meta.title) in text)


def test_backs_name_the_theme_of_the_card_in_front(plaat, files):
    _, grid = office("questions")
    pages = reader(files["cards-questions-a4.pdf"]).pages
    for p in range(0, len(pages), 2):
        fronts, backs = cells(pages[p], grid), cells(pages[p + 1], grid)
        for i, front in enumerate(fronts):
            if not front:
                assert not backs[grid.back_slot(i)]
                continue
            back = normalise("".join(backs[grid.back_slot(i)]))
            assert normalise(front[0]) in back


def test_theme_cards_each_question_once_with_number(plaat, files):
    _, grid = office("themes")
    pages = reader(files["cards-themes-a4.pdf"]).pages
    fronts = [cell for p in range(0, len(pages), 2) for cell in cells(pages[p], grid)]
    for cell, theme in zip(fronts, plaat.themes_by_level):
        assert cell[0] == plaat.labels.theme and cell[1] == theme.name
        text = normalise("".join(cell))
        for q in theme.questions:
            assert text.count(normalise(q.text)) == 1, (theme.id, q.number)
        assert [t for t in cell if t.isdigit()] == [str(q.number) for q in theme.questions]
    challenges = fronts[len(plaat.themes):len(plaat.themes) + len(plaat.challenges)]
    for cell, challenge in zip(challenges, plaat.challenges):
        assert cell[0] == challenge.label


# --- sheet geometry on the scene ----------------------------------------------------------------


@pytest.fixture(scope="module", params=["questions", "themes"])
def sheet(request, plaat):
    layout, _ = office_layout(Options(layouts=LAYOUTS), request.param)
    make = question_deck if request.param == "questions" else theme_deck
    deck = make(plaat, plaat.themes_by_level, theme_colours(plaat, layout), layout)
    doc, grid = office_document(deck, layout, plaat, "cards", True)
    return deck, doc, grid, layout


def test_cards_on_the_grid_and_backs_behind_fronts(sheet):
    deck, doc, grid, _ = sheet
    cards = iter(deck.cards)
    for p in range(0, len(doc.pages), 2):
        front, back = doc.pages[p].frame, doc.pages[p + 1].frame
        assert (front.width, front.height) == pytest.approx((grid.sheet_width, grid.sheet_height))
        fronts = [q for q in front.items if isinstance(q.item, scene.Group)]
        backs = [q for q in back.items if isinstance(q.item, scene.Group)]
        assert len(fronts) == len(backs)
        for k, (f, b) in enumerate(zip(fronts, backs)):
            card = next(cards)
            assert f.item.frame is card.front and b.item.frame is card.back
            assert (f.x, f.y) == pytest.approx(grid.slot(k), abs=TOL)
            assert grid.turned(f.x, f.y, grid.card_width, grid.card_height) == pytest.approx((b.x, b.y), abs=TOL)
    assert next(cards, None) is None


def test_marks_outside_cards_and_inside_the_printable_margin(sheet):
    _, doc, grid, layout = sheet
    edge = layout.sheet.edge
    assert edge >= mm(5) - TOL
    page = doc.pages[0].frame
    rects = [(q.x, q.y, q.x + grid.card_width, q.y + grid.card_height) for q in page.items
             if isinstance(q.item, scene.Group)]
    marks = [q for q in page.items if isinstance(q.item, scene.Line)]
    assert marks
    for q in marks:
        x0, y0, x1, y1 = q.x, q.y, q.x + q.item.dx, q.y + q.item.dy
        assert edge - TOL <= min(x0, x1) and max(x0, x1) <= grid.sheet_width - edge + TOL
        assert edge - TOL <= min(y0, y1) and max(y0, y1) <= grid.sheet_height - edge + TOL
        for l, t, r, b in rects:
            inside_x = l - TOL <= min(x0, x1) and max(x0, x1) <= r + TOL
            inside_y = t - TOL <= min(y0, y1) and max(y0, y1) <= b + TOL
            assert not (inside_x and inside_y)
            assert max(x0, x1) <= l + TOL or min(x0, x1) >= r - TOL or max(y0, y1) <= t + TOL \
                or min(y0, y1) >= b - TOL


def test_nothing_outside_its_card_on_the_sheet(sheet):
    _, doc, grid, _ = sheet
    for page in doc.pages[:4]:
        for q in page.frame.items:
            if not isinstance(q.item, scene.Group):
                continue
            for x, y, item in scene.walk(q.item.frame):
                if isinstance(item, scene.Rect):
                    assert -TOL <= x and x + item.width <= grid.card_width + TOL
                    assert -TOL <= y and y + item.height <= grid.card_height + TOL
                elif isinstance(item, scene.TextLine):
                    assert mm(5) - TOL <= x and x + item.width <= grid.card_width - mm(5) + TOL


# --- print shop -----------------------------------------------------------------------------------


def test_print_pdf_is_true_a6_with_bleed_and_no_marks(plaat, files):
    pdf = reader(files["cards-questions-print.pdf"])
    assert len(pdf.pages) == 2 * plaat.question_count()
    bleed = mm(3)
    for page in pdf.pages:
        trim, box, media = page.trimbox, page.bleedbox, page.mediabox
        assert float(trim.width) == pytest.approx(mm(105), abs=0.01)
        assert float(trim.height) == pytest.approx(mm(148), abs=0.01)
        assert float(box.left) == pytest.approx(float(trim.left) - bleed, abs=0.01)
        assert float(box.top) == pytest.approx(float(trim.top) + bleed, abs=0.01)
        assert float(box.width) == pytest.approx(mm(111), abs=0.01)
        # the media box is the bleed box: no room around it for marks
        assert [float(v) for v in media] == pytest.approx([float(v) for v in box], abs=0.01)


def test_print_document_has_no_marks_and_fills_the_bleed(plaat):
    layout = load_style(LAYOUTS, "cards-questions-print")
    deck = question_deck(plaat, plaat.themes_by_level, theme_colours(plaat, layout), layout)
    doc = print_document(deck, layout, plaat, "cards", True)
    for page in doc.pages:
        assert page.crop_marks is None and page.bleed == pytest.approx(mm(3))
        assert not any(isinstance(it, scene.Line) for _, _, it in scene.walk(page.frame))


def test_print_backgrounds_reach_the_bleed_edge(plaat, files):
    pdf = files["cards-questions-print.pdf"]
    colour = theme_colours(plaat, load_style(LAYOUTS, "cards-questions-print"))[plaat.themes_by_level[0].id]
    rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    back = Image.open(io.BytesIO(render_png(pdf, 1, 333))).convert("RGB")  # 1 px ≈ 0.33 mm
    front = Image.open(io.BytesIO(render_png(pdf, 0, 333))).convert("RGB")
    for image, points in ((back, [(0, 0), (back.width - 1, back.height - 1), (0, back.height - 1)]),
                          (front, [(0, 0), (front.width - 1, 0)])):
        for point in points:
            assert all(abs(a - b) <= 3 for a, b in zip(image.getpixel(point), rgb)), point
    assert front.getpixel((front.width // 2, front.height - 2)) == (255, 255, 255)


def test_print_fonts_are_embedded(files):
    data = files["cards-questions-print.pdf"]
    for page in reader(data).pages[:4]:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
    assert b"Helvetica" not in data


def test_print_pages_hold_one_card_each(plaat, files):
    pages = reader(files["cards-questions-print.pdf"]).pages
    for k, (theme, q) in enumerate((t, q) for t in plaat.themes_by_level for q in t.questions):
        runs = [t for _, _, t in placed_text(pages[2 * k])]
        assert runs[0] == theme.name and runs[1] == str(q.number)
        assert normalise("".join(runs[2:])) == normalise(q.text)


# --- options ----------------------------------------------------------------------------------------


def test_no_backs(plaat):
    result = PRODUCT.build(plaat, Options(layouts=LAYOUTS, backs=False, themes=("bestuur",)))
    files = {a.name: a.data for a in result.artifacts}
    _, grid = office("questions")
    bestuur = len(next(t for t in plaat.themes if t.id == "bestuur").questions)
    assert len(reader(files["cards-questions-a4.pdf"]).pages) == grid.sheets(bestuur)
    assert len(reader(files["cards-questions-print.pdf"]).pages) == bestuur
    assert "previews/cards-questions-a4-backs.png" not in files


def test_paper_a3_uses_the_a3_layout(plaat, tmp_path):
    options = Options(layouts=LAYOUTS, paper="A3", themes=("bestuur", "taken"))
    layout, stem = office_layout(options, "questions")
    assert stem == "cards-questions-a3" and layout.name == "cards-questions-a3"
    _, grid = office("questions", options)
    assert grid.per_sheet == 8 and grid.landscape
    result = PRODUCT.build(plaat, options)
    names = {a.name for a in result.artifacts}
    assert {"cards-questions-a3.pdf", "cards-themes-a3.pdf", "cards-questions-print.pdf"} <= names
    count = sum(len(t.questions) for t in plaat.themes if t.id in ("bestuur", "taken"))
    assert result.pages["cards-questions-a3.pdf"] == 2 * grid.sheets(count)


def test_paper_without_its_own_layout_overrides_the_sheet(tmp_path):
    folder = tmp_path / "layouts"
    folder.mkdir()
    for p in LAYOUTS.glob("*.yaml"):
        if "-a3" not in p.name:
            (folder / p.name).write_bytes(p.read_bytes())
    options = Options(layouts=folder, paper="A3")
    layout, stem = office_layout(options, "questions")
    assert stem == "cards-questions-a3" and layout.name == "cards-questions-a4"
    assert layout.sheet.paper == "A3"


def test_cli_reports_an_overlong_question_in_one_line(cli, content_copy, tmp_path):
    theme = content_copy / "themes" / "04-taken.md"
    text = theme.read_text(encoding="utf-8")
    long = "Hoe " + "werken gemeenten en de Omgevingsdienst samen aan vergunningverlening " * 14 + "?"
    lines = text.splitlines()
    index = next(i for i, ln in enumerate(lines) if ln.startswith("2. "))
    lines[index] = "2. " + long.strip()
    theme.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = cli("build", "cards", "--content", content_copy, "--out", tmp_path / "out", "--layouts", LAYOUTS)
    assert run.code == 1
    assert "question 2 of theme 'taken'" in run.err and "too tall" in run.err
    assert not (Path(tmp_path / "out") / "cards-questions-a4.pdf").exists()
