"""Layout files are checked against their product's schema when read: unknown keys, wrong kinds,
values out of range or not allowed fail at once with file:line, the setting and a suggestion."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from generator.errors import ConfigError
from generator.styles import SCHEMAS, DiagramStyle, PosterStyle, load_layout, load_part, load_style, scaled
from generator.styles.diagram import DiagramParts
from generator.styles.read import schema_for
from generator.styles.reference import DOC, reference
from generator.styles.spec import settings
from generator.units import mm
from generator.yamlfile import load_yaml

from conftest import LAYOUTS

FILES = sorted(p.stem for p in LAYOUTS.glob("*.yaml"))


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


def _product_for(name: str) -> str:
    """A product layout that reads `name` (itself, or for base.yaml the diagram)."""
    return "diagram" if name == "base" else name


def _misspelt(key: str) -> str:
    """A near miss: two neighbouring letters swapped (or a letter doubled for short keys)."""
    if len(key) >= 4:
        i = len(key) // 2
        swapped = key[:i - 1] + key[i] + key[i - 1] + key[i + 1:]
        if swapped != key:
            return swapped
    return key + key[-1]


def _deepest_key(data: dict) -> tuple[str, str]:
    """The last leaf setting of a parsed file: (its key, its dotted path)."""
    path, value = [], data
    while True:
        key = [k for k in value if k != "extends"][-1]
        path.append(key)
        if not isinstance(value[key], dict):
            return key, ".".join(path)
        value = value[key]


@pytest.mark.parametrize("name", [n for n in FILES if n != "base"])  # base.yaml is no product: it is read through each
def test_every_shipped_layout_reads_as_its_schema(name):
    style = load_style(LAYOUTS, name)
    assert isinstance(style, schema_for([name])) and style.name == name


@pytest.mark.parametrize("name", FILES)
def test_a_misspelt_key_in_every_layout_file_names_file_line_and_suggests(layouts, name):
    key, path = _deepest_key(load_yaml((layouts / f"{name}.yaml").read_text(encoding="utf-8")))
    wrong = _misspelt(key)
    text = (layouts / f"{name}.yaml").read_text(encoding="utf-8")
    lines = text.split("\n")
    line = next(i for i in range(len(lines) - 1, -1, -1) if re.match(rf"\s*{re.escape(key)}:", lines[i])) + 1
    lines[line - 1] = lines[line - 1].replace(f"{key}:", f"{wrong}:", 1)
    (layouts / f"{name}.yaml").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_style(layouts, _product_for(name))
    parent = path.rsplit(".", 1)[0] + "." if "." in path else ""
    assert str(caught.value).startswith(f"{layouts / (name + '.yaml')}:{line}: unknown setting '{parent}{wrong}' "
                                        f"(did you mean '{key}'?)")


def test_sise_suggests_size(layouts):
    line = _edit(layouts, "handout.yaml", "  size: 10.5", "  sise: 10.5")
    with pytest.raises(ConfigError, match=re.escape(f"handout.yaml:{line}: unknown setting 'body.sise' "
                                                    f"(did you mean 'size'?); known in 'body': size, leading")):
        load_style(layouts, "handout")


def test_a_bad_weight_lists_the_weights_and_suggests(layouts):
    line = _edit(layouts, "diagram.yaml", "weight: bold", "weight: bolt")
    with pytest.raises(ConfigError) as caught:
        load_style(layouts, "diagram")
    assert str(caught.value) == (f"{layouts / 'diagram.yaml'}:{line}: 'names.weight' must be one of regular, "
                                 f"semibold, bold, not 'bolt' (did you mean 'bold'?)")
    _edit(layouts, "diagram.yaml", "weight: bolt", "weight: heavy")
    with pytest.raises(ConfigError, match=r"'names.weight' must be one of regular, semibold, bold, not 'heavy'$"):
        load_style(layouts, "diagram")


@pytest.mark.parametrize(("file", "old", "new", "setting"), [
    ("poster.yaml", "bleed: 3 ", "bleed: 3000 ", "bleed"),
    ("diagram.yaml", "label_size: 13", "label_size: 0", "axis.label_size"),
    ("diagram.yaml", "shrink: 0.97", "shrink: 0", "names.shrink"),
    ("diagram.yaml", "max_lines: 4", "max_lines: 2.5", "names.max_lines"),
    ("handout.yaml", "line_gap: 8.5", "line_gap: 0", "notes.line_gap"),  # once an endless loop
    ("handout.yaml", "left: 24", "left: -24", "margin.left"),
    ("base.yaml", "min_left: 3", "min_left: 0", "hyphenation.min_left"),
    ("base.yaml", '  text: "#1b1b1f"', "  text: dark", "palette.text"),
    ("cards-questions-a4.yaml", "edge: 5", "edge: 1", "sheet.edge"),
    ("cards-questions-a4.yaml", "paper: A4", "paper: A11", "sheet.paper"),
    ("poster.yaml", "lanes: [2]", "lanes: [0]", "diagram.lanes"),
    ("poster.yaml", "order: [diagram,", "order: [diagramm,", "centre.order"),
])
def test_a_value_not_allowed_names_file_line_and_setting(layouts, file, old, new, setting):
    line = _edit(layouts, file, old, new)
    product = _product_for(file.removesuffix(".yaml"))
    with pytest.raises(ConfigError) as caught:
        load_style(layouts, product)
    assert str(caught.value).startswith(f"{layouts / file}:{line}: '{setting}' must be ")


def test_a_list_entry_is_checked_with_its_index(layouts):
    line = _edit(layouts, "poster.yaml", "{text: 0.2, centre: 0.22}", "{text: 0.2, centter: 0.22}")
    with pytest.raises(ConfigError, match=re.escape(f"poster.yaml:{line}: unknown setting "
                                                    f"'columns.portrait[4].centter' (did you mean 'centre'?)")):
        load_style(layouts, "poster")


def test_min_size_above_max_size_fails_at_the_line_that_was_changed(layouts):
    line = _edit(layouts, "diagram.yaml", "max_size: 40", "max_size: 10")
    with pytest.raises(ConfigError) as caught:
        load_style(layouts, "diagram")
    assert str(caught.value) == (f"{layouts / 'diagram.yaml'}:{line}: 'names.min_size' (14) must not be larger "
                                 f"than 'names.max_size' (10)")


def test_a_pair_split_over_two_files_points_at_the_file_that_extends(layouts):
    # cards-questions-print.yaml extends cards-questions-a4.yaml, which sets question.comfortable: 12
    _edit(layouts, "cards-questions-print.yaml", "  comfortable: 12\n", "")
    line = _edit(layouts, "cards-questions-print.yaml", "max_size: 17", "max_size: 11.5")
    with pytest.raises(ConfigError, match=r"'question.comfortable' \(12\) must not be larger than "
                                          r"'question.max_size' \(11.5\)") as caught:
        load_style(layouts, "cards-questions-print")
    assert str(caught.value).startswith(f"{layouts / 'cards-questions-print.yaml'}:{line}: ")


def test_a_missing_setting_names_the_file_and_what_it_must_be(layouts):
    _edit(layouts, "handout.yaml", "  widows: 2 ", "  #widows: 2 ")
    with pytest.raises(ConfigError, match=r"handout.yaml: missing setting 'body.widows' .*whole number from 1"):
        load_style(layouts, "handout")


def test_lengths_arrive_in_points_and_scale_with_the_paper():
    style = load_style(LAYOUTS, "poster")
    assert style.margin == pytest.approx(mm(20)) and style.bleed == pytest.approx(mm(3))
    half = scaled(style, 0.5)
    assert half.margin == pytest.approx(mm(10)) and half.names.min_size == pytest.approx(14)
    assert half.bleed == style.bleed and half.panel.tint == style.panel.tint  # not lengths of the design
    assert half.columns.portrait == style.columns.portrait
    with pytest.raises(dataclasses.FrozenInstanceError):
        style.margin = 0  # type: ignore[misc]


def test_a_poster_larger_than_a0_and_a_half_point_size_are_allowed(layouts):
    with open(layouts / "poster.yaml", "a", encoding="utf-8") as file:
        file.write("size_mm: [1000, 1414]\n")  # B0
    _edit(layouts, "poster.yaml", "max: 56 ", "max: 30.5 ")
    style = load_style(layouts, "poster")
    assert style.page_size() == pytest.approx((mm(1000), mm(1414)))
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
        load_style(layouts, "handout")


def test_a_section_given_as_a_number_is_refused(layouts):
    text = (layouts / "html.yaml").read_text(encoding="utf-8")
    (layouts / "html.yaml").write_text(re.sub(r"challenge:\n  tint: 0.9", "challenge: 0.9", text), encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape("'challenge' must be settings ('name: value'), not 0.9")):
        load_style(layouts, "html")


def test_a_layout_of_ones_own_is_read_with_the_schema_it_extends(layouts):
    (layouts / "cards-mine.yaml").write_text("extends: cards-themes-a4\nfront:\n  name_sise: 20\n")
    with pytest.raises(ConfigError, match=r"cards-mine.yaml:3: unknown setting 'front.name_sise' "
                                          r"\(did you mean 'name_size'\?\)"):
        load_style(layouts, "cards-mine")


def test_every_schema_setting_is_set_by_a_shipped_layout():
    def paths(cls, prefix=""):
        for name, (_, spec) in settings(cls).items():
            if spec.unit == "section":
                yield from paths(spec.section, f"{prefix}{name}.")
            elif not spec.optional:
                yield f"{prefix}{name}"

    def is_set(merged: dict, path: str) -> bool:
        value = merged
        for part in path.split("."):
            if not isinstance(value, dict) or part not in value:
                return False
            value = value[part]
        return True

    unset = []
    for name, cls in SCHEMAS.items():
        shipped = [n for n in FILES if n == name or n.startswith(f"{name}-")]
        assert shipped, f"no shipped layout for the schema {name!r}"
        merged = load_layout(LAYOUTS, shipped[0])
        unset += [f"{shipped[0]}: {path}" for path in paths(cls) if not is_set(merged, path)]
    assert unset == [], "schema settings that no shipped layout sets"


def test_the_layout_reference_is_current():
    assert DOC.read_text(encoding="utf-8") == reference(), "run python -m generator.styles.reference"


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


@pytest.mark.parametrize("product", ["handout", "html"])
def test_a_borrowed_diagram_layout_without_the_diagram_settings_is_refused_in_one_line(layouts, tmp_path, cli,
                                                                                       product):
    _edit(layouts, f"{product}.yaml", "layout: diagram", "layout: base")
    result = cli("build", "--layouts", layouts, "--out", tmp_path / "out", product)
    assert result.code == 1 and result.err.count("\n") == 1, result.err
    assert f"{product}.yaml: 'diagram.layout' names base.yaml, which lacks the sections diagram, band" in result.err
    assert "Traceback" not in result.err and "unexpected" not in result.err


def test_a_borrowed_diagram_layout_is_read_with_its_own_schema(layouts):
    (layouts / "diagram-mine.yaml").write_text("extends: diagram\npalette:\n  gradient_start: '#112233'\n")
    mine = load_part(layouts, "diagram-mine", DiagramParts, "html.yaml: 'diagram.layout'")
    assert isinstance(mine, DiagramStyle) and mine.palette.gradient_start == "#112233"
    assert isinstance(load_part(layouts, "poster", DiagramParts, "html.yaml: 'diagram.layout'"), PosterStyle)
