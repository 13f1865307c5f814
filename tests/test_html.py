"""The accessible HTML edition: valid HTML5, landmarks, every text, escaping, no scripts or
network, contrast, and axe-core in headless chromium (tests/a11y, `make a11y`)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import html5lib
import pytest

from conftest import A11Y, LAYOUTS, ROOT, browser_tools
from extract import assert_contains_all, normalise, pdf_text
from generator.color import contrast
from generator.model import ListBlock
from generator.products import Options
from generator.text.hyphenate import strip_hints



def build(plaat, layouts=LAYOUTS) -> bytes:
    from generator.products.html import PRODUCT

    (artifact,) = PRODUCT.build(plaat, Options(layouts=layouts)).artifacts
    assert artifact.name == "index.html"
    return artifact.data


def parse(data: bytes):
    """Strict HTML5 parse (raises on any parse error), as an ElementTree without namespaces."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(data)


def text_of(element) -> str:
    return "".join(element.itertext())


def prose_texts(blocks) -> list[str]:
    out = []
    for block in blocks:
        runs = block.items if isinstance(block, ListBlock) else (block.spans,)
        out += ["".join(s.text for s in spans) for spans in runs]  # footnote numbers as digits
    return out


@pytest.fixture(scope="module")
def page(plaat) -> bytes:
    return build(plaat)


@pytest.fixture(scope="module")
def tree(page):
    return parse(page)


def test_valid_html5_with_language_and_title(plaat, tree, page):
    assert page.startswith(b"<!DOCTYPE html>\n")
    assert tree.get("lang") == plaat.meta.language
    assert tree.find("head/meta[@charset]").get("charset") == "utf-8"
    assert text_of(tree.find("head/title")) == f"{plaat.meta.title}: {plaat.meta.subtitle}"


def test_landmarks_skip_link_and_headings(plaat, tree):
    body = tree.find("body")
    children = [c.tag for c in body]
    assert children == ["a", "header", "nav", "main", "footer"]
    skip = body[0]
    assert skip.get("href") == "#main" and text_of(skip) == plaat.labels.skip_to_content
    assert tree.find(".//main").get("id") == "main"
    assert [text_of(h) for h in tree.iter("h1")] == [plaat.meta.title]
    h2 = [text_of(h) for h in tree.iter("h2")]
    for expected in (plaat.labels.contents, plaat.intro_title, plaat.reflection.title, plaat.labels.diagram,
                     plaat.labels.footnotes):
        assert expected in h2
    for theme in plaat.themes:
        assert f"{plaat.labels.theme} {theme.name}" in h2
    # no heading level is skipped
    levels = [int(e.tag[1]) for e in tree.iter() if isinstance(e.tag, str) and re.fullmatch(r"h[1-6]", e.tag)]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))


def test_questions_are_ordered_lists_with_the_content_numbers(plaat, tree):
    sections = {s.get("id"): s for s in tree.iter("section")}
    for theme in plaat.themes:
        section = sections[f"theme-{theme.id}"]
        (ol,) = section.findall("ol")
        items = ol.findall("li")
        assert [int(li.get("value")) for li in items] == [q.number for q in theme.questions]
        assert [text_of(li) for li in items] == [strip_hints(q.text) for q in theme.questions]
    order = [s.get("id") for s in tree.iter("section") if s.get("class") == "theme"]
    assert order == [f"theme-{t.id}" for t in plaat.themes_by_level]


def test_every_paragraph_and_challenge_is_in_the_page(plaat, tree):
    main = text_of(tree.find(".//main"))
    ref = plaat.reflection
    needles = prose_texts(plaat.intro) + prose_texts(ref.before) + prose_texts(ref.after) + [ref.subtitle]
    for challenge in ref.challenges:
        needles += [challenge.label, challenge.title] + prose_texts(challenge.blocks)
        section = next(s for s in tree.iter("section") if s.get("id") == f"challenge-{challenge.number}")
        assert_contains_all(text_of(section), prose_texts(challenge.blocks))
    needles += ["".join(s.text for s in n.spans) for n in plaat.footnotes]
    assert_contains_all(main, needles)
    footer = text_of(tree.find("body/footer"))
    assert_contains_all(footer, [plaat.meta.credit, plaat.meta.publisher])


def test_diagram_is_inline_svg_with_a_text_alternative_in_gradient_order(plaat, tree):
    figure = tree.find(".//section[@id='diagram']/figure")
    svg = figure.find("{http://www.w3.org/2000/svg}svg")
    assert svg is not None and svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "diagram-caption"
    assert svg.get("viewBox")
    caption = figure.find("figcaption")
    assert caption.get("id") == "diagram-caption"
    assert normalise(plaat.labels.diagram_description) in normalise(text_of(caption))
    names = [text_of(li) for li in caption.find("ol").findall("li")]
    assert names == [t.name for t in plaat.themes_by_level]
    svg_text = normalise(text_of(svg))
    assert all(normalise(strip_hints(t.label)) in svg_text for t in plaat.themes)


def test_self_contained_without_scripts(tree, page):
    assert b"<script" not in page.lower()
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in ("script", "iframe", "object", "embed", "link", "img")
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert "javascript:" not in value.lower()
            if name == "src":
                pytest.fail(f"<{element.tag}> loads {value[:60]}")
            if name in ("href", "{http://www.w3.org/1999/xlink}href") and element.tag != "a":
                assert value.startswith(("#", "data:")), value[:60]
    css = "".join(text_of(s) for s in tree.iter("style"))
    assert "@import" not in css
    assert all(url.startswith(("data:", "#")) for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css))


def test_links_and_ids(plaat, tree):
    ids = [e.get("id") for e in tree.iter() if isinstance(e.tag, str) and e.get("id")]
    assert len(ids) == len(set(ids))
    for a in tree.iter("a"):
        href = a.get("href")
        assert href.startswith(("#", "https://", "http://", "mailto:")), href
        if href.startswith("#"):
            assert href[1:] in ids, href
    (note,) = plaat.footnotes
    refs = [a for a in tree.iter("a") if a.get("href") == f"#fn{note.number}"]
    assert len(refs) == 2 and refs[0].get("id") == f"fnref{note.number}" and refs[1].get("id") is None
    url = next(s.href for s in note.spans if s.href)
    assert any(a.get("href") == url for a in tree.find(f".//li[@id='fn{note.number}']").iter("a"))


def test_text_colours_meet_aa(plaat):
    from generator.products.html import page_context
    from generator.styles import load_style

    context = page_context(plaat, load_style(LAYOUTS, "html"), load_style(LAYOUTS, "diagram"),
                           plaat.themes_by_level)
    palette = context["palette"]
    for name in ("text", "muted", "link", "accent"):
        colour = context["accent"] if name == "accent" else getattr(palette, name)
        assert contrast(colour, palette.paper) >= 4.5, name
    for colour in (palette.text, palette.link):
        assert contrast(colour, context["accent_tint"]) >= 4.5
    assert contrast(context["accent"], context["accent_tint"]) >= 4.5
    for theme in context["themes"]:
        assert contrast(theme.ink, theme.colour) >= 4.5
        assert contrast(theme.number, palette.paper) >= 4.5


def test_markup_in_content_shows_literally(content_copy):
    from generator.loader import load

    intro = content_copy / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8").replace(
        "Gemeenten en Omgevingsdiensten lijken",
        'Zie \\<script>alert("x & y")\\</script> en <b>vet</b> & \'quotes\'. Gemeenten en Omgevingsdiensten lijken'),
        encoding="utf-8")
    theme = sorted((content_copy / "themes").glob("*.md"))[0]
    theme.write_text(re.sub(r"(?m)^1\. ", '1. Is <script>alert("q")</script> & "ok"? ',
                            theme.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    plaat = load(content_copy)
    question = plaat.themes[0].questions[0].text
    paragraph = "".join(s.text for s in plaat.intro[1].spans)
    assert "<script>" in question and '<script>alert("x & y")</script> en <b>vet</b>' in paragraph
    data = build(plaat)
    tree = parse(data)
    assert not list(tree.iter("script")) and not list(tree.iter("b"))
    texts = [text_of(p) for p in tree.iter("p")] + [text_of(li) for li in tree.iter("li")]
    assert paragraph in texts
    assert question in texts
    assert b"&lt;script&gt;" in data


# --- in a real browser ------------------------------------------------------------------------

BAD_PAGE = """<!DOCTYPE html><html><head><title>bad</title>
<link rel="stylesheet" href="https://example.invalid/style.css"></head>
<body><main><p style="color:#bbbbbb">too light</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>"""


@pytest.fixture(scope="module")
def browser_run(page, tmp_path_factory):
    """axe-core in headless chromium on the page and on a page with known faults; the page
    printed to PDF (print media)."""
    node = browser_tools()
    folder = tmp_path_factory.mktemp("a11y")
    good, bad, printed = folder / "index.html", folder / "bad.html", folder / "print.pdf"
    good.write_bytes(page)
    bad.write_text(BAD_PAGE, encoding="utf-8")
    run = subprocess.run([node, str(A11Y / "run_axe.js"), "--json", "--pdf", str(printed), str(good), str(bad)],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode in (0, 1), run.stderr
    reports = {Path(r["file"]).name: r for r in json.loads(run.stdout)}
    return run.returncode, reports, printed.read_bytes()


def test_axe_finds_no_wcag_21_aa_violations(browser_run):
    code, reports, _ = browser_run
    report = reports["index.html"]
    assert report["violations"] == [], json.dumps(report["violations"], indent=1)[:3000]
    assert report["passes"] >= 15
    assert report["requests"] == [] and report["scripts"] == 0


def test_axe_check_catches_faults(browser_run):
    code, reports, _ = browser_run
    bad = reports["bad.html"]
    assert {"color-contrast", "image-alt", "html-has-lang"} <= {v["id"] for v in bad["violations"]}
    assert set(bad["requests"]) == {"https://example.invalid/style.css"}
    assert code == 1


def test_print_starts_each_theme_on_a_new_page_without_navigation(plaat, browser_run):
    _, _, printed = browser_run
    pages = pdf_text(printed)
    starts = []
    for theme in plaat.themes_by_level:
        heading = normalise(f"{plaat.labels.theme}{theme.name}")
        found = [i for i, text in enumerate(pages) if normalise(text).startswith(heading)]
        assert found, f"{theme.name} does not start a printed page"
        starts.append(found[0])
    assert starts == sorted(set(starts))
    everything = normalise("".join(pages))
    assert normalise(plaat.labels.skip_to_content) not in everything
    assert everything.count(normalise(plaat.reflection.challenges[-1].title)) == 1  # not in a printed contents
