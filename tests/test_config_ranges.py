"""Layout settings outside their range fail at once, naming the file, the line and the setting."""

from __future__ import annotations

import re
import shutil
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

from generator.config import load_layout
from generator.config_ranges import RULES, rule_for
from generator.errors import ConfigError

from conftest import LAYOUTS


def _paths(data: dict, prefix: str = ""):
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _paths(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _shipped_settings() -> list[tuple[str, str, object]]:
    from generator.yamlfile import load_yaml

    return [(path.stem, setting, value)
            for path in sorted(LAYOUTS.glob("*.yaml"))
            for setting, value in _paths(load_yaml(path.read_text(encoding="utf-8")))]


@pytest.fixture
def layouts(tmp_path: Path) -> Path:
    target = tmp_path / "layouts"
    shutil.copytree(LAYOUTS, target)
    return target


def _edit(folder: Path, file: str, old: str, new: str) -> int:
    """Replace `old` by `new` in a layout file; returns the 1-based line of the change."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_every_shipped_number_is_in_its_range():
    for name, setting, value in _shipped_settings():
        rule = rule_for(setting)
        assert rule is None or rule.holds(value), (name, setting, value)


def test_every_rule_but_the_catch_all_matches_a_shipped_setting():
    settings = {setting for _, setting, _ in _shipped_settings()}
    for pattern, _ in RULES[:-1]:
        assert any(fnmatchcase(s, pattern) for s in settings), f"rule {pattern!r} matches no setting"


@pytest.mark.parametrize(("file", "old", "new", "setting"), [
    ("poster.yaml", "bleed: 3 ", "bleed: 3000 ", "bleed"),
    ("diagram.yaml", "label_size: 13", "label_size: 0", "axis.label_size"),
    ("diagram.yaml", "shrink: 0.97", "shrink: 0", "names.shrink"),
    ("diagram.yaml", "max_lines: 4", "max_lines: 2.5", "names.max_lines"),
    ("handout.yaml", "line_gap: 8.5", "line_gap: 0", "notes.line_gap"),  # once an endless loop
    ("handout.yaml", "left: 24", "left: -24", "margin.left"),
    ("base.yaml", "min_left: 3", "min_left: 0", "hyphenation.min_left"),
    ("cards-questions-a4.yaml", "edge: 5", "edge: 1", "sheet.edge"),
])
def test_a_number_out_of_range_names_file_line_and_setting(layouts, file, old, new, setting):
    line = _edit(layouts, file, old, new)
    product = file.removesuffix(".yaml") if file != "base.yaml" else "diagram"
    with pytest.raises(ConfigError) as caught:
        load_layout(layouts, product)
    message = str(caught.value)
    assert message.startswith(f"{layouts / file}:{line}: '{setting}' must be ")
    assert new.split(": ")[1].strip() in message


def test_min_size_above_max_size_fails_at_the_line_that_was_changed(layouts):
    line = _edit(layouts, "diagram.yaml", "max_size: 40", "max_size: 10")
    with pytest.raises(ConfigError) as caught:
        load_layout(layouts, "diagram")
    assert str(caught.value) == (f"{layouts / 'diagram.yaml'}:{line}: 'names.min_size' (14) must not be larger "
                                 f"than 'names.max_size' (10)")


def test_a_pair_split_over_two_files_points_at_the_file_that_extends(layouts):
    # cards-questions-print.yaml extends cards-questions-a4.yaml, which sets question.comfortable: 12
    _edit(layouts, "cards-questions-print.yaml", "  comfortable: 12\n", "")
    line = _edit(layouts, "cards-questions-print.yaml", "max_size: 17", "max_size: 11.5")
    with pytest.raises(ConfigError, match=r"'question.comfortable' \(12\) must not be larger than "
                                          r"'question.max_size' \(11.5\)") as caught:
        load_layout(layouts, "cards-questions-print")
    assert str(caught.value).startswith(f"{layouts / 'cards-questions-print.yaml'}:{line}: ")


def test_a_poster_larger_than_a0_and_a_half_point_size_are_allowed(layouts):
    with open(layouts / "poster.yaml", "a", encoding="utf-8") as file:
        file.write("size_mm: [1000, 1414]\n")  # B0
    _edit(layouts, "poster.yaml", "max: 56 ", "max: 30.5 ")
    assert load_layout(layouts, "poster")["size_mm"] == [1000, 1414]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("padding: [5, 6, 5.5, 7]", "padding: [5, 6]", "a list of 4 numbers, each from 0 to 100 mm, not [5, 6]"),
    ("padding: [5, 6, 5.5, 7]", 'padding: [5, "6", 5.5, 7]', "not [5, '6', 5.5, 7]"),
    ("padding: [5, 6, 5.5, 7]", "padding: 5", "a list of 4 numbers"),
    ("  gap: 8              # text area", "  gap: acht  # text area", "must be a number from 0 to 1200 mm, not 'acht'"),
    ("label_size: 9.5\n  line_gap", "label_size: yes\n  line_gap", "not True"),
    ("min_lines: 4", "min_lines: 4.0", "must be a whole number from 0 to 100, not 4"),
    ("left: 24", "left: 1" + "0" * 400, "not 100000000000… (401 digits)"),
])
def test_lists_words_and_huge_numbers_are_refused_in_one_line(layouts, old, new, expected):
    _edit(layouts, "handout.yaml", old, new)
    with pytest.raises(ConfigError, match=re.escape(expected)):
        load_layout(layouts, "handout")


def test_the_cli_reports_a_bad_setting_in_one_line_and_exits_1(layouts, tmp_path, cli):
    _edit(layouts, "handout.yaml", "line_gap: 8.5", "line_gap: 0")
    result = cli("build", "--layouts", layouts, "--out", tmp_path / "out", "handout")
    assert result.code == 1
    assert result.err.count("\n") == 1 and "notes.line_gap" in result.err
    assert "Traceback" not in result.err and not (tmp_path / "out" / "handout.pdf").exists()


def test_a_column_squeezed_to_nothing_is_a_layout_error_not_a_crash(layouts, tmp_path, cli):
    _edit(layouts, "diagram.yaml", "margin: 14", "margin: 300")  # in range, but A3 is 297 mm high
    result = cli("build", "--layouts", layouts, "--out", tmp_path / "out", "diagram")
    assert result.code == 1
    assert "unexpected" not in result.err and "Traceback" not in result.err
