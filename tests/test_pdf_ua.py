"""Tagged PDF (PDF/UA-1): the handout, poster, diagram and both card PDFs pass the machine
checks in pdf_checks.ua_problems, and the handout's structure tree, read back from the file,
holds every heading, paragraph, list item, question and link in reading order."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest

from conftest import LAYOUTS
from generator.styles import load_style
from generator.render import render_pdf
from pdf_checks import structure, ua_problems


def squash(text: str) -> str:
    """Text compared without spaces, hyphens, soft breaks (line breaks drop the spaces; PDFium
    reads a hyphen at the end of a line as U+0002)."""
    return re.sub(r"[\s\u00ad\x02\-‐]", "", text)


@pytest.fixture(scope="module")
def handout(plaat):
    from generator.layout.handout_pages import handout_document

    layout = load_style(LAYOUTS, "handout")
    return render_pdf(handout_document(plaat, layout, load_style(LAYOUTS, "diagram")))


@pytest.fixture(scope="module")
def tree(handout):
    return structure(handout)


@pytest.fixture(scope="module")
def products(plaat):
    """Every tagged PDF of the default build, by file name."""
    from generator.products import Options, registry

    out = {}
    for name in ("diagram", "poster", "theme-posters", "cards"):
        result = registry()[name].build(plaat, Options(layouts=LAYOUTS, previews=False))
        out.update({a.name: a.data for a in result.artifacts if a.name.endswith(".pdf")})
    return out


def test_handout_passes_the_machine_checks(handout):
    assert ua_problems(handout) == []


@pytest.mark.parametrize("name", ["diagram.pdf", "poster-a0.pdf", "cards-questions-a4.pdf", "cards-themes-a4.pdf",
                                  "cards-questions-print.pdf"])
def test_products_pass_the_machine_checks(products, name):
    assert ua_problems(products[name]) == []


def test_every_theme_poster_passes_the_machine_checks(plaat, products):
    names = [f"theme-poster-{t.id}.pdf" for t in plaat.themes]
    assert all(name in products for name in names)
    for name in names:
        assert ua_problems(products[name]) == [], name


def test_overview_poster_passes_the_machine_checks(plaat):
    """The overview poster (each theme's question count, for content too large for one sheet)."""
    from generator.layout.poster import poster

    doc = poster(plaat, load_style(LAYOUTS, "poster"), overview=True).document
    assert ua_problems(render_pdf(doc)) == []


def test_theme_poster_structure(plaat, products):
    """Title, subtitle, the strip as a Figure naming the theme, the theme's heading, then its
    questions as a list in order."""
    theme = plaat.themes_by_level[0]
    document = structure(products[f"theme-poster-{theme.id}.pdf"]).kids[0]
    kinds = [n.kind for n in document.kids]
    assert kinds == ["H1", "P", "Figure", "H2", "L"]
    figure, listing = document.kids[2], document.kids[4]
    assert figure.alt.startswith(theme.name) and all(t.name in figure.alt for t in plaat.themes)
    assert [squash(li.kids[1].all_text()) for li in listing.kids] == [squash(q.text) for q in theme.questions]


def test_the_checker_finds_what_is_missing(handout):
    """The checks can fail: strip the tags' companions from a good file and they report it."""
    with pikepdf.open(io.BytesIO(handout)) as pdf:
        del pdf.Root.MarkInfo
        del pdf.Root.ViewerPreferences
        del pdf.Root.Lang
        pdf.pages[0].obj.Annots[0].Contents = pikepdf.String("")
        note = next(o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Note")
        del note.ID
        out = io.BytesIO()
        pdf.save(out)
    found = " ".join(ua_problems(out.getvalue()))
    for code in ("§7.1] MarkInfo", "07-001", "11-006", "28-012", "19-003"):
        assert code in found


def test_untagged_content_is_found(handout):
    """A page drawn without marked content is reported ([01-005])."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, invariant=1)
    c.rect(10, 10, 50, 50, fill=1)
    c.save()
    with pikepdf.open(io.BytesIO(handout)) as pdf, pikepdf.open(io.BytesIO(buffer.getvalue())) as plain:
        pdf.pages[0].Contents = pdf.make_stream(plain.pages[0].Contents.read_bytes())
        out = io.BytesIO()
        pdf.save(out)
    assert any("01-005" in p for p in ua_problems(out.getvalue()))


def test_handout_reading_order(plaat, tree):
    """Cover title (H1), the contents as a list of links, every section heading, paragraph and
    list item, every theme heading followed by its questions as a numbered list, in order."""
    from generator.model import Heading, ListBlock, Paragraph

    def span_text(spans):
        return "".join(s.text for s in spans) if not isinstance(spans, str) else spans

    document = tree.kids[0]
    assert document.kind == "Document"
    order = [(n.kind, squash(n.all_text())) for n in document.walk()
             if n.kind in ("H1", "H2", "H3", "P", "LBody", "Figure", "Note", "Link")]
    expected: list[tuple[str, str]] = [("H1", squash(plaat.meta.title))]
    for block in plaat.intro:
        kind = {Paragraph: "P", Heading: "H3"}.get(type(block))
        if kind:
            expected.append((kind, squash(span_text(block.spans))))
        elif isinstance(block, ListBlock):
            expected += [("LBody", squash(span_text(item))) for item in block.items]
    expected.append(("H2", squash(plaat.reflection.title)))
    for challenge in plaat.challenges:
        expected.append(("H3", squash(challenge.label + challenge.title)))
    expected.append(("H2", squash(plaat.labels.diagram)))
    for theme in plaat.themes_by_level:
        expected.append(("H2", squash(plaat.labels.theme + theme.name)))
        expected += [("LBody", squash(q.text)) for q in theme.questions]

    position = 0
    for kind, text in expected:  # each expected element, in this order, somewhere after the last
        found = next((i for i in range(position, len(order))
                      if order[i][0] == kind and order[i][1].startswith(text[:60])), None)
        assert found is not None, f"{kind} {text[:50]!r} not found after element {position}"
        position = found + 1


def test_questions_follow_their_theme_heading_in_lists(plaat, tree):
    document = tree.kids[0]
    kids = document.kids
    for theme in plaat.themes_by_level:
        heading = next(i for i, n in enumerate(kids) if n.kind == "H2" and
                       squash(n.all_text()) == squash(plaat.labels.theme + theme.name))
        listing = kids[heading + 1]
        assert listing.kind == "L"
        items = [li for li in listing.kids if li.kind == "LI"]
        assert [squash(li.kids[0].all_text()) for li in items] == [str(q.number) for q in theme.questions]
        assert [li.kids[0].kind for li in items] == ["Lbl"] * len(items)
        assert [squash(li.kids[1].all_text()) for li in items] == [squash(q.text) for q in theme.questions]


def test_diagram_is_a_figure_with_alt_text_from_the_content(plaat, tree):
    figures = [n for n in tree.walk() if n.kind == "Figure"]
    assert len(figures) == 1
    alt = figures[0].alt
    assert alt.startswith(plaat.labels.diagram_description)
    names = [t.name for t in plaat.themes_by_level]
    assert [alt.index(name) for name in names] == sorted(alt.index(name) for name in names)


def test_contents_and_footnote_links_are_tagged(plaat, tree):
    links = [n for n in tree.walk() if n.kind == "Link"]
    contents = [n for n in links if n.text]
    first = plaat.challenges[0]
    titles = [squash(plaat.intro_title), squash(plaat.reflection.title), squash(f"{first.label}: {first.title}")]
    for node, title in zip(contents[:3], titles):  # the entry's title, then its page number
        assert re.fullmatch(re.escape(title) + r"\d+", squash(node.text)), node.text
    assert all(len(n.annots) == 1 for n in links)
    notes = [n for n in tree.walk() if n.kind == "Note"]
    assert notes and all(any(k.kind == "Link" for k in n.kids) for n in notes)


def test_furniture_is_not_in_the_structure(plaat, tree):
    """Running heads and page numbers are artifacts: the page label never appears as text."""
    text = squash(tree.all_text())
    label = squash(plaat.labels.page.replace("{page}", "3").replace("{pages}", "12"))
    assert label not in text
    title = squash(plaat.meta.title)
    prose = list(plaat.intro) + list(plaat.reflection.before) + list(plaat.reflection.after)
    prose += [b for c in plaat.challenges for b in c.blocks]
    in_prose = sum(squash("".join(s.text for s in b.spans)).count(title) for b in prose if hasattr(b, "spans"))
    # the cover's H1 and the prose that names it; not the running title on every page
    assert text.count(title) == 1 + in_prose


def test_same_handout_same_bytes(plaat, handout):
    from generator.layout.handout_pages import handout_document

    layout = load_style(LAYOUTS, "handout")
    assert render_pdf(handout_document(plaat, layout, load_style(LAYOUTS, "diagram"))) == handout


def test_subset_tags_differ_per_face(handout):
    with pikepdf.open(io.BytesIO(handout)) as pdf:
        names = {str(f.BaseFont) for p in pdf.pages for f in p.obj.Resources.Font.values()}
    tags = {n[1:7] for n in names}
    assert len(tags) == len(names) >= 3


def _untagged_text(frame, roles=False, tag=""):
    """(tag, text) of the text lines that no non-artifact role covers, in a scene frame (the
    tag: the line's own, else the nearest group's)."""
    from generator import scene

    out = []
    for placed in frame.items:
        item = placed.item
        if isinstance(item, scene.Group):
            covered = roles or (item.role is not None and item.role.kind != scene.ARTIFACT_KIND)
            if item.role is not None and item.role.kind == scene.ARTIFACT_KIND:
                covered = False
            out += _untagged_text(item.frame, covered, item.tag or tag)
        elif isinstance(item, scene.TextLine) and item.text.strip() and not roles:
            out.append((item.tag or tag, item.text))
    return out


def test_only_furniture_is_left_untagged_in_the_scenes(plaat):
    """Every text line of the handout, the posters (overview and theme posters too) and the
    diagram has a role, except the handout's running heads and page numbers (a layout change that drops a role shows up here)."""
    from generator.layout.diagram import diagram_document
    from generator.layout.handout_pages import handout_document
    from generator.layout.poster import poster

    handout = handout_document(plaat, load_style(LAYOUTS, "handout"), load_style(LAYOUTS, "diagram"))
    untagged = {tag for page in handout.pages for tag, _text in _untagged_text(page.frame)}
    assert untagged == {"running-title", "running-section", "page-number"}
    from generator.layout.theme_poster import theme_posters

    posters = [p.document for p in theme_posters(plaat, load_style(LAYOUTS, "theme-poster"))]
    for doc in (poster(plaat, load_style(LAYOUTS, "poster")).document,
                poster(plaat, load_style(LAYOUTS, "poster"), overview=True).document,
                diagram_document(plaat, load_style(LAYOUTS, "diagram"))[0], *posters):
        assert [t for page in doc.pages for t in _untagged_text(page.frame)] == []


def test_poster_reading_order(plaat, products):
    """Title, introduction, the diagram, each theme's panel (heading and its questions), then
    the challenges and the credits."""
    document = structure(products["poster-a0.pdf"]).kids[0]
    kinds = [(n.kind, squash(n.all_text())) for n in document.kids]
    assert kinds[0] == ("H1", squash(plaat.meta.title))
    assert kinds[2] == ("H2", squash(plaat.intro_title))
    figure = [k for k, _t in kinds].index("Figure")
    names = {squash(th.label.replace("|", "")) for th in plaat.themes} | {squash(th.name) for th in plaat.themes}
    panels = [i for i, (k, t) in enumerate(kinds) if k == "H2" and t in names]
    assert len(panels) == len(plaat.themes) and figure < panels[0]
    for i in panels:
        assert kinds[i + 1][0] == "L"
    challenges = next(i for i, (k, t) in enumerate(kinds) if k == "H2" and t == squash(plaat.labels.challenges))
    assert challenges > panels[-1]
    assert kinds[-1][0] == "P" and squash(plaat.meta.credit) in kinds[-1][1]


def test_xmp_is_well_formed_and_agrees_with_info(handout):
    """pikepdf's XMP parser reads the packet; title, description and dates agree with Info."""
    with pikepdf.open(io.BytesIO(handout)) as pdf:
        info = pdf.docinfo
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            assert meta["pdfuaid:part"] == "1"
            assert meta["dc:title"] == str(info.Title)
            assert meta["dc:description"] == str(info.Subject)
            assert meta["xmp:CreateDate"].startswith("2000-01-01T00:00:00")
            assert meta["pdf:Producer"] == str(info.Producer)


def test_running_heads_and_page_numbers_are_pagination_artifacts(plaat, handout):
    from pdf_checks import marked_text

    shown = marked_text(handout)
    label = plaat.labels.page.replace("{page}", "5").replace("{pages}", str(max(p for p, *_ in shown)))
    found = [(tag, props) for page, text, tag, props in shown if page == 5 and text == label]
    assert found == [("Artifact", {"/Type": "/Pagination"})]
    pages = max(p for p, *_ in shown)
    heads = {page for page, text, tag, props in shown
             if text == plaat.meta.title and (tag, props) == ("Artifact", {"/Type": "/Pagination"})}
    assert heads == set(range(2, pages + 1))  # the running title on every page after the cover
