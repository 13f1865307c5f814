"""Hostile content: each case has an expected outcome, a one-line error (exit 1, no traceback)
or correct material; nothing is read or written outside the content and output folders."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from strategies import assert_clean_failure

ROOT = Path(__file__).resolve().parent.parent
THEME = "themes/01-bestuur.md"
FRONT = "---\nid: bestuur\nname: Bestuur\nlevel: 1\n---\n"
DEEP = 10_000


def put(folder: Path, name: str, text: str | bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, name)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check_fails(cli, folder: Path, file: str, words: str) -> list[str]:
    result = cli("check", folder)
    errors = assert_clean_failure(result.code, result.out, result.err)
    assert any(file in e and words in e for e in errors), f"no error names {file!r} and says {words!r}: {errors}"
    return errors


# --- the corpus: (mutation, file named in the error, words in the error) ----------------------------


def billion_laughs(c: Path, tmp: Path):
    lol = "\n".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10))
    put(c, "praatplaat.yaml", (c / "praatplaat.yaml").read_text(encoding="utf-8") + 'l0: &l0 "lol"\n' + lol + "\n")
    return "praatplaat.yaml", "anchors (&name) are not allowed"


def python_object_tag(c: Path, tmp: Path):
    marker = tmp / "pwned"
    edit(c, THEME, "name: Bestuur", f"name: !!python/object/apply:os.mkdir ['{marker}']")
    return THEME, "YAML tag"


def python_name_tag(c: Path, tmp: Path):
    edit(c, "praatplaat.yaml", "publisher: VNG", "publisher: !!python/name:os.system")
    return "praatplaat.yaml", "YAML tag"


def local_tag(c: Path, tmp: Path):
    edit(c, THEME, "level: 1", "level: !ruby/object 1")
    return THEME, "YAML tag"


def yaml_merge_key(c: Path, tmp: Path):
    edit(c, THEME, "level: 1", "level: 1\n<<: {colour: '#000000'}")
    return THEME, "YAML tag"


def yaml_deep_flow(c: Path, tmp: Path):
    edit(c, THEME, "level: 1", "level: " + "[" * DEEP + "]" * DEEP)
    return THEME, "nested too deeply"


def yaml_deep_mapping(c: Path, tmp: Path):
    edit(c, "praatplaat.yaml", "publisher: VNG", "publisher: " + "{a: " * DEEP + "1" + "}" * DEEP)
    return "praatplaat.yaml", "nested too deeply"


def yaml_huge_number(c: Path, tmp: Path):
    edit(c, THEME, "level: 1", "level: " + "9" * 5000)
    return THEME, "5,000 digits is too long"


def yaml_duplicate_key(c: Path, tmp: Path):
    edit(c, THEME, "level: 1", "level: 1\nlevel: 2")
    return THEME, "appears twice"


def markdown_deep_lists(c: Path, tmp: Path):
    put(c, THEME, FRONT + "1. " + "- " * DEEP + "x\n")
    return THEME, "question 1 cannot contain a list"


def markdown_deep_lists_in_prose(c: Path, tmp: Path):
    put(c, "intro.md", "---\ntitle: T\n---\n" + "- " * DEEP + "x\n")
    return "intro.md", "nested lists are not supported"


def markdown_deep_quotes(c: Path, tmp: Path):
    put(c, "intro.md", "---\ntitle: T\n---\n" + "> " * DEEP + "x\n")
    return "intro.md", "block quote"


def markdown_deep_brackets(c: Path, tmp: Path):
    put(c, THEME, FRONT + "1. " + "[" * DEEP + "x" + "]" * DEEP + "\n")
    return THEME, "question 1 is 20,001 characters; at most 2,000"


def huge_question(c: Path, tmp: Path):
    put(c, THEME, FRONT + "1. " + "woord " * 1_750_000 + "\n")  # 10.5 MB
    return THEME, "at most 200,000 are allowed"


def content_too_large_together(c: Path, tmp: Path):
    for i in range(6):
        put(c, f"themes/2{i}-groot.md", f"---\nid: g{i}\nname: G{i}\nlevel: 1\n---\n1. " + "x" * 190_000 + "\n")
    return "content", "together; at most 1,000,000"


def binary_file(c: Path, tmp: Path):
    put(c, THEME, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return THEME, "binary file"


def utf16_file(c: Path, tmp: Path):
    put(c, THEME, (FRONT + "1. Vraag?\n").encode("utf-16"))
    return THEME, "UTF-16"


def control_characters(c: Path, tmp: Path):
    edit(c, "intro.md", "De uitdaging", "De \x1b[31muitdaging")
    return "intro.md", "control character U+001B"


def symlink_meta_to_passwd(c: Path, tmp: Path):
    (c / "praatplaat.yaml").unlink()
    (c / "praatplaat.yaml").symlink_to("/etc/passwd")
    return "praatplaat.yaml", "outside the content folder"


def symlink_theme_to_passwd(c: Path, tmp: Path):
    (c / "themes/07-passwd.md").symlink_to("/etc/passwd")
    return "themes/07-passwd.md", "outside the content folder"


def symlink_theme_relative_escape(c: Path, tmp: Path):
    put(tmp, "elsewhere.md", FRONT.replace("bestuur", "elders") + "1. Geheim?\n")
    (c / "themes/07-elders.md").symlink_to("../../elsewhere.md")
    return "themes/07-elders.md", "outside the content folder"


def symlink_themes_folder_outside(c: Path, tmp: Path):
    outside = tmp / "outside-themes"
    shutil.move(c / "themes", outside)
    (c / "themes").symlink_to(outside)
    return THEME, "outside the content folder"


def symlink_loop(c: Path, tmp: Path):
    (c / "themes/07-loop.md").symlink_to("07-loop.md")
    return "themes/07-loop.md", "leads back to itself"


def dangling_symlink(c: Path, tmp: Path):
    (c / "themes/07-weg.md").symlink_to("/nonexistent/weg.md")
    return "themes/07-weg.md", "does not exist"


def symlink_to_device(c: Path, tmp: Path):
    (c / "themes/07-zero.md").symlink_to("/dev/zero")
    return "themes/07-zero.md", "outside the content folder"


def fifo_theme(c: Path, tmp: Path):
    os.mkfifo(c / "themes/07-pipe.md")  # reading it would block forever
    return "themes/07-pipe.md", "not a regular file"


def folder_named_like_a_theme(c: Path, tmp: Path):
    (c / "themes/07-map.md").mkdir()
    return "themes/07-map.md", "not a regular file"


def theme_id_with_dots(c: Path, tmp: Path):
    edit(c, THEME, "id: bestuur", "id: ../../x")
    return THEME, "must be lower-case letters"


def theme_id_absolute(c: Path, tmp: Path):
    edit(c, THEME, "id: bestuur", "id: /etc/passwd")
    return THEME, "must be lower-case letters"


def image_with_dots(c: Path, tmp: Path):
    edit(c, "intro.md", "De uitdaging", "![logo](../../etc/passwd) De uitdaging")
    return "intro.md", "an image ('![…](…)') is not supported"


def link_to_javascript(c: Path, tmp: Path):
    edit(c, "intro.md", "De uitdaging", "<javascript:alert(1)> [klik](javascript:alert(1)) De uitdaging")
    return "intro.md", "must start with https://, http:// or mailto:"


def too_many_themes(c: Path, tmp: Path):
    for i in range(30):
        put(c, f"themes/5{i:02d}-t.md", f"---\nid: t{i}\nname: T{i}\nlevel: 1\n---\n1. Vraag?\n")
    return "themes/", "at most 24 are supported"


def page_label_format_attack(c: Path, tmp: Path):
    edit(c, "praatplaat.yaml", '"Pagina {page} van {pages}"', '"{page.__class__.__init__.__globals__}"')
    return "praatplaat.yaml", "label 'page' may use {page} and {pages}"


def empty_list_item(c: Path, tmp: Path):
    edit(c, "reflection.md", "## Tweede uitdaging", "*\n\n## Tweede uitdaging")
    return "reflection.md:16", "a list item without text"


def empty_heading(c: Path, tmp: Path):
    edit(c, "intro.md", "## Hoe werkt het?", "##")
    return "intro.md:14", "a heading ('#') without text"


def challenge_without_title(c: Path, tmp: Path):
    edit(c, "reflection.md", "## Tweede uitdaging: MAAK MEERWAARDE VAN GEZAMENLIJKE VOORBEREIDING CONCREET", "## :")
    return "reflection.md:16", "a challenge heading needs a title"


CASES = [billion_laughs, python_object_tag, python_name_tag, local_tag, yaml_merge_key, yaml_deep_flow,
         yaml_deep_mapping, yaml_huge_number, yaml_duplicate_key, markdown_deep_lists,
         markdown_deep_lists_in_prose, markdown_deep_quotes, markdown_deep_brackets, huge_question,
         content_too_large_together, binary_file, utf16_file, control_characters, symlink_meta_to_passwd,
         symlink_theme_to_passwd, symlink_theme_relative_escape, symlink_themes_folder_outside, symlink_loop,
         dangling_symlink, symlink_to_device, fifo_theme, folder_named_like_a_theme, theme_id_with_dots,
         theme_id_absolute, image_with_dots, too_many_themes, page_label_format_attack, empty_list_item,
         empty_heading, challenge_without_title]


@pytest.mark.parametrize("mutate", CASES, ids=[c.__name__ for c in CASES])
def test_hostile_content_is_one_line_errors(mutate, content_copy, tmp_path, cli):
    file, words = mutate(content_copy, tmp_path)
    errors = check_fails(cli, content_copy, file, words)
    assert len(errors) < 50, errors  # one line per problem, not one per character
    assert not (tmp_path / "pwned").exists()
    assert all("root:" not in e for e in errors)  # never shows what a link points at


@pytest.mark.parametrize("link", ["<javascript:alert(1)>", "[klik](javascript:alert(1))", "[x](data:text/html,hi)",
                                  "<file:///etc/passwd>", "[x](FILE:///etc/passwd)"])
def test_links_to_javascript_data_and_file_are_refused_with_the_line(link, content_copy, cli):
    """Issue 15: such links are refused with file:line (they used to be printed as garbled text)."""
    edit(content_copy, "intro.md", "De uitdaging", f"{link} De uitdaging")
    errors = check_fails(cli, content_copy, "intro.md", "must start with https://, http:// or mailto:")
    assert all("intro.md:" in e for e in errors)


# --- markup and script are text, everywhere --------------------------------------------------------

TAG = " <b>&amp;</b>"
LITERALS = ["Praatplaat <script>alert(1)</script> &amp;", "Bestuur <i>"]
QUESTION = "<img src=x onerror=alert(3)> Wat weten"


def set_field(path: Path, key: str, value: str) -> None:
    """Set a YAML field written on one line (`key: value`, indented or in a list) to `value`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, l in enumerate(lines) if l.lstrip(" -").startswith(f"{key}: ")]
    assert hits, (path, key)
    line = lines[hits[0]]
    lines[hits[0]] = line[: line.index(f"{key}: ")] + f"{key}: {json.dumps(value, ensure_ascii=False)}"
    path.write_text("\n".join(lines), encoding="utf-8")


def markup_content(c: Path) -> None:
    """Markup and script in every kind of text field."""
    import yaml

    meta = c / "praatplaat.yaml"
    data = yaml.safe_load(meta.read_text(encoding="utf-8"))
    set_field(meta, "title", LITERALS[0])
    set_field(meta, "subtitle", "<b onclick=alert(4)>invoering</b>")
    set_field(meta, "publisher", "VNG <!-- x -->")
    set_field(meta, "credit", data["credit"] + " ]]> <b onclick='alert(6)'>b</b>")
    set_field(meta, "name", data["authors"][0]["name"] + TAG)
    edit(c, "praatplaat.yaml", "praatplaat]", "praatplaat, '<script>alert(5)</script>']")
    for key, value in data["labels"].items():  # not the gradient's ends: they take the diagram's room
        set_field(meta, key, value + ("" if key.startswith("gradient") else TAG))
    set_field(c / "intro.md", "title", "Inleiding" + TAG)
    edit(c, "intro.md", "De uitdaging", "<script>alert(2)</script> De uitdaging")
    edit(c, "intro.md", "- Verspreid", "- <em>Verspreid</em>")
    edit(c, "intro.md", "[^1]: Zie:", "[^1]: <i>Zie</i>:")
    set_field(c / "reflection.md", "title", "Reflectie" + TAG)
    set_field(c / "reflection.md", "subtitle", "vanuit" + TAG)
    edit(c, "reflection.md", "## Eerste uitdaging: NIET WACHTEN", "## Eerste <u>uitdaging</u>: NIET <script>WACHTEN")
    set_field(c / THEME, "name", LITERALS[1])
    edit(c, THEME, "1. Wat weten", "1. " + QUESTION)


def build_all(cli, content: Path, out: Path, *products: str):
    result = cli("build", "--content", content, "--out", out, *products)
    assert result.code == 0 and "Traceback" not in result.err, result.err
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    return result, {name: sorted(entry["files"]) for name, entry in report["products"].items()}


def no_live_markup(html: bytes) -> None:
    import html5lib

    root = html5lib.parse(html, namespaceHTMLElements=False)
    for element in root.iter():
        assert element.tag not in ("img", "b", "i") or "alert" not in str(element.attrib), element.attrib
        assert not any(a.lower().startswith("on") for a in element.attrib), (element.tag, element.attrib)
        if element.tag == "script":
            assert "alert" not in (element.text or ""), element.text


def test_markup_and_script_in_text_fields_are_printed_literally(content_copy, tmp_path, cli):
    from extract import pdf_text_checked, svg_text
    from test_fuzz_content import assert_holds, html_text

    markup_content(content_copy)
    _, files = build_all(cli, content_copy, tmp_path / "out")
    assert files, "no products built"
    for product, names in files.items():
        needles = LITERALS + ([] if product == "diagram" else [QUESTION])
        for name in names:
            wanted = LITERALS[:1] if product == "theme-posters" and "bestuur" not in name else needles  # one theme each
            data = (tmp_path / "out" / name).read_bytes()
            if name.endswith(".pdf"):
                assert_holds("\n".join(pdf_text_checked(data)), wanted, name)
            elif name.endswith(".svg"):
                assert_holds(svg_text(data), wanted, name)  # also: no script, no external refs
            elif name.endswith(".html"):
                no_live_markup(data)
                assert_holds(html_text(data), needles, name)


# --- characters the font lacks -----------------------------------------------------------------------


def test_a_character_the_font_lacks_is_a_warning_naming_it_and_the_question(content_copy, tmp_path, cli):
    edit(content_copy, THEME, "3. Op welke wijze", "3. 🙂 Op\u200bwelke wijze")
    line = next(i for i, l in enumerate((content_copy / THEME).read_text().split("\n"), 1) if l.startswith("3. "))
    result, _ = build_all(cli, content_copy, tmp_path / "out", "diagram")
    warnings = [l for l in result.err.splitlines() if "no glyph" in l]
    assert warnings == [f"warning: {THEME}:{line}: question 3: the font SourceSansPro-Regular has no glyph for "
                        "'🙂' (U+1F642 SLIGHTLY SMILING FACE), U+200B ZERO WIDTH SPACE; each will print as a blank box"]


def test_default_content_has_no_missing_glyphs(plaat):
    from generator.layout.glyphs import missing_glyphs
    from generator.styles import load_style
    from generator.products import registry

    for product in registry().values():
        for layout in product.layouts:
            assert missing_glyphs(plaat, vars(load_style(ROOT / "layouts", layout).fonts)) == []


def test_emphasised_text_is_checked_against_the_italic_font(content_copy):
    from generator.layout.glyphs import missing_glyphs
    from generator.loader import load

    edit(content_copy, "intro.md", "De uitdaging", "Grieks α en *cursief β* De uitdaging")
    fonts = {"regular": "SourceSansPro-Regular", "italic": "SourceSansPro-It", "bold": "SourceSansPro-Bold"}
    warnings = missing_glyphs(load(content_copy), fonts)
    assert len(warnings) == 1 and "SourceSansPro-It" in warnings[0] and "'β'" in warnings[0], warnings
    assert warnings[0].startswith("intro.md:6: ")


# --- layouts: font and layout names never become paths -------------------------------------------------


@pytest.fixture
def layouts_copy(tmp_path: Path) -> Path:
    target = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", target)
    return target


@pytest.mark.parametrize("font", ["../../etc/passwd", "/etc/passwd", "SourceSansPro-Regular/../../../x"])
def test_a_font_name_that_is_a_path_fails_cleanly(font, layouts_copy, tmp_path, cli):
    edit(layouts_copy, "base.yaml", "regular: SourceSansPro-Regular", f"regular: \"{font}\"")
    result = cli("build", "--layouts", layouts_copy, "--out", tmp_path / "out", "diagram")
    errors = assert_clean_failure(result.code, result.out, result.err)
    assert any(f"base.yaml:4: 'fonts.regular' must be one of" in e and f"not {font!r}" in e for e in errors), errors
    assert not (tmp_path / "out" / "diagram.pdf").exists()


def test_a_layout_that_extends_a_path_fails_cleanly(layouts_copy, tmp_path, cli):
    edit(layouts_copy, "diagram.yaml", "extends: base", "extends: ../../../etc/passwd")
    result = cli("build", "--layouts", layouts_copy, "--out", tmp_path / "out", "diagram")
    errors = assert_clean_failure(result.code, result.out, result.err)
    assert any(re.search(r"diagram\.yaml:\d+: 'extends' must name another layout file in the same folder", e)
               for e in errors), errors


# --- nothing read or written outside the content and output folders -----------------------------------

SPY = textwrap.dedent("""
    import os, sys
    secret = os.path.realpath(os.environ["SECRET"])
    def spy(event, args):
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            if os.path.realpath(os.fsdecode(args[0])) == secret:
                os.write(2, b"READ OUTSIDE THE CONTENT FOLDER (or a file too large)\\n")
                os._exit(99)
    sys.addaudithook(spy)
    from generator.cli import main
    sys.argv = ["praatplaat", *sys.argv[1:]]
    main()
""")


def run_spied(tmp: Path, *args: str, secret: Path | None = None) -> subprocess.CompletedProcess:
    """Run the CLI in a process that stops with exit 99 if it opens `secret` (default:
    tmp/secret.md, a theme file written here)."""
    if secret is None:
        secret = tmp / "secret.md"
        secret.write_text(FRONT.replace("bestuur", "geheim") + "1. Geheim?\n", encoding="utf-8")
    env = {**os.environ, "SECRET": str(secret)}
    return subprocess.run([sys.executable, "-c", SPY, *args], capture_output=True, text=True,
                          timeout=180, cwd=ROOT, env=env)


def test_a_link_out_of_the_content_folder_is_never_opened(content_copy, tmp_path):
    (content_copy / "notes.md").symlink_to(tmp_path / "secret.md")  # not a content file: not even hashed
    run = run_spied(tmp_path, "build", "diagram", "--content", str(content_copy), "--out", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    (content_copy / "themes/07-geheim.md").symlink_to(tmp_path / "secret.md")
    run = run_spied(tmp_path, "build", "diagram", "--content", str(content_copy), "--out", str(tmp_path / "out"))
    assert run.returncode == 1 and "READ OUTSIDE" not in run.stderr, run.stderr
    assert "themes/07-geheim.md: links to a file outside the content folder" in run.stderr
    assert "Geheim" not in run.stdout + run.stderr


def test_a_build_writes_only_in_the_output_folder(content_copy, tmp_path, cli):
    before = {p for p in tmp_path.rglob("*")}
    layouts_before = {p: p.stat().st_mtime_ns for p in (ROOT / "layouts").rglob("*")}
    build_all(cli, content_copy, tmp_path / "out")
    new = {p for p in tmp_path.rglob("*")} - before
    assert new and all(p.is_relative_to(tmp_path / "out") for p in new), sorted(map(str, new))[:5]
    assert {p: p.stat().st_mtime_ns for p in (ROOT / "layouts").rglob("*")} == layouts_before


@pytest.mark.parametrize("name", ["../escape.pdf", "/tmp/escape.pdf", "a/../../escape.pdf"])
def test_an_output_name_that_leaves_the_output_folder_is_refused(name, content_copy, tmp_path, cli, monkeypatch):
    from generator import build as build_module
    from generator.products import Artifact, Product, Result

    def make(plaat, options):
        return Result((Artifact("good.pdf", b"%PDF-1.4"), Artifact(name, b"x")))

    fake = Product("fake", "writes outside", ("base",), make)
    monkeypatch.setattr(build_module, "registry", lambda: {"fake": fake})
    result = cli("build", "--content", content_copy, "--out", tmp_path / "out", "--jobs", "1")
    errors = assert_clean_failure(result.code, result.out, result.err, located=False)
    assert any("would leave the output folder" in e for e in errors), errors
    assert not (tmp_path / "escape.pdf").exists() and not Path("/tmp/escape.pdf").exists()
    assert not (tmp_path / "out" / "good.pdf").exists()  # all or nothing


def test_an_output_link_out_of_the_folder_is_not_written_through(content_copy, cli, tmp_path):
    """A subfolder of the output folder that is a link elsewhere (here `previews/`) is refused
    before anything is written: nothing appears at the link's target."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "previews").symlink_to(elsewhere)
    result = cli("build", "diagram", "--content", content_copy, "--out", out, "--jobs", "1")
    errors = assert_clean_failure(result.code, result.out, result.err, located=False)
    assert any("is a link to a folder" in e for e in errors), errors
    assert list(elsewhere.iterdir()) == []
    assert not (out / "diagram.pdf").exists()


def test_a_break_hint_in_a_question_is_a_lint_warning(content_copy, cli):
    edit(content_copy, THEME, "3. Op welke wijze", "3. Ja|nee: op welke wijze")
    result = cli("lint", content_copy)
    assert result.code == 0
    assert f"{THEME}:10: warning: 'Ja|nee: op we': '|' between two characters marks a line-break point" in result.out


# --- limits: at the limit is fine, one past it is a clear error -----------------------------------------


def _theme(i: int, questions: int = 1, name: str | None = None, theme_id: str | None = None, pad: int = 0) -> str:
    lines = "".join(f"{n}. Vraag {n}?\n" for n in range(1, questions + 1))
    return (f"---\nid: {theme_id or f't{i}'}\nname: {name or f'Thema {i}'}\nlevel: {i}\n---\n" + lines + "\n" * pad)


def _themes(c: Path, extra: int) -> None:
    for i in range(extra):
        put(c, f"themes/5{i:02d}-t.md", _theme(i))


def _questions(c: Path, n: int) -> None:
    put(c, THEME, _theme(1, questions=n))


def _question_chars(c: Path, n: int) -> None:
    put(c, THEME, FRONT + "1. " + ("woord " * n)[: n - 1] + "?\n")


def _name_chars(c: Path, n: int) -> None:
    put(c, THEME, _theme(1, name="N" * n))


def _id_chars(c: Path, n: int) -> None:
    put(c, THEME, _theme(1, theme_id="i" * n))


def _field_chars(c: Path, n: int) -> None:
    edit(c, "praatplaat.yaml", "\ncredit: ", f"\ncredit: {'c' * (n - 1)}.\nx_credit: ")
    text = (c / "praatplaat.yaml").read_text(encoding="utf-8")
    put(c, "praatplaat.yaml", "\n".join(l for l in text.split("\n") if not l.startswith("x_credit:")))


def _file_bytes(c: Path, n: int) -> None:
    text = _theme(1)
    put(c, THEME, text + "\n" * (n - len(text.encode())))


def _content_bytes(c: Path, n: int) -> None:
    files = [p for p in c.rglob("*") if p.is_file() and p.suffix in (".md", ".yaml") and p.name != "README.md"]
    total = sum(p.stat().st_size for p in files)
    for i in range((n - total) // 150_000 + 1):
        size = min(150_000, n - total)
        text = _theme(10 + i)
        put(c, f"themes/6{i}-vol.md", text + "\n" * (size - len(text.encode())))
        total += size


def _limit(name: str) -> int:
    from generator import loader

    return getattr(loader, name)


LIMITS = [  # (constant, set the content to n, words of the error past it)
    ("MAX_THEMES", lambda c, n: _themes(c, n - 6), "themes; at most 24 are supported"),
    ("MAX_QUESTIONS_PER_THEME", _questions, "41 questions; at most 40 per theme"),
    ("MAX_QUESTION_CHARS", _question_chars, "question 1 is 2,001 characters; at most 2,000"),
    ("MAX_NAME_CHARS", _name_chars, "name is 81 characters; at most 80"),
    ("MAX_FIELD_CHARS", _field_chars, "'credit' is 301 characters; at most 300"),
    ("MAX_FILE_BYTES", _file_bytes, "file is 200,001 bytes; at most 200,000 are allowed"),
    ("MAX_CONTENT_BYTES", _content_bytes, "1,000,001 bytes together; at most 1,000,000 are allowed"),
]


@pytest.mark.parametrize("constant, fill, words", LIMITS, ids=[l[0] for l in LIMITS])
def test_each_limit_is_allowed_and_one_past_it_is_a_clear_error(constant, fill, words, tmp_path, cli):
    at, past = tmp_path / "at", tmp_path / "past"
    for folder, n in ((at, _limit(constant)), (past, _limit(constant) + 1)):
        shutil.copytree(ROOT / "content", folder)
        fill(folder, n)
    result = cli("check", at)
    assert result.code == 0, result.err
    errors = assert_clean_failure(*(lambda r: (r.code, r.out, r.err))(cli("check", past)))
    assert any(words in e for e in errors), errors


def test_a_theme_id_of_41_characters_is_an_error(content_copy, cli):
    _id_chars(content_copy, 40)
    assert cli("check", content_copy).code == 0
    _id_chars(content_copy, 41)
    check_fails(cli, content_copy, THEME, "must be lower-case letters, digits and '-' (at most 40)")


def test_the_limits_are_documented(plaat):
    readme = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Limits", 1)[1]
    for constant, _, _ in LIMITS:
        assert f"{_limit(constant):,}" in section, constant


@pytest.mark.parametrize("paper", ["A99", "../../etc/passwd"])
def test_an_unknown_paper_is_a_one_line_error(paper, tmp_path, cli):
    result = cli("build", "diagram", "--paper", paper, "--out", tmp_path / "out")
    errors = assert_clean_failure(result.code, result.out, result.err, located=False)
    assert errors == [f"error: diagram: unknown paper size {paper!r} (known: A0, A1, A2, A3, A4, A5, A6, A7)"]


def test_every_message_is_one_plain_line_whatever_the_file_names_and_texts(content_copy, cli):
    put(content_copy, "themes/07-a\nb\u202e.md", "geen front matter\n")
    edit(content_copy, THEME, "name: Bestuur", "name: \"Be\u202estuur\"\nlabel: Anders")
    result = cli("check", content_copy)
    errors = assert_clean_failure(result.code, result.out, result.err)
    assert len(errors) == 2, errors
    assert "\u202e" not in result.err
    assert "themes/07-a\\u000ab\\u202e.md:1: must start with front matter" in result.err
    assert "must be the name 'Be\\u202estuur'" in result.err


def test_a_huge_file_in_the_content_folder_is_never_read(content_copy, tmp_path):
    huge = content_copy / "themes/07-groot.md"
    with open(huge, "wb") as handle:
        handle.truncate(20_000_000_000)  # sparse: 20 GB that take no room
    run = run_spied(tmp_path, "build", "diagram", "--content", str(content_copy), "--out", str(tmp_path / "out"),
                    secret=huge)
    assert run.returncode == 1 and "READ OUTSIDE" not in run.stderr, run.stderr
    assert "themes/07-groot.md: file is 20,000,000,000 bytes; at most 200,000 are allowed" in run.stderr
