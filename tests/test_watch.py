"""`praatplaat watch` as a user runs it: a subprocess on a copy of the content, edited by the test.

Every wait is bounded (polling up to WAIT seconds); the watcher is always stopped at the end.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import LAYOUTS, ROOT, stop_process

THEME = "themes/01-bestuur.md"
WAIT = 10.0
PRAATPLAAT = Path(sys.executable).parent / "praatplaat"


class Watcher:
    """A running `praatplaat watch`, with its output lines collected by a reader thread."""

    def __init__(self, *args: str | Path) -> None:
        self.process = subprocess.Popen(
            [str(PRAATPLAAT), "watch", *map(str, args)], cwd=ROOT, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, bufsize=1,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, predicate, what: str):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            if self.process.poll() is not None:
                time.sleep(0.05)  # let the reader catch the last lines
                break
            time.sleep(0.02)
        raise AssertionError(f"waited {WAIT} s for {what}; watcher said:\n" + "\n".join(self.lines))

    def line_after(self, start: int, *words: str) -> str:
        return self.wait_for(
            lambda: next((l for l in self.lines[start:] if all(w in l for w in words)), None),
            f"a line with {words}")

    def stop(self) -> int:
        return stop_process(self.process, self.reader, signal.SIGINT, WAIT)


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_watch_rebuilds_reports_bad_edits_keeps_outputs_and_recovers(content_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    watcher = Watcher("--content", content_copy, "--out", out, "--layouts", LAYOUTS)
    try:
        watcher.line_after(0, "watching")
        start_line = watcher.line_after(0, "start: rebuilt")
        assert "file(s) written in" in start_line
        first = snapshot(out)
        assert "build.json" in first and "poster-a0.pdf" in first
        assert not [name for name in first if name.startswith("previews/")]  # previews: `build` only

        # a good edit: rebuilt, new bytes on disk
        mark = len(watcher.lines)
        edit(content_copy / THEME, "Bestaat er naar uw mening", "Bestaat er volgens u")
        line = watcher.line_after(mark, "01-bestuur.md", "rebuilt")
        assert " ms" in line
        second = snapshot(out)
        assert second != first

        # a bad edit: one error line naming file and line, outputs untouched
        mark = len(watcher.lines)
        edit(content_copy / THEME, "level: 1", "level: hoog")
        error = watcher.line_after(mark, "error:")
        assert "themes/01-bestuur.md:" in error and "level" in error
        assert "kept the last good outputs" in error
        time.sleep(0.3)  # give a (wrong) late write the chance to show
        assert snapshot(out) == second
        assert not [p for p in out.rglob("*.tmp")]

        # the next good save recovers
        mark = len(watcher.lines)
        edit(content_copy / THEME, "level: hoog", "level: 1")
        edit(content_copy / THEME, "Bestaat er volgens u", "Bestaat er volgens jullie")
        watcher.line_after(mark, "rebuilt")
        assert snapshot(out) not in (first, second)
    finally:
        code = watcher.stop()
    assert code == 0
    assert watcher.lines[-1] == "stopped"
    assert not any("Traceback" in line for line in watcher.lines)


def test_watch_stops_cleanly_on_sigterm(content_copy: Path, tmp_path: Path):
    watcher = Watcher("diagram", "--content", content_copy, "--out", tmp_path / "out", "--layouts", LAYOUTS)
    try:
        watcher.line_after(0, "watching")
        watcher.process.send_signal(signal.SIGTERM)
        assert watcher.process.wait(timeout=WAIT) == 0
    finally:
        watcher.stop()
    assert not any("Traceback" in line for line in watcher.lines)


def test_watch_refuses_a_missing_content_folder(tmp_path: Path):
    run = subprocess.run([str(PRAATPLAAT), "watch", "--content", tmp_path / "nope", "--out", tmp_path / "out"],
                         cwd=ROOT, capture_output=True, text=True, timeout=WAIT)
    assert run.returncode == 1
    assert run.stderr.strip() == f"error: {tmp_path / 'nope'}: folder not found"


@pytest.mark.parametrize("name,relevant", [
    ("themes/01-bestuur.md", True), ("praatplaat.yaml", True), ("themes/.01-bestuur.md.swp", False),
    ("themes/01-bestuur.md~", False), ("notes.txt", False), ("out/notes.md", False),
])
def test_only_content_and_layout_files_trigger_a_rebuild(tmp_path: Path, name: str, relevant: bool):
    from generator.watch import _Filter

    assert _Filter(tmp_path / "out")(None, str(tmp_path / name)) is relevant


def test_content_inside_the_output_folder_still_triggers_a_rebuild(tmp_path: Path):
    """`--out .` beside `content/`: saves in content/ count, other files in the output folder do not."""
    from generator.watch import _Filter

    relevant = _Filter(tmp_path, (tmp_path / "content", tmp_path / "layouts"))
    assert relevant(None, str(tmp_path / "content" / "themes" / "01-bestuur.md"))
    assert not relevant(None, str(tmp_path / "notes.md"))
