"""Broken content folders: every kind of mistake gives exit 1 and `file:line: message`, no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

THEME = "themes/01-bestuur.md"


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


# Each case: (description, mutate(content_dir) -> (file, line or None), expected words in the message)
def _missing_field(c: Path):
    replace(c / THEME, "name: Bestuur\n", "")
    return THEME, None, "missing field 'name'"


def _unknown_field(c: Path):
    replace(c / THEME, "level: 1\n", "level: 1\nlvel: 2\n")
    return THEME, line_of(c / THEME, "lvel:"), "unknown field 'lvel'"


def _level_not_number(c: Path):
    replace(c / THEME, "level: 1\n", "level: hoog\n")
    return THEME, line_of(c / THEME, "level:"), "level must be a number"


def _empty_question(c: Path):
    replace(c / THEME, "\n3. ", "\n3.\n4. ZZZ\n5. ")  # question 3 empty, and numbers shift
    return THEME, line_of(c / THEME, "3."), "question 3 is empty"


def _numbering(c: Path):
    replace(c / THEME, "\n4. ", "\n5. ")
    return THEME, line_of(c / THEME, "5. Is er sprake"), "expected 4, found 5"


def _duplicate_id(c: Path):
    replace(c / "themes/02-visievorming.md", "id: visievorming", "id: bestuur")
    return "themes/02-visievorming.md", line_of(c / "themes/02-visievorming.md", "---"), "already used"


def _broken_yaml(c: Path):
    replace(c / "praatplaat.yaml", "publisher: VNG", "publisher: [VNG")
    return "praatplaat.yaml", None, "broken YAML"


def _not_utf8(c: Path):
    path = c / THEME
    data = path.read_bytes().replace("gemeentelijke".encode(), "gemeentelijke \xe9".encode("latin-1"), 1)
    path.write_bytes(data)
    return THEME, line_of_bytes(data, b"\xe9"), "not UTF-8"


def line_of_bytes(data: bytes, needle: bytes) -> int:
    return data[: data.index(needle)].count(b"\n") + 1


def _wrong_type(c: Path):
    replace(c / THEME, "name: Bestuur", "name: [Bestuur, Raad]")
    return THEME, line_of(c / THEME, "name:"), "'name' must be text"


def _missing_file(c: Path):
    (c / "intro.md").unlink()
    return "intro.md", None, "file not found"


def _missing_label(c: Path):
    replace(c / "praatplaat.yaml", "  notes:", "  nootjes:")
    return "praatplaat.yaml", line_of(c / "praatplaat.yaml", "nootjes:"), "unknown field 'nootjes'"


def _yaml_tag(c: Path):
    replace(c / THEME, "name: Bestuur", "name: !!python/object/apply:os.system [echo hacked]")
    return THEME, line_of(c / THEME, "name:"), "tag"


def _yaml_alias(c: Path):
    replace(c / "praatplaat.yaml", "publisher: VNG", "publisher: &a VNG\ncopy: *a")
    return "praatplaat.yaml", line_of(c / "praatplaat.yaml", "publisher: &a"), "anchors"


def _control_char(c: Path):
    replace(c / THEME, "Wat weten", "Wat\x07 weten")
    return THEME, line_of(c / THEME, "\x07"), "control character U+0007"


def _undefined_footnote(c: Path):
    replace(c / "reflection.md", "[^1]", "[^9]")
    return "reflection.md", None, "footnote [^9] is used but not defined"


def _bad_colour(c: Path):
    replace(c / THEME, "level: 1\n", "level: 1\ncolour: blauw\n")
    return THEME, line_of(c / THEME, "colour:"), "colour must look like"


def _no_front_matter(c: Path):
    path = c / THEME
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("---", 2)[2].lstrip(), encoding="utf-8")
    return THEME, 1, "must start with front matter"


def _stray_text(c: Path):
    path = c / THEME
    path.write_text(path.read_text(encoding="utf-8") + "\nEen losse alinea.\n", encoding="utf-8")
    return THEME, line_of(path, "Een losse alinea"), "only a numbered list"


def _missing_folder(c: Path):
    import shutil

    shutil.rmtree(c)
    return "content", None, "content folder not found"


CASES = [_missing_field, _unknown_field, _level_not_number, _empty_question, _numbering, _duplicate_id,
         _broken_yaml, _not_utf8, _wrong_type, _missing_file, _missing_label, _yaml_tag, _yaml_alias,
         _control_char, _undefined_footnote, _bad_colour, _no_front_matter, _stray_text, _missing_folder]


@pytest.mark.parametrize("mutate", CASES, ids=[c.__name__.strip("_") for c in CASES])
def test_broken_content_is_reported_with_file_and_line(mutate, content_copy, cli):
    file, line, words = mutate(content_copy)
    result = cli("check", content_copy)
    assert result.code == 1
    assert "Traceback" not in result.err + result.out
    errors = [l for l in result.err.splitlines() if l.startswith("error: ")]
    assert errors, result.err
    matching = [l for l in errors if words in l]
    assert matching, f"no error says {words!r}: {errors}"
    where = f"{file}:{line}:" if line else f"{file}"
    assert any(where in l for l in matching), f"no error names {where}: {matching}"


def test_all_problems_are_reported_at_once(content_copy, cli):
    _unknown_field(content_copy)
    _bad_colour(content_copy)
    _undefined_footnote(content_copy)
    result = cli("check", content_copy)
    assert result.code == 1
    assert len([l for l in result.err.splitlines() if l.startswith("error: ")]) >= 3


def test_every_error_is_one_line(content_copy, cli):
    _broken_yaml(content_copy)
    result = cli("check", content_copy)
    for line in result.err.splitlines():
        assert re.match(r"^error: \S+", line), line
