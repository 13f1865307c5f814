"""Same content and layouts → byte-identical files (PDF, SVG, HTML, PNG, build.json), whatever
the hash seed, the folders or the working directory. The hidden state file is a cache and is
left out of the comparison."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CONTENT, LAYOUTS, ROOT

PRAATPLAAT = Path(sys.executable).parent / "praatplaat"


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def build(content: Path, out: Path, seed: str, cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.Popen([str(PRAATPLAAT), "build", "--content", str(content), "--out", str(out),
                             "--layouts", str(LAYOUTS)], cwd=cwd, env=env, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    """The default content built twice, at once, in separate processes with other hash seeds,
    from copies in differently named folders, into different folders, from different working
    directories."""
    tmp = tmp_path_factory.mktemp("reproducible")
    first_content = tmp / "a" / "content-xq7"
    second_content = tmp / "b" / "other-name"
    shutil.copytree(CONTENT, first_content)
    shutil.copytree(CONTENT, second_content)
    runs = [build(first_content, tmp / "out-zk9", "0", ROOT), build(second_content, tmp / "out-b", "1", tmp)]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    return tmp / "out-zk9", tmp / "out-b"


def test_two_builds_are_byte_identical(two_builds):
    first, second = (files(out) for out in two_builds)
    assert first.keys() == second.keys()
    suffixes = {Path(name).suffix for name in first}
    assert {".pdf", ".svg", ".html", ".png", ".json"} <= suffixes
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_outputs_hold_no_timestamp_and_no_folder_names(two_builds):
    today = [time.strftime(f).encode() for f in ("%Y%m%d", "%Y-%m-%d", "%d %b %Y")]
    for name, data in files(two_builds[0]).items():
        for stamp in today:
            assert stamp not in data, f"{name} holds today's date {stamp!r}"
        for folder in (b"content-xq7", b"out-zk9", str(ROOT).encode()):
            assert folder not in data, f"{name} holds the folder name {folder!r}"


def test_a_second_build_in_the_same_process_gives_the_same_bytes(tmp_path, two_builds):
    """Caches warmed by a first build (fonts, hyphenation, text widths) change nothing."""
    from generator.build import build as run_build
    from generator.products import Options

    options = Options(layouts=LAYOUTS)
    run_build(CONTENT, tmp_path / "one", (), options, jobs=1)
    run_build(CONTENT, tmp_path / "two", (), options, jobs=1)
    assert files(tmp_path / "one") == files(tmp_path / "two") == files(two_builds[0])
