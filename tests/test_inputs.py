"""Inputs read as written (issue 15): one test per case. Text keeps what was typed, numbers are
numbers only where the field is one, and what cannot be printed is refused with file:line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.loader import load

from conftest import LAYOUTS

THEME = "themes/01-bestuur.md"
META = "praatplaat.yaml"


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, name)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(folder: Path, name: str, needle: str) -> int:
    text = (folder / name).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load(folder)
    return [str(p) for p in raised.value.problems]


def theme(plaat, theme_id: str):
    return next(t for t in plaat.themes if t.id == theme_id)


# --- YAML scalars stay text where the field is text ------------------------------------------------


@pytest.mark.parametrize("typed", ["12:30", "010", "3.10", "0x1F", "1e3", "yes", "1_000", ".5"])
def test_a_theme_name_keeps_what_was_typed(content_copy, typed):
    edit(content_copy, THEME, "name: Bestuur", f"name: {typed}")
    assert theme(load(content_copy), "bestuur").name == typed


@pytest.mark.parametrize("typed", ["010", "2024", "12-30"])
def test_a_theme_id_keeps_what_was_typed(content_copy, typed):
    edit(content_copy, THEME, "id: bestuur", f"id: {typed}")
    assert typed in [t.id for t in load(content_copy).themes]


@pytest.mark.parametrize("field,typed", [("title", "12:30"), ("subtitle", "3.10"), ("publisher", "010"),
                                         ("credit", "2024")])
def test_meta_fields_keep_what_was_typed(content_copy, field, typed):
    text = (content_copy / META).read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if l.startswith(f"{field}: "))
    edit(content_copy, META, line, f"{field}: {typed}")
    assert getattr(load(content_copy).meta, field) == typed


def test_labels_and_keywords_keep_what_was_typed(content_copy):
    edit(content_copy, META, "  contents: Inhoud", "  contents: 010")
    edit(content_copy, META, "keywords: [Omgevingswet,", "keywords: [3.10, 2024, Omgevingswet,")
    plaat = load(content_copy)
    assert plaat.labels.contents == "010"
    assert plaat.meta.keywords[:2] == ("3.10", "2024")


@pytest.mark.parametrize("typed,level", [("010", 10.0), ("3.10", 3.1), ("-2", -2.0), ("1e3", 1000.0), ("+.5", 0.5)])
def test_a_level_is_a_decimal_number(content_copy, typed, level):
    edit(content_copy, THEME, "level: 1\n", f"level: {typed}\n")
    assert theme(load(content_copy), "bestuur").level == level


@pytest.mark.parametrize("typed", ["1e308", "-1.7e308", ".nan", ".NaN", ".inf", "-.inf", "1000001"])
def test_a_level_out_of_range_is_an_error_with_the_line(content_copy, typed):
    edit(content_copy, THEME, "level: 1\n", f"level: {typed}\n")
    line = line_of(content_copy, THEME, "level:")
    assert problems(content_copy) == [f"{THEME}:{line}: level {typed} is out of range: use a number from "
                                      "-1,000,000 to 1,000,000 (levels only order the themes)"]


@pytest.mark.parametrize("typed", ["12:30", "0x10", "0b11"])
def test_a_level_that_yaml_reads_as_another_number_is_refused(content_copy, typed):
    edit(content_copy, THEME, "level: 1\n", f"level: {typed}\n")
    assert problems(content_copy) == [f"{THEME}:{line_of(content_copy, THEME, 'level:')}: level must be a decimal "
                                      f"number like 2 or 2.5, got '{typed}'"]


# --- control characters ------------------------------------------------------------------------------


@pytest.mark.parametrize("escape,code", [(r"\x00", "0000"), (r"\e", "001B"), (r"\a", "0007"), (r"\x7f", "007F")])
def test_a_control_character_from_a_yaml_escape_is_an_error_with_the_line(content_copy, escape, code):
    edit(content_copy, THEME, "name: Bestuur", f'name: "Be{escape}stuur"')
    assert problems(content_copy) == [f"{THEME}:{line_of(content_copy, THEME, 'name:')}: 'name' contains the "
                                      f"control character U+{code} (from an escape in quotes); remove it"]


def test_a_control_character_in_a_keyword_is_an_error(content_copy):
    edit(content_copy, META, "keywords: [Omgevingswet,", 'keywords: ["Omgevings\\ewet",')
    assert problems(content_copy) == [f"{META}:{line_of(content_copy, META, 'keywords: [')}: "
                                      "'keywords' contain a control character; remove it"]


def test_check_never_prints_a_raw_control_character(cli, content_copy):
    edit(content_copy, THEME, "name: Bestuur", 'name: "Be\\e[31mstuur\\a"')
    done = cli("check", content_copy)
    assert done.code == 1
    assert not any(ord(c) < 32 and c != "\n" for c in done.out + done.err)
    assert "U+001B" in done.err


def test_a_file_name_with_a_control_character_is_shown_escaped(cli, content_copy):
    (content_copy / THEME).rename(content_copy / "themes" / "01-be\x1bstuur.md")
    done = cli("check", content_copy)
    assert done.code == 0
    assert "\x1b" not in done.out and "01-be\\u001bstuur.md" in done.out


# --- refused Markdown ------------------------------------------------------------------------------


@pytest.mark.parametrize("markdown,words", [
    ("| a | b |\n| --- | --- |\n| 1 | 2 |\n", "a table is not supported"),
    ("![logo](https://example.org/x.png)\n", "an image ('![…](…)') is not supported"),
    ("[klik](javascript:alert(1))\n", "link target 'javascript:alert(1)' must start with https://"),
    ("<data:text/html,hi>\n", "must start with https://"),
    ("[x](file:///etc/passwd)\n", "must start with https://"),
])
def test_refused_markdown_in_prose_names_its_line(content_copy, markdown, words):
    path = content_copy / "intro.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + markdown, encoding="utf-8")
    line = path.read_text(encoding="utf-8").count("\n") - markdown.count("\n") + 1
    found = problems(content_copy)
    assert len(found) == 1 and found[0].startswith(f"intro.md:{line}: ") and words in found[0], found


@pytest.mark.parametrize("markup,words", [
    ("*echt*", "emphasis ('*…*' or '_…_') is not printed in questions"),
    ("**echt**", "strong text ('**…**') is not printed in questions"),
    ("[link](https://example.org)", "a link cannot be printed in a question"),
    ("<https://example.org>", "a link cannot be printed in a question"),
    ("`code`", "code ('`…`') is not printed in questions"),
    ("![x](https://example.org/x.png)", "an image is not supported"),
])
def test_markup_in_a_question_is_refused_with_its_line(content_copy, markup, words):
    edit(content_copy, THEME, "2. Bestaat er", f"2. Bestaat {markup} er")
    line = line_of(content_copy, THEME, "2. Bestaat")
    assert problems(content_copy) == [f"{THEME}:{line}: question 2: " + next(
        p.split("question 2: ", 1)[1] for p in problems(content_copy))]
    assert words in problems(content_copy)[0]


def test_escaped_markup_characters_in_a_question_are_text(content_copy):
    edit(content_copy, THEME, "2. Bestaat er", "2. Bestaat \\*echt\\* er")
    assert theme(load(content_copy), "bestuur").questions[1].text.startswith("Bestaat *echt* er")


# --- theme file names --------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".MD", ".Md", ".md.txt", ".markdown"])
def test_theme_files_with_other_md_suffixes_are_read(content_copy, suffix):
    (content_copy / THEME).rename(content_copy / "themes" / f"01-bestuur{suffix}")
    assert "bestuur" in [t.id for t in load(content_copy).themes]


def test_another_file_in_themes_is_named_in_a_warning(cli, content_copy, tmp_path):
    (content_copy / "themes" / "notes.txt").write_text("not a theme")
    (content_copy / "themes" / "01-bestuur.md~").write_text("an editor's backup")
    assert load(content_copy).notes == ("themes/notes.txt: not read (theme files end in .md)",)
    done = cli("check", content_copy)
    assert done.code == 0 and "warning: themes/notes.txt: not read" in done.err and "md~" not in done.err
    built = cli("build", "diagram", "--content", content_copy, "--out", tmp_path / "out", "--layouts", LAYOUTS)
    assert built.code == 0 and "warning: themes/notes.txt: not read" in built.err


def test_a_non_utf8_file_name_is_a_clear_error(cli, content_copy):
    name = os.fsdecode(b"07-caf\xe9.md")
    (content_copy / "themes" / name).write_bytes((content_copy / THEME).read_bytes())
    done = cli("check", content_copy)
    assert done.code == 1
    assert done.err == "error: themes/07-caf\\xe9.md: the file name is not UTF-8 text; rename the file\n"


# --- easier authoring --------------------------------------------------------------------------------


def test_questions_as_a_bulleted_list_are_numbered_automatically(content_copy):
    text = (content_copy / THEME).read_text(encoding="utf-8")
    head, body = text.split("---\n", 2)[1:]
    bullets = "".join(f"- {line.split('. ', 1)[1]}\n" for line in body.splitlines() if line.strip())
    (content_copy / THEME).write_text(f"---\n{head}---\n{bullets}", encoding="utf-8")
    before = theme(load(Path(__file__).resolve().parent.parent / "content"), "bestuur").questions
    after = theme(load(content_copy), "bestuur").questions
    assert [(q.number, q.text) for q in after] == [(q.number, q.text) for q in before]
    assert [q.source.line for q in after] == [q.source.line for q in before]


def test_a_question_inserted_into_a_bulleted_list_needs_no_renumbering(content_copy):
    text = (content_copy / THEME).read_text(encoding="utf-8")
    lines = text.split("\n")
    start = lines.index("---", 1) + 1
    lines = lines[:start] + ["- " + l.split(". ", 1)[1] if l[:1].isdigit() else l for l in lines[start:]]
    lines.insert(start + 1, "- Een nieuwe vraag?")
    (content_copy / THEME).write_text("\n".join(lines), encoding="utf-8")
    questions = theme(load(content_copy), "bestuur").questions
    assert [q.number for q in questions] == list(range(1, len(questions) + 1))
    assert questions[1].text == "Een nieuwe vraag?"


def test_numbered_lists_still_check_their_numbers(content_copy):
    edit(content_copy, THEME, "\n3. ", "\n4. ")
    found = problems(content_copy)
    assert len(found) == 1 and "expected 3, found 4" in found[0] and "bulleted list" in found[0]


def test_a_break_hint_at_a_space_is_allowed_in_a_label(content_copy):
    edit(content_copy, THEME, "name: Bestuur", "name: Financing and cost sharing\nlabel: Financing and| cost sharing")
    assert theme(load(content_copy), "bestuur").label == "Financing and| cost sharing"


def test_a_label_that_differs_from_the_name_is_still_refused(content_copy):
    edit(content_copy, THEME, "name: Bestuur", "name: Financing and cost sharing\nlabel: Financing| cost sharing")
    assert "must be the name" in problems(content_copy)[0]


@pytest.mark.parametrize("name,old,new", [
    (META, "credit: Geeske", "credit: Photo: Geeske"),
    (META, "  contents: Inhoud", "  contents: Inhoud:"),
    (THEME, "name: Bestuur", "name: Bestuur: beleid"),
])
def test_a_value_with_a_colon_gets_quoting_advice_with_its_line(content_copy, name, old, new):
    edit(content_copy, name, old, new)
    line = line_of(content_copy, name, new)
    found = problems(content_copy)
    assert len(found) == 1 and found[0].startswith(f"{name}:{line}: "), found
    assert "must be in double quotes" in found[0]


def test_a_quoted_value_with_a_colon_is_read(content_copy):
    edit(content_copy, META, "credit: Geeske", 'credit: "Photo: Geeske')
    edit(content_copy, META, "in opdracht van de VNG", 'in opdracht van de VNG"')
    assert load(content_copy).meta.credit.startswith("Photo: Geeske")


# --- a word too long for every line ------------------------------------------------------------------


def test_a_200_letter_word_names_the_question_line_and_a_real_overflow(cli, content_copy, tmp_path):
    edit(content_copy, THEME, "2. Bestaat er", "2. Bestaat " + "a" * 200 + " er")
    line = line_of(content_copy, THEME, "2. Bestaat")
    done = cli("build", "poster", "cards", "--no-previews", "--content", content_copy, "--out", tmp_path / "out",
               "--layouts", LAYOUTS)
    assert done.code == 1
    errors = [l for l in done.err.splitlines() if l.startswith("error: ")]
    assert len(errors) == 2 and all(f"{THEME}:{line}" in e for e in errors), errors
    for error in errors:
        overflow = float(error.split("a word is ")[1].split(" mm")[0])
        assert 100 < overflow < 1000, error  # 200 letters at 10-24 pt are 350-850 mm wide
