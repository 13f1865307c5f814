"""The A4 handout: every text extractable, outline and metadata, footnotes, pages, geometry."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest

from conftest import LAYOUTS
from extract import assert_contains_all, normalise, pdf_text
from generator import scene
from generator.color import contrast
from generator.layout.handout import challenge_title
from generator.layout.handout_pages import handout_document
from generator.styles import load_style
from generator.model import ListBlock
from generator.products import Options
from generator.units import mm

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def squash(text: str) -> str:
    """Text as compared here: no footnote superscripts, no tremas (dropped at hyphenation)."""
    text = unicodedata.normalize("NFD", text).replace("\u0308", "")
    return unicodedata.normalize("NFC", text.translate({ord(c): None for c in SUPERSCRIPTS}))


def prose_texts(blocks) -> list[str]:
    """Every paragraph, heading and list item, without footnote reference digits."""
    out = []
    for block in blocks:
        runs = block.items if isinstance(block, ListBlock) else (block.spans,)
        for spans in runs:
            out.append("".join(s.text for s in spans if s.footnote is None))
    return out


def build(plaat, layouts=LAYOUTS):
    from generator.products.handout import PRODUCT

    return PRODUCT.build(plaat, Options(layouts=layouts))


@pytest.fixture(scope="module")
def result(plaat):
    return build(plaat)


@pytest.fixture(scope="module")
def pdf(result) -> bytes:
    return next(a.data for a in result.artifacts if a.name == "handout.pdf")


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    return pdf_text(pdf)


@pytest.fixture(scope="module")
def reader(pdf):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def doc(plaat):
    return handout_document(plaat, load_style(LAYOUTS, "handout"), load_style(LAYOUTS, "diagram"))


def test_every_question_challenge_and_paragraph_is_in_the_pdf(plaat, pages):
    text = squash("\n".join(pages))
    ref = plaat.reflection
    needles = prose_texts(plaat.intro) + prose_texts(ref.before) + prose_texts(ref.after)
    for challenge in ref.challenges:
        needles += [challenge.label, challenge.title] + prose_texts(challenge.blocks)
    needles += [q.text for t in plaat.themes for q in t.questions]
    needles += [t.name for t in plaat.themes]
    needles += ["".join(s.text for s in note.spans) for note in plaat.footnotes]
    needles += [plaat.intro_title, ref.title, ref.subtitle, plaat.meta.title, plaat.meta.subtitle,
                plaat.meta.credit, plaat.meta.publisher, plaat.labels.notes, plaat.labels.contents]
    assert len(needles) > 90
    assert_contains_all(text, [squash(n) for n in needles])


def test_themes_by_level_each_from_a_new_page_with_numbered_questions_and_notes(plaat, pages, doc):
    starts = {e.title: e.page for e in doc.outline if e.level == 0}
    order = [starts[t.name] for t in plaat.themes_by_level]
    assert order == sorted(order) and len(set(order)) == len(order)
    for theme in plaat.themes_by_level:
        first = starts[theme.name]
        after = [p for p in order if p > first]
        text = squash("\n".join(pages[first:after[0] if after else len(pages)]))
        assert normalise(theme.name) in normalise(text)
        # each question preceded by its number, in order
        positions = []
        flat = normalise(text)
        for q in theme.questions:
            at = flat.find(normalise(f"{q.number}{squash(q.text)}"))
            assert at >= 0, f"{theme.id} question {q.number} not found with its number"
            positions.append(at)
        assert positions == sorted(positions)
        assert normalise(plaat.labels.notes) in flat


def test_outline_has_every_section_and_the_challenges_under_the_reflection(plaat, reader):
    def entries(outline, depth=0):
        for item in outline:
            if isinstance(item, list):
                yield from entries(item, depth + 1)
            else:
                yield item.title, depth, reader.get_destination_page_number(item)

    found = list(entries(reader.outline))
    ref = plaat.reflection
    expected = [(plaat.intro_title, 0), (ref.title, 0)]
    expected += [(challenge_title(c), 1) for c in ref.challenges]
    expected += [(plaat.labels.diagram, 0)] + [(t.name, 0) for t in plaat.themes_by_level]
    assert [(title, depth) for title, depth, _ in found] == expected
    numbers = [page for _, _, page in found]
    assert numbers == sorted(numbers) and numbers[0] == 1  # the cover is page 0


def test_metadata_and_language_come_from_the_content(plaat, reader):
    info = reader.metadata
    assert info.title == f"{plaat.meta.title}: {plaat.meta.subtitle}"
    assert info.author == ", ".join(a.name for a in plaat.meta.authors)
    assert info["/Keywords"] == ", ".join(plaat.meta.keywords)
    assert info.subject
    assert reader.trailer["/Root"]["/Lang"] == plaat.meta.language


def test_running_footer_numbers_every_page_but_the_cover(plaat, pages):
    total = len(pages)
    assert total >= 2 + len(plaat.themes)
    template = plaat.labels.page
    for number, text in enumerate(pages, 1):
        label = template.replace("{page}", str(number)).replace("{pages}", str(total))
        assert (normalise(label) in normalise(text)) == (number > 1), number
    assert "{" not in "".join(pages[1:])


def test_cover_lists_the_contents_with_page_numbers(plaat, pages, doc):
    cover = pages[0]
    for entry in doc.outline:
        line = next((ln for ln in cover.splitlines() if normalise(entry.title)[:20] in normalise(ln)), None)
        assert line is not None, entry.title
    numbers = [int(n) for n in re.findall(r"(?m)\s(\d+)$", cover)]
    assert numbers == [e.page + 1 for e in doc.outline]


def test_each_contents_line_links_to_its_page(reader, doc):
    """Clicking a contents line on the cover jumps to the page its number names, at its heading."""
    page_of = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    links = [a.get_object() for a in reader.pages[0].get("/Annots", []) if a.get_object()["/Subtype"] == "/Link"]
    internal = sorted((link for link in links if "/Dest" in link), key=lambda link: -float(link["/Rect"][3]))
    assert len(internal) == len(doc.outline)
    for link, entry in zip(internal, doc.outline):  # top to bottom, in contents order
        target, fit, _left, top = link["/Dest"][:4]
        assert page_of[target.idnum] == entry.page and fit == "/XYZ"
        media_top = float(reader.pages[entry.page].mediabox.top)
        assert abs(float(top) - (media_top - entry.y)) < 0.01  # the heading's top


def test_footnote_is_on_the_page_of_its_reference_and_its_link_is_clickable(plaat, pages, reader):
    (note,) = plaat.footnotes
    url = next(s.href for s in note.spans if s.href)
    referring = [i for i, text in enumerate(pages) if "¹" in text]
    assert referring, "no footnote reference printed"
    for index in referring:
        assert normalise(url) in normalise(pages[index])
        uris = [a.get_object()["/A"]["/URI"] for a in reader.pages[index].get("/Annots", [])
                if a.get_object()["/Subtype"] == "/Link"]
        assert url in uris
    others = [i for i in range(len(pages)) if i not in referring]
    assert all(normalise(url) not in normalise(pages[i]) for i in others)


def _lines(frame, x=0.0, y=0.0, inside=()):
    """(x, y, TextLine, tags of enclosing groups) for every text line."""
    for placed in frame.items:
        ax, ay = x + placed.x, y + placed.y
        item = placed.item
        if isinstance(item, scene.Group):
            yield from _lines(item.frame, ax, ay, inside + (item.tag,))
        elif isinstance(item, scene.TextLine):
            yield ax, ay, item, inside


def test_all_text_stays_inside_the_margins(doc):
    layout = load_style(LAYOUTS, "handout")
    left, right, top, bottom = layout.margin.left, layout.margin.right, layout.margin.top, layout.margin.bottom
    for number, page in enumerate(doc.pages, 1):
        w, h = page.frame.width, page.frame.height
        for x, y, line, tags in _lines(page.frame):
            assert left - 0.01 <= x and x + line.width <= w - right + 0.01, (number, line.text)
            if "body" in tags:
                assert top <= y <= h - bottom, (number, line.text)
            else:
                assert mm(8) <= y <= h - mm(8), (number, line.text)


def test_text_contrast_is_at_least_4_5(doc):
    def backgrounds(frame, x=0.0, y=0.0):
        for placed in frame.items:
            ax, ay = x + placed.x, y + placed.y
            if isinstance(placed.item, scene.Group):
                yield from backgrounds(placed.item.frame, ax, ay)
            elif isinstance(placed.item, scene.Rect) and isinstance(placed.item.fill, str):
                yield ax, ay, placed.item

    checked = 0
    for page in doc.pages:
        rects = list(backgrounds(page.frame))
        for x, y, line, tags in _lines(page.frame):
            if "diagram" in tags:
                continue  # the diagram's own tests check the names on their bubbles
            under = [r for rx, ry, r in rects if rx <= x <= rx + r.width and ry <= y <= ry + r.height]
            paper = under[-1].fill if under else "#ffffff"
            for run in line.runs:
                assert contrast(run.color, paper) >= 4.5, (line.text, run.color, paper)
                checked += 1
    assert checked > 300


def test_diagram_is_on_its_own_page_with_every_theme(plaat, doc):
    (entry,) = [e for e in doc.outline if e.title == plaat.labels.diagram]
    page = doc.pages[entry.page]
    tags = {item.tag for _, _, item in scene.walk(page.frame) if isinstance(item, scene.Circle)}
    assert {f"bubble:{t.id}" for t in plaat.themes} <= tags


def test_previews_of_the_first_two_pages(result):
    from PIL import Image

    names = [a.name for a in result.artifacts]
    assert names == ["handout.pdf", "previews/handout-1.png", "previews/handout-2.png"]
    for artifact in result.artifacts[1:]:
        image = Image.open(io.BytesIO(artifact.data))
        assert image.format == "PNG"
        assert image.height / image.width == pytest.approx(297 / 210, abs=0.01)
    assert result.artifacts[1].data != result.artifacts[2].data
    assert result.pages["handout.pdf"] >= 8


def test_markup_in_content_is_printed_literally(content_copy):
    from generator.loader import load

    intro = content_copy / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8").replace(
        "Gemeenten en Omgevingsdiensten lijken",
        'Zie \\<script>alert("x & y")\\</script> en <b>vet</b> & \'quotes\'. Gemeenten en Omgevingsdiensten lijken'),
        encoding="utf-8")
    theme = sorted((content_copy / "themes").glob("*.md"))[0]
    text = theme.read_text(encoding="utf-8")
    theme.write_text(re.sub(r"(?m)^1\. ", '1. Is <script>alert("q")</script> & "ok"? ', text, count=1),
                     encoding="utf-8")
    plaat = load(content_copy)
    question = plaat.themes[0].questions[0].text
    assert question.startswith('Is <script>alert("q")</script> & "ok"?')
    paragraph = "".join(s.text for s in plaat.intro[1].spans)
    assert '<script>alert("x & y")</script> en <b>vet</b>' in paragraph
    pages = build(plaat).artifacts[0].data
    assert_contains_all("\n".join(pdf_text(pages)), [squash(question), squash(paragraph)])


def _with_themes(plaat, count: int, questions: int):
    """The default content with `count` themes of `questions` questions each (names and
    questions taken round-robin from the default themes, levels spread, one tie)."""
    from dataclasses import replace as swap

    from generator.model import Question

    pool = [q for t in plaat.themes for q in t.questions]
    themes = []
    for k in range(count):
        base = plaat.themes[k % len(plaat.themes)]
        qs = tuple(Question(n + 1, pool[(k * questions + n) % len(pool)].text, base.source)
                   for n in range(questions))
        themes.append(swap(base, id=f"t{k}", name=f"{base.name} {k + 1}", label=f"{base.name} {k + 1}",
                           level=float(min(k, count - 2)), colour=None, questions=qs, index=k))
    return swap(plaat, themes=tuple(themes))


def _text_boxes(frame):
    """(x0, y0, x1, y1, text) of every text line: from a little above the largest run's
    x-height to its descender."""
    for x, y, line, _ in _lines(frame):
        size = max((r.size for r in line.runs), default=0)
        if line.text.strip():
            yield x, y - 0.72 * size, x + line.width, y + 0.22 * size, line.text


@pytest.mark.parametrize(("count", "questions"), [(3, 2), (14, 10)])
def test_no_two_text_lines_overlap_on_any_page_whatever_the_counts(plaat, count, questions):
    document = handout_document(_with_themes(plaat, count, questions), load_style(LAYOUTS, "handout"),
                                load_style(LAYOUTS, "diagram"))
    for number, page in enumerate(document.pages, 1):
        boxes = sorted(_text_boxes(page.frame), key=lambda b: b[1])
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                if b[1] >= a[3]:
                    break
                assert not (a[0] < b[2] and b[0] < a[2]), (number, a[4], b[4])
    cover_texts = [line.text for page in document.pages[:2] for _, _, line, _ in _lines(page.frame)]
    assert any(plaat.meta.publisher in t for t in cover_texts) and len(document.pages) > count
