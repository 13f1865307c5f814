"""Layouts from anywhere (issue 13, point 7): the default layouts ship inside the package;
`--layouts` or a `layouts/` folder beside the content overrides them; `praatplaat build` works
from any working folder. (A non-editable `pip install .` into a fresh venv was checked by hand:
see docs/builds.md.)"""

from __future__ import annotations

import shutil
import tomllib

from generator.paths import PACKAGED_LAYOUTS, layouts_folder

from conftest import CONTENT, LAYOUTS, ROOT


def test_the_package_holds_the_layouts_folder_itself():
    assert sorted(p.name for p in PACKAGED_LAYOUTS.glob("*.yaml")) == sorted(p.name for p in LAYOUTS.glob("*.yaml"))
    assert all((PACKAGED_LAYOUTS / p.name).read_bytes() == p.read_bytes() for p in LAYOUTS.glob("*.yaml"))
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "layouts/*.yaml" in data["tool"]["setuptools"]["package-data"]["generator"]


def test_given_beats_beside_beats_packaged(tmp_path):
    content = tmp_path / "work" / "content"
    content.mkdir(parents=True)
    assert layouts_folder(content) == PACKAGED_LAYOUTS
    (tmp_path / "work" / "layouts").mkdir()
    assert layouts_folder(content) == PACKAGED_LAYOUTS  # an empty folder is not a layouts folder
    (tmp_path / "work" / "layouts" / "base.yaml").write_text("{}\n")
    assert layouts_folder(content).resolve() == (tmp_path / "work" / "layouts").resolve()
    assert layouts_folder(content, tmp_path / "mine") == tmp_path / "mine"


def test_build_works_from_any_working_folder(cli, tmp_path, monkeypatch):
    shutil.copytree(CONTENT, tmp_path / "somewhere" / "content")
    monkeypatch.chdir(tmp_path / "somewhere")
    done = cli("build", "diagram", "--no-previews")
    assert done.code == 0, done.err
    assert (tmp_path / "somewhere" / "output" / "diagram.pdf").read_bytes()[:5] == b"%PDF-"


def test_a_layouts_folder_beside_the_content_overrides_the_packaged_one(cli, tmp_path, monkeypatch):
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(LAYOUTS, tmp_path / "layouts")
    (tmp_path / "layouts" / "diagram.yaml").write_text("extends: base\nsise: 30\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    beside = cli("build", "diagram", "--no-previews", "--out", tmp_path / "one")
    assert beside.code == 1 and "diagram.yaml:2: unknown setting 'sise'" in beside.err
    given = cli("build", "diagram", "--no-previews", "--out", tmp_path / "two", "--layouts", PACKAGED_LAYOUTS)
    assert given.code == 0, given.err
