"""Shared fixtures: the default content, copies of it to break, and running the CLI in-process."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
A11Y = ROOT / "tests" / "a11y"
LAYOUTS = ROOT / "layouts"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the default content."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run `praatplaat ARGS…` in-process; returns exit code and captured output."""
    from generator.cli import main

    def run(*args: str) -> Run:
        monkeypatch.setattr(sys, "argv", ["praatplaat", *map(str, args)])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def plaat():
    from generator.loader import load

    return load(CONTENT)


def browser_tools() -> str:
    """node, with Debian's chromium, axe-core and playwright-core at hand (`make test` installs
    them through scripts/install-test-deps.sh); fails naming what is missing."""
    node = shutil.which("node")
    missing = [what for what, ok in (
        ("node", node), ("chromium", Path("/usr/bin/chromium").exists() or shutil.which("chromium")),
        ("axe-core", (A11Y / "node_modules" / "axe-core" / "axe.min.js").exists()),
        ("playwright-core", (A11Y / "node_modules" / "playwright-core").exists()),
    ) if not ok]
    assert not missing, f"missing {', '.join(missing)}: run `make test-deps` (make test does)"
    return node


def stop_process(process, reader, sig: int, wait: float) -> int:
    """Send `sig` to a test's child process and return its exit code; kill it if it does not
    end within `wait` seconds, and join the thread that reads its output."""
    if process.poll() is None:
        process.send_signal(sig)
    try:
        return process.wait(timeout=wait)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reader.join(timeout=wait)
