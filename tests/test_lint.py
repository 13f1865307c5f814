"""praatplaat lint: likely slips are warned about (exit 0); the text itself is never changed."""

from __future__ import annotations

from pathlib import Path

THEME = "themes/01-bestuur.md"


def edit(content: Path, old: str, new: str) -> None:
    path = content / THEME
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def warnings_for(cli, content: Path) -> list[str]:
    result = cli("lint", content)
    assert result.code == 0
    return [l for l in result.out.splitlines() if ": warning: " in l]


def test_each_kind_of_slip_is_warned_about_with_file_and_line(content_copy, cli):
    before = set(warnings_for(cli, content_copy))
    edit(content_copy, "Wat weten bestuurders", "Wat weten weten bestuurders")
    edit(content_copy, "van de Omgevingswet?", "van de  Omgevingswet")
    edit(content_copy, "(voldoende)", "'voldoende'")
    edit(content_copy, "Is er sprake van", "Is er sprake van " + "een heel lange vraag " * 15 + "en")
    new = set(warnings_for(cli, content_copy)) - before
    text = "\n".join(new)
    lines = (content_copy / THEME).read_text(encoding="utf-8").split("\n")
    line = next(i for i, l in enumerate(lines, start=1) if "weten weten" in l)
    assert f"{THEME}:{line}: warning: doubled word 'weten weten'" in text
    assert "double space" in text and "does not end with '?'" in text
    assert "straight quote" in text
    assert "characters long" in text


def test_clean_text_gives_no_warning(tmp_path, content_copy, cli):
    edit(content_copy, "Wat weten bestuurders", "Wat weten bestuurders")
    lines = warnings_for(cli, content_copy)
    assert not any(THEME in l for l in lines), lines


def test_lint_does_not_change_files(content_copy, cli):
    before = {p: p.read_bytes() for p in content_copy.rglob("*") if p.is_file()}
    cli("lint", content_copy)
    assert before == {p: p.read_bytes() for p in content_copy.rglob("*") if p.is_file()}
