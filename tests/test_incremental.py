"""Incremental builds: only what changed is rebuilt, a second build writes nothing, a failed
build leaves the earlier outputs alone.

Most tests use three small stand-in products (so the expected skips are exact); the last ones
build the real products from a copy of the default content.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import generator.build as build_module
from generator.build import REPORT_FILE, build
from generator.errors import ContentError, LayoutError, PraatplaatError
from generator.products import Artifact, Options, Product, Result, registry
from generator.state import STATE_FILE, fingerprint

from conftest import LAYOUTS

THEME = "themes/01-bestuur.md"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- stand-in products --------------------------------------------------------------------------


def _names(plaat, options) -> Result:
    """Like the diagram: reads theme names and levels only."""
    text = "\n".join(f"{t.level:g} {t.name}" for t in plaat.themes_by_level)
    return Result((Artifact("names.txt", text.encode()),), ("names are short",), {"names.txt": 1})


def _questions(plaat, options) -> Result:
    """Like the cards: every question; fails on a question containing TOO-LONG."""
    lines = [q.text for t in plaat.themes for q in t.questions]
    if any("TOO-LONG" in line for line in lines):
        raise LayoutError("a question does not fit its card by 12 pt")
    return Result((Artifact("deck/questions.txt", "\n".join(lines).encode()),
                   Artifact("deck/count.txt", str(len(lines)).encode())))


def _title(plaat, options) -> Result:
    """Reads only the title, and the 'cards' layout."""
    return Result((Artifact("title.txt", plaat.meta.title.encode()),))


STANDINS = {
    "names": Product("names", "theme names", ("base",), _names,
                     key=lambda p, o: fingerprint([(t.name, t.level) for t in p.themes])),
    "questions": Product("questions", "all questions", (), _questions),
    "title": Product("title", "the title", ("probe",), _title, key=lambda p, o: fingerprint(p.meta.title)),
}


@pytest.fixture
def standins(monkeypatch):
    monkeypatch.setattr(build_module, "registry", lambda: dict(STANDINS))
    return STANDINS


@pytest.fixture
def layouts(tmp_path: Path) -> Path:
    """A copy of layouts/ plus a 'probe' layout only the 'title' stand-in reads."""
    folder = tmp_path / "layouts"
    shutil.copytree(LAYOUTS, folder)
    (folder / "probe.yaml").write_text("extends: base\n# a comment\nhyphenation:\n  min_left: 3\n", encoding="utf-8")
    return folder


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def run(content: Path, out: Path, layouts: Path, **kw):
    return build(content, out, (), Options(layouts=layouts), **{"jobs": 1, **kw})


# --- stand-ins ----------------------------------------------------------------------------------


def test_first_build_writes_everything_and_second_writes_nothing(standins, content_copy, layouts, tmp_path):
    out = tmp_path / "out"
    first = run(content_copy, out, layouts)
    assert set(first.built) == set(STANDINS)
    assert set(first.written) == {"names.txt", "deck/questions.txt", "deck/count.txt", "title.txt"}
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.rglob("*") if p.is_file()}
    second = run(content_copy, out, layouts)
    assert second.written == () and second.built == ()
    assert set(second.skipped) == set(STANDINS)
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.rglob("*") if p.is_file()} == before


def test_second_build_does_not_even_load_the_content(standins, content_copy, layouts, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(content_copy, out, layouts)
    import generator.loader

    def refuse(_):
        raise AssertionError("content loaded although nothing changed")

    monkeypatch.setattr(generator.loader, "load", refuse)
    assert run(content_copy, out, layouts).skipped


def test_editing_a_question_rebuilds_only_the_products_that_read_questions(standins, content_copy, layouts, tmp_path):
    out = tmp_path / "out"
    run(content_copy, out, layouts)
    names = (out / "names.txt").read_bytes()
    replace(content_copy / THEME, "Bestaat er naar uw mening", "Bestaat er volgens u")
    report = run(content_copy, out, layouts)
    assert report.built == ("questions",)
    assert set(report.skipped) == {"names", "title"}
    assert report.written == ("deck/questions.txt",)  # count.txt rebuilt with the same bytes
    assert report.unchanged == ("deck/count.txt",)
    assert b"Bestaat er volgens u" in (out / "deck/questions.txt").read_bytes()
    assert (out / "names.txt").read_bytes() == names


def test_renaming_a_theme_rebuilds_the_products_that_show_names(standins, content_copy, layouts, tmp_path):
    out = tmp_path / "out"
    run(content_copy, out, layouts)
    replace(content_copy / THEME, "name: Bestuur", "name: Besturen")
    report = run(content_copy, out, layouts)
    assert set(report.built) == {"names", "questions"}  # 'questions' reads the whole model
    assert report.skipped == ("title",)
    assert b"Besturen" in (out / "names.txt").read_bytes()


def test_a_whitespace_edit_that_leaves_the_model_alone_rebuilds_nothing(standins, content_copy, layouts, tmp_path):
    out = tmp_path / "out"
    run(content_copy, out, layouts)
    text = (content_copy / THEME).read_text(encoding="utf-8")
    (content_copy / THEME).write_text(text.rstrip("\n") + "\n\n\n", encoding="utf-8")
    report = run(content_copy, out, layouts)
    assert report.built == () and report.written == ()


def test_a_layout_edit_rebuilds_only_the_products_that_read_that_layout(standins, content_copy, layouts, tmp_path):
    out = tmp_path / "out"
    run(content_copy, out, layouts)
    replace(layouts / "probe.yaml", "min_left: 3", "min_left: 4")
    assert run(content_copy, out, layouts).built == ("title",)
    replace(layouts / "probe.yaml", "# a comment", "# another comment")
    assert run(content_copy, out, layouts).built == ()  # comments do not count
    replace(layouts / "base.yaml", "text: \"#1b1b1f\"", "text: \"#000000\"")
    assert set(run(content_copy, out, layouts).built) == {"names", "title"}  # both extend base


def test_changed_options_rebuild(standins, content_copy, layouts, tmp_path):
    out = tmp_path / "out"
    run(content_copy, out, layouts)
    report = build(content_copy, out, (), Options(layouts=layouts, cmyk=True))
    assert set(report.built) == set(STANDINS)


def test_force_rebuilds_everything_but_writes_only_changed_bytes(standins, content_copy, layouts, tmp_path):
    out = tmp_path / "out"
    run(content_copy, out, layouts)
    report = run(content_copy, out, layouts, force=True)
    assert set(report.built) == set(STANDINS)
    assert report.written == ()


def test_a_deleted_or_edited_output_is_made_again(standins, content_copy, layouts, tmp_path):
    out = tmp_path / "out"
    run(content_copy, out, layouts)
    good = (out / "names.txt").read_bytes()
    (out / "names.txt").write_bytes(b"scribbled over")
    (out / "deck/count.txt").unlink()
    report = run(content_copy, out, layouts)
    assert set(report.built) == {"names", "questions"}
    assert set(report.written) == {"names.txt", "deck/count.txt"}
    assert (out / "names.txt").read_bytes() == good


def test_building_one_product_keeps_the_others_state(standins, content_copy, layouts, tmp_path):
    out = tmp_path / "out"
    run(content_copy, out, layouts)
    replace(content_copy / THEME, "name: Bestuur", "name: Besturen")
    assert build(content_copy, out, ("title",), Options(layouts=layouts)).skipped == ("title",)
    assert set(run(content_copy, out, layouts).built) == {"names", "questions"}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failed_product_keeps_its_files_and_the_others_are_written(standins, content_copy, layouts, tmp_path,
                                                                     jobs, monkeypatch):
    """Partial builds (docs/builds.md): the folder switches to every new file plus the failed
    product's older files, byte for byte; build.json names the failure; the next good save recovers."""
    monkeypatch.setattr("generator.jobs._warm", True)  # fork at once: 'questions' goes to a child
    out = tmp_path / "out"
    run(content_copy, out, layouts)
    before = snapshot(out)
    # 'names' is fine and built first; 'questions' fails (in a child process with 2 jobs)
    replace(content_copy / THEME, "name: Bestuur", "name: Besturen")
    replace(content_copy / THEME, "Bestaat er naar uw mening", "TOO-LONG")
    report = run(content_copy, out, layouts, jobs=jobs)
    assert [name for name, _ in report.failed] == ["questions"]
    assert "does not fit its card by 12 pt" in report.failed[0][1]
    after = snapshot(out)
    for name in ("deck/questions.txt", "deck/count.txt", "title.txt"):
        assert after[name] == before[name]
    assert b"Besturen" in after["names.txt"] and after["names.txt"] != before["names.txt"]
    manifest = json.loads(after[REPORT_FILE])
    assert "does not fit" in manifest["products"]["questions"]["failed"]
    assert "failed" not in manifest["products"]["names"]
    assert not [n for n in after if n.endswith(".tmp")]
    replace(content_copy / THEME, "TOO-LONG", "Bestaat er naar uw mening")
    again = run(content_copy, out, layouts, jobs=jobs)
    assert again.built == ("questions",) and not again.failed
    assert "failed" not in json.loads((out / REPORT_FILE).read_bytes())["products"]["questions"]


def test_a_content_error_leaves_the_earlier_outputs_byte_identical(standins, content_copy, layouts, tmp_path):
    out = tmp_path / "out"
    run(content_copy, out, layouts)
    before = snapshot(out)
    replace(content_copy / THEME, "level: 1", "level: hoog")
    with pytest.raises(ContentError):
        run(content_copy, out, layouts)
    assert snapshot(out) == before  # includes build.json and the state file; no temp files
    replace(content_copy / THEME, "level: hoog", "level: 1")
    assert run(content_copy, out, layouts).written == ()
    assert snapshot(out) == before


@pytest.mark.parametrize("warm", [False, True])
def test_building_on_two_cores_gives_the_same_files_as_on_one(standins, content_copy, layouts, tmp_path, warm,
                                                              monkeypatch):
    monkeypatch.setattr("generator.jobs._warm", warm)
    one = run(content_copy, tmp_path / "one", layouts, jobs=1)
    two = run(content_copy, tmp_path / "two", layouts, jobs=2)
    assert one.built == two.built == ("names", "questions", "title")
    assert one.warnings == two.warnings == ("names: names are short",)
    assert snapshot(tmp_path / "one").keys() == snapshot(tmp_path / "two").keys()
    assert {k: v for k, v in snapshot(tmp_path / "one").items() if not k.endswith(STATE_FILE)} == \
           {k: v for k, v in snapshot(tmp_path / "two").items() if not k.endswith(STATE_FILE)}


def test_an_unexpected_error_in_another_process_fails_that_product_only(monkeypatch, content_copy, layouts, tmp_path):
    def broken(plaat, options):
        return {}["missing"]

    products = {"title": STANDINS["title"], "broken": Product("broken", "a bug", (), broken)}
    monkeypatch.setattr("generator.jobs._warm", True)  # fork at once: 'broken' goes to a child
    monkeypatch.setattr(build_module, "registry", lambda: products)
    report = run(content_copy, tmp_path / "out", layouts, jobs=2)
    assert report.built == ("title",)
    assert report.failed == (("broken", "unexpected KeyError: 'missing' (set PRAATPLAAT_DEBUG=1 for details)"),)
    assert (tmp_path / "out" / "title.txt").is_file()


def test_fonts_are_read_from_pdf_svg_and_html():
    from generator.build import fonts_in

    pdf = b"<< /Type /Font /BaseFont /AAAAAA+SourceSansPro-Bold >> << /BaseFont /Helvetica >>"
    svg = b"<text font-family=\"'SourceSansPro-Regular', sans-serif\">x</text>"
    html = b"<style>body { font-family: \"Source Sans Pro\", Arial, sans-serif; }</style>"
    assert fonts_in(Artifact("a.pdf", pdf)) == ("Helvetica", "SourceSansPro-Bold")
    assert fonts_in(Artifact("a.svg", svg)) == ("SourceSansPro-Regular",)
    assert fonts_in(Artifact("a.html", html)) == ("Arial", "Source Sans Pro")
    assert fonts_in(Artifact("a.png", pdf)) == ()


def test_build_json_describes_the_output_folder_without_timings(standins, content_copy, layouts, tmp_path):
    out = tmp_path / "out"
    run(content_copy, out, layouts)
    build(content_copy, out, ("title",), Options(layouts=layouts), force=True)
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    assert list(report["products"]) == ["names", "questions", "title"]
    names = report["products"]["names"]
    assert names["description"] == "theme names"
    assert names["warnings"] == ["names are short"]
    assert names["files"]["names.txt"]["pages"] == 1
    assert names["files"]["names.txt"]["bytes"] == (out / "names.txt").stat().st_size
    assert report["totals"]["files"] == 4
    assert report["totals"]["bytes"] == sum((out / n).stat().st_size for n in
                                            ("names.txt", "deck/questions.txt", "deck/count.txt", "title.txt"))
    assert "second" not in json.dumps(report) and "time" not in json.dumps(report)


def test_progress_is_called_for_the_products_being_built(standins, content_copy, layouts, tmp_path):
    out = tmp_path / "out"
    calls = []
    run(content_copy, out, layouts, progress=lambda *a: calls.append(a))
    assert calls == [("names", 0, 3), ("questions", 1, 3), ("title", 2, 3)]
    replace(content_copy / THEME, "Bestaat er naar uw mening", "Bestaat er volgens u")
    calls.clear()
    run(content_copy, out, layouts, progress=lambda *a: calls.append(a))
    assert calls == [("questions", 0, 1)]


def test_unknown_product_is_one_clear_error(standins, content_copy, layouts, tmp_path):
    with pytest.raises(PraatplaatError, match="unknown product 'posterr'"):
        build(content_copy, tmp_path / "out", ("posterr",), Options(layouts=layouts))


def test_a_product_may_not_overwrite_the_report_or_the_state(monkeypatch, content_copy, layouts, tmp_path):
    bad = Product("bad", "writes the state", (), lambda p, o: Result((Artifact(STATE_FILE, b"{}"),)))
    monkeypatch.setattr(build_module, "registry", lambda: {"bad": bad})
    with pytest.raises(PraatplaatError, match="may not write"):
        run(content_copy, tmp_path / "out", layouts)
    assert not (tmp_path / "out").exists()


def test_cli_says_when_nothing_was_written(standins, cli, content_copy, layouts, tmp_path):
    out = tmp_path / "out"
    args = ("build", "--content", content_copy, "--out", out, "--layouts", layouts)
    first = cli(*args)
    assert first.code == 0 and f"wrote {out / 'names.txt'}" in first.out
    assert "warning: names: names are short" in first.err
    second = cli(*args)
    assert second.code == 0
    assert "wrote" not in second.out
    assert "nothing written: all 4 files are up to date" in second.out
    forced = cli(*args, "--force")
    assert "built names" in forced.out and "nothing written" in forced.out


# --- the real products --------------------------------------------------------------------------


def test_real_products_second_build_writes_nothing_and_theme_edit_rebuilds_only_readers(content_copy, tmp_path):
    products = registry()
    assert products, "no products registered"
    out = tmp_path / "out"
    options = Options(layouts=LAYOUTS)
    first = build(content_copy, out, (), options)
    assert set(first.built) == set(products)
    assert build(content_copy, out, (), options).written == ()

    from generator.loader import load

    before = load(content_copy)
    replace(content_copy / THEME, "Bestaat er naar uw mening", "Bestaat er volgens u")
    after = load(content_copy)
    expected = {name for name, p in products.items()
                if build_module.product_key(p, before, options) != build_module.product_key(p, after, options)}
    report = build(content_copy, out, (), options)
    assert set(report.built) == expected and expected  # some products show questions
    assert set(report.skipped) == set(products) - expected


def test_no_previews_gives_the_same_products_without_the_pngs(content_copy, tmp_path, cli):
    with_previews, without = tmp_path / "with", tmp_path / "without"
    assert cli("build", "--content", content_copy, "--out", with_previews, "--layouts", LAYOUTS).code == 0
    assert cli("build", "--no-previews", "--content", content_copy, "--out", without, "--layouts", LAYOUTS).code == 0
    made = {k: v for k, v in snapshot(with_previews).items() if not k.startswith(".praatplaat/")}
    lean = {k: v for k, v in snapshot(without).items() if not k.startswith(".praatplaat/")}
    previews = {name for name in made if name.startswith("previews/")}
    assert previews and all(name.endswith(".png") for name in previews)
    assert set(lean) == set(made) - previews
    products = {name for name in lean if not name.startswith(".") and name != "build.json"}
    assert products and all(lean[name] == made[name] for name in products)


def test_real_products_failed_build_keeps_outputs(content_copy, tmp_path):
    out = tmp_path / "out"
    options = Options(layouts=LAYOUTS)
    build(content_copy, out, (), options)
    before = snapshot(out)
    replace(content_copy / THEME, "id: bestuur", "id: Bestuur!")
    with pytest.raises(ContentError):
        build(content_copy, out, (), options)
    assert snapshot(out) == before


# --- progress on a terminal ---------------------------------------------------------------------


class Terminal:
    def __init__(self, tty: bool) -> None:
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_progress_shows_one_status_line_on_a_terminal_and_clears_it(monkeypatch):
    import time

    import generator.progress as progress

    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.01)
    stream = Terminal(tty=True)
    with progress.Status(stream) as status:
        status("cards", 4, 5)
        deadline = time.monotonic() + 10
        while "building cards (5/5)" not in stream.text and time.monotonic() < deadline:
            time.sleep(0.01)
    assert "building cards (5/5)" in stream.text
    assert "\n" not in stream.text and stream.text.endswith("\r\x1b[K")


def test_progress_writes_nothing_when_not_on_a_terminal():
    from generator.progress import Status

    stream = Terminal(tty=False)
    with Status(stream) as status:
        status("cards", 0, 1)
        assert status.thread is None
    assert stream.text == ""


def test_make_notices_a_deleted_output(content_copy, tmp_path):
    """`make` rebuilds when a file the last build wrote is gone (it reads them from build.json)."""
    import subprocess

    from conftest import ROOT

    out = tmp_path / "out"
    build(content_copy, out, ("diagram",), Options(layouts=LAYOUTS))
    (out / ".make-built").touch()  # as `make` does after a build

    def up_to_date() -> bool:
        done = subprocess.run(["make", "-q", f"OUT={out}", "build"], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode in (0, 1), done.stderr
        return done.returncode == 0

    assert up_to_date()
    (out / "diagram.svg").unlink()
    assert not up_to_date()


# --- a warm process: memoised blocks --------------------------------------------------------------


def product_files(out: Path) -> dict[str, bytes]:
    """Every file build.json lists, and build.json itself (the state file holds timings)."""
    names = [n for p in json.loads((out / REPORT_FILE).read_text())["products"].values() for n in p["files"]]
    return {n: (out / n).read_bytes() for n in sorted(names + [REPORT_FILE])}


def test_a_warm_rebuild_after_edits_has_the_bytes_of_a_build_in_a_fresh_process(content_copy, tmp_path):
    """Blocks memoised by a warm process (generator.memo) over several edits — a question, a
    theme's name, a layout setting — give byte for byte the files a new process builds."""
    import subprocess
    import sys

    from generator import memo
    from generator.layout.diagram import layout_diagram
    from generator.layout.prose_blocks import question_blocks

    layouts = tmp_path / "layouts"
    shutil.copytree(LAYOUTS, layouts)
    out, options = tmp_path / "warm", Options(layouts=layouts, previews=False)
    build(content_copy, out, (), options, jobs=1)
    replace(content_copy / THEME, "Bestaat er naar uw mening", "Bestaat er volgens u")
    diagram_hits, question_hits = layout_diagram.memo.hits, question_blocks.memo.hits
    assert build(content_copy, out, (), options, jobs=1).built
    assert layout_diagram.memo.hits > diagram_hits  # the diagram does not show question texts
    assert question_blocks.memo.hits > question_hits  # the themes not edited
    replace(content_copy / "themes/02-visievorming.md", "label: Visie|vorming en doel|formulering",
            "label: Visievorming en doel|formulering")
    build(content_copy, out, (), options, jobs=1)
    taken = content_copy / "themes/04-taken.md"
    taken.write_text(taken.read_text(encoding="utf-8") + "10. Welke hulp heeft u nodig?\n", encoding="utf-8")
    build(content_copy, out, (), options, jobs=1)
    replace(layouts / "cards-themes-a4.yaml", "  max_size: 13\n", "  max_size: 12\n")
    replace(content_copy / THEME, "Bestaat er volgens u", "Vindt u")
    assert set(build(content_copy, out, (), options, jobs=1).built) >= {"poster", "cards", "handout"}
    assert any(memo.sizes().values())

    cold = tmp_path / "cold"
    subprocess.run([sys.executable, "-m", "generator", "build", "-j1", "--no-previews", "--content", str(content_copy),
                    "--layouts", str(layouts), "--out", str(cold)], check=True, capture_output=True)
    assert product_files(out) == product_files(cold)


def test_memoised_results_are_kept_during_a_build_and_trimmed_after_it(monkeypatch):
    """Within a build a result is never dropped (the same object each time); after it each
    function keeps its `bound` most recently used results, and drops those unused for
    MAX_AGE of the builds that called it: a long watch session stays bounded."""
    from generator import memo

    calls = []

    @memo.cached(3)
    def square(n: int) -> list:
        calls.append(n)
        return [n * n]

    try:
        first = [square(n) for n in range(10)]
        assert [square(n) for n in range(10)] == first and all(a is b for a, b in zip(first, map(square, range(10))))
        assert calls == list(range(10))  # ten results kept while the build runs, over the bound
        memo.end_build()
        assert len(square.memo.entries) == 3  # the three used last
        assert square(9) is first[9] and calls == list(range(10))
        memo.end_build()
        for _ in range(5):
            memo.end_build()  # builds that do not call square do not age its results
        assert square(9) is first[9]
        for _ in range(memo.MAX_AGE):
            square(0)
            memo.end_build()
        assert list(square.memo.entries) == [[0]]  # 7, 8 and 9 unused for MAX_AGE builds
        assert square(9) == [81] and square(9) is not first[9]
    finally:
        memo._memos.remove(square.memo)


def test_memoised_copies_and_keys(monkeypatch):
    """`copy` hands each caller its own list; `key` memoises by what the function reads."""
    from generator import memo

    @memo.cached(8, copy=list)
    def listing(n: int) -> list:
        return list(range(n))

    @memo.cached(8, key=lambda words, sep: (tuple(len(w) for w in words), sep))
    def widths(words: tuple, sep: str) -> str:
        return sep.join(str(len(w)) for w in words)

    try:
        mine = listing(3)
        mine.append(99)
        assert listing(3) == [0, 1, 2]
        assert widths(("ab", "c"), "-") == "2-1"
        assert widths(("xy", "z"), "-") == "2-1" and widths.memo.hits == 1
        assert widths(("xyz",), "-") == "3" and widths.memo.misses == 2
    finally:
        memo._memos.remove(listing.memo)
        memo._memos.remove(widths.memo)


def test_theme_poster_previews_kept_with_their_posters_are_the_bytes_made_anew(content_copy):
    """With previews (serve, watch --previews) a theme poster whose page did not change keeps
    its PNG too; every file equals one rendered in a process that never saw the earlier content."""
    from generator.loader import load
    from generator.products import theme_posters as product

    options = Options(layouts=LAYOUTS, previews=True)
    before = {a.name: a.data for a in product.build(load(content_copy), options).artifacts}
    replace(content_copy / THEME, "Bestaat er naar uw mening", "Is er volgens u")
    plaat = load(content_copy)
    warm = {a.name: a.data for a in product.build(plaat, options).artifacts}
    product._rendered.clear()  # as in a fresh process
    assert warm == {a.name: a.data for a in product.build(plaat, options).artifacts}
    changed = {name for name in warm if before[name] != warm[name]}
    assert changed == {"theme-poster-bestuur.pdf", "theme-poster-bestuur.svg", "previews/theme-poster-bestuur.png"}
