"""Property tests: generated content folders either build with every text in every product,
or fail with one-line `file:line: message` errors and exit 1 — never a traceback, never a hang.

Example counts are for the "ci" profile (derandomised); `make fuzz` runs 40 times as many
with random seeds (see tests/strategies.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import replace
from pathlib import Path

from hypothesis import event, given, note
from hypothesis import strategies as st

from extract import normalise, pdf_text, pdf_text_checked, svg_text
from strategies import Raw, assert_clean_failure, contents, expected, fuzz_settings, wild_texts, write_content

ROOT = Path(__file__).resolve().parent.parent
# --- the loader gives back every text exactly ------------------------------------------------------


def plain_blocks(blocks) -> list[str]:
    from generator.model import ListBlock, plain

    texts = []
    for block in blocks:
        if isinstance(block, ListBlock):
            texts += [plain(item) for item in block.items]
        else:
            texts.append(plain(block.spans))
    return texts


@fuzz_settings(40)
@given(contents())
def test_loader_returns_every_text_exactly(content):
    from generator.loader import load

    with tempfile.TemporaryDirectory() as tmp:
        plaat = load(write_content(content, Path(tmp) / "content"))
    meta = plaat.meta
    assert (meta.title, meta.subtitle, meta.publisher, meta.credit) == tuple(
        expected(t) for t in (content.title, content.subtitle, content.publisher, content.credit))
    assert [(a.name, a.affiliation) for a in meta.authors] == [(expected(n), expected(a)) for n, a in content.authors]
    assert vars(plaat.labels) == {k: expected(v) for k, v in content.labels.items()}
    assert plaat.intro_title == expected(content.intro_title)
    assert plain_blocks(plaat.intro) == [expected(t) for t in content.intro + content.steps]
    reflection = plaat.reflection
    assert reflection.title == expected(content.reflection_title)
    assert plain_blocks(reflection.before) == [expected(t) for t in content.before]
    assert [(c.label, c.title, plain_blocks(c.blocks)) for c in reflection.challenges] == [
        (expected(c.label), expected(c.title), [expected(p) for p in c.paragraphs]) for c in content.challenges]
    assert plain_blocks(reflection.after) == [expected(t) for t in content.after]
    assert [(t.id, t.name, t.level, t.colour) for t in plaat.themes] == [
        (t.id, expected(t.name), t.level, t.colour.lower() if t.colour else None) for t in content.themes]
    assert [q.text for t in plaat.themes for q in t.questions] == content.questions
    levels = [t.level for t in plaat.themes_by_level]
    assert levels == sorted(levels)


# --- anything anywhere: loaded, or clean errors ------------------------------------------------------

SLOTS = ("question", "name", "id", "title", "label", "intro", "level", "colour")


@st.composite
def wild_contents(draw):
    """A valid content with one slot replaced by any text at all, escaped and quoted or not."""
    content = draw(contents(max_themes=3, max_questions=3, max_words=8))
    wild = draw(wild_texts())
    if draw(st.booleans()):
        wild = Raw(wild)  # as written: Markdown and YAML syntax included
    slot = draw(st.sampled_from(SLOTS))
    theme = content.themes[0]
    if slot == "question":
        theme = replace(theme, questions=(wild,) + theme.questions[1:])
    elif slot == "name":
        theme = replace(theme, name=wild)
    elif slot == "id":
        theme = replace(theme, id=wild)
    elif slot == "level":
        theme = replace(theme, level=wild)
    elif slot == "colour":
        theme = replace(theme, colour=wild)
    elif slot == "title":
        content = replace(content, title=wild)
    elif slot == "label":
        content = replace(content, labels={**content.labels, "page": wild})
    else:
        content = replace(content, intro=(wild,))
    note(f"{slot}: {wild!r}")
    return replace(content, themes=(theme,) + content.themes[1:])


@fuzz_settings(60)
@given(wild_contents())
def test_any_text_anywhere_is_loaded_or_reported_in_one_line(cli, content):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_content(content, Path(tmp) / "content")
        result = cli("check", folder)
    event(f"check exit {result.code}")
    if result.code != 0:
        assert_clean_failure(result.code, result.out, result.err)
    else:
        assert "Traceback" not in result.err and not result.err.strip(), result.err


# --- every product holds every text --------------------------------------------------------------


def product_files(out: Path) -> dict[str, list[str]]:
    """Files per product, from the build report."""
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    return {name: sorted(entry["files"]) for name, entry in report["products"].items()}


def html_text(data: bytes) -> str:
    """The text of an HTML document as a reader gets it (html5lib → ElementTree)."""
    import html5lib

    root = html5lib.parse(data, namespaceHTMLElements=False)
    for bad in list(root.iter("script")) + list(root.iter("style")):
        bad.text = ""
    return " ".join(root.itertext())


def printable(text: str, fonts) -> str:
    """`text` without the characters the fonts lack (those are warned about, not printed)."""
    return "".join(c for c in text if all(f.has(c) for f in fonts))


def fold(text: str) -> str:
    """For comparing PDF text: a trema dropped at a hyphenation point ("pati-enten") and
    characters pypdf splits differently (ligatures, combining marks) do not count, nor do
    invisible ones (PDFium gives a glyph the font lacks as U+0000, a line-end hyphen as U+FFFE)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return normalise("".join(c for c in decomposed if not unicodedata.combining(c)
                             and unicodedata.category(c) not in ("Cc", "Cf", "Cn")))


def assert_holds(haystack: str, needles: list[str], where: str) -> None:
    """Every needle, as printed (break hints '|' removed, see `lint`), is in the haystack."""
    from generator.text.hyphenate import strip_hints

    hay = fold(haystack)
    missing = [fold(strip_hints(n)) for n in needles if fold(strip_hints(n)) not in hay]
    assert not missing, f"{where}: {len(missing)} texts missing: " + "; ".join(_near(m, hay) for m in missing[:3])


def _near(needle: str, hay: str) -> str:
    """The needle, and what the haystack has where its longest found beginning ends."""
    size = next(k for k in range(len(needle), -1, -1) if needle[:k] in hay)
    at = hay.find(needle[:size]) + size
    return f"{needle!r}: found up to {needle[:size][-20:]!r}, then {hay[at:at + 30]!r}"


def expected_in(product: str, content) -> list[str]:
    """What a product must print: the diagram shows the themes, every other product the questions."""
    return content.names if product == "diagram" else content.names + content.questions


def pdf_holds(data: bytes, needles: list[str], name: str) -> None:
    """The PDF (read by pypdf and PDFium) holds every needle. PDFium's text is fast but ordered
    by position, so a text broken over lines may come back interleaved with a neighbour's
    lines; then pypdf's text, in the order drawn, decides."""
    try:
        assert_holds("\n".join(pdf_text_checked(data)), needles, name)
    except AssertionError:
        assert_holds("\n".join(pdf_text(data)), needles, name)


def check_products(out: Path, content) -> None:
    from generator.text.fonts import metrics

    fonts = [metrics(n) for n in ("SourceSansPro-Regular", "SourceSansPro-Bold")]
    for product, files in product_files(out).items():
        needles = expected_in(product, content)
        if product == "theme-posters":   # one theme per poster: together they hold every question
            joined = "\n".join("\n".join(pdf_text((out / n).read_bytes())) for n in files if n.endswith(".pdf"))
            assert_holds(joined, [printable(n, fonts) for n in needles], product)
            continue
        for name in files:
            data = (out / name).read_bytes()
            suffix = Path(name).suffix
            if suffix == ".pdf":
                pdf_holds(data, [printable(n, fonts) for n in needles], name)
            elif suffix in (".html", ".htm"):
                assert_holds(html_text(data), needles, name)
            elif suffix == ".svg":
                assert_holds(svg_text(data), needles, name)  # and: well-formed, nothing external


@fuzz_settings(6, slow=True)
@given(contents(max_themes=8, max_questions=8, max_words=30))
def test_every_product_holds_every_question_or_fails_cleanly(cli, content):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_content(content, Path(tmp) / "content")
        out = Path(tmp) / "out"
        result = cli("build", "--content", folder, "--out", out)
        event(f"build exit {result.code}")
        if result.code != 0:
            errors = assert_clean_failure(result.code, result.out, result.err)
            note(f"errors: {errors}")
            assert all("Error" not in e.split(":", 1)[0] for e in errors)
            return
        assert "Traceback" not in result.err
        check_products(out, content)
        assert_warned(result.err, content)


def assert_warned(err: str, content) -> None:
    """Each question with a character the font lacks has its warning: never a silent box."""
    from generator.text.fonts import metrics

    regular = metrics("SourceSansPro-Regular")
    for index, theme in enumerate(content.themes, start=1):
        for number, question in enumerate(theme.questions, start=1):
            if not regular.has(expected(question)):
                line = number + (6 if theme.colour else 5)  # after the front matter
                where = f"themes/{index:02d}-theme.md:{line}: question {number}: the font"
                assert where in err, f"no warning {where!r} for {question!r}"


# --- a real process, with a timeout: never a hang ---------------------------------------------------


@fuzz_settings(2, slow=True)
@given(wild_contents())
def test_a_real_process_answers_in_time(content):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_content(content, Path(tmp) / "content")
        run = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(folder),
                              "--out", str(Path(tmp) / "out")], capture_output=True, text=True,
                             timeout=120, cwd=ROOT)
    if run.returncode != 0:
        assert_clean_failure(run.returncode, run.stdout, run.stderr)
    else:
        assert "Traceback" not in run.stderr
