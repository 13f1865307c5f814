"""The output folder is all-or-nothing (docs/builds.md): whatever stops a build while it writes
(a full disk, a refused write, Ctrl-C, SIGTERM, kill -9), the folder afterwards shows exactly the
old set or exactly the new set of files (md5 of each), the next build succeeds and no temporary
file is left. Two builds into one folder: the second waits; build.json matches the disk."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import generator.build as build_module
import generator.outputs as outputs
from generator.build import build
from generator.errors import PraatplaatError
from generator.products import Options

import faulty_products
from conftest import LAYOUTS, ROOT

TESTS = Path(__file__).resolve().parent


@pytest.fixture
def standins(monkeypatch):
    monkeypatch.setattr(build_module, "registry", lambda: dict(faulty_products.PRODUCTS))


def shown(out: Path) -> dict[str, str]:
    """What a reader sees: md5 of every file that opens, outside the control folder."""
    seen = {}
    for folder, dirs, files in os.walk(out):
        if Path(folder) == out and outputs.CONTROL in dirs:
            dirs.remove(outputs.CONTROL)
        for name in files:
            path = Path(folder, name)
            if path.exists() and path.name != ".make-built":
                seen[path.relative_to(out).as_posix()] = hashlib.md5(path.read_bytes()).hexdigest()
    return seen


def leftovers(out: Path) -> list[str]:
    """Anything a finished build must not leave: temp files, dangling links, spare generations."""
    found = []
    for path in out.rglob("*"):
        if path.name.endswith((".tmp", ".praatplaat-link", "current.new")) or (path.is_symlink() and not path.exists()):
            found.append(path.relative_to(out).as_posix())
    control = out / outputs.CONTROL
    generations = [p.name for p in control.iterdir() if p.name.startswith("g")] if control.is_dir() else []
    if len(generations) > 1:
        found += generations
    return found


def run(content: Path, out: Path, paper: str, **kw):
    return build(content, out, (), Options(layouts=LAYOUTS, paper=paper), jobs=1, **kw)


@pytest.fixture
def sets(standins, content_copy, tmp_path):
    """(old set, new set) as shown(): a build on A1, then one on A2."""
    run(content_copy, tmp_path / "old", "A1")
    run(content_copy, tmp_path / "new", "A2")
    old, new = shown(tmp_path / "old"), shown(tmp_path / "new")
    assert old != new and set(old) != set(new) and old["same.txt"] == new["same.txt"]
    return old, new


def check_recovers(content: Path, out: Path, old: dict, new: dict) -> None:
    """The folder shows old or new; the next build succeeds, shows new, and leaves nothing."""
    assert shown(out) in (old, new)
    run(content, out, "A2")
    assert shown(out) == new
    assert leftovers(out) == []
    manifest = json.loads((out / "build.json").read_bytes())
    listed = {n: f["sha256"] for p in manifest["products"].values() for n, f in p["files"].items()}
    assert {n: hashlib.sha256((out / n).read_bytes()).hexdigest() for n in listed} == listed
    assert set(shown(out)) == set(listed) | {"build.json"}


# --- injected faults in this process ---------------------------------------------------------------

WRITES = 9  # 7 new files + build.json + the state file; same.txt is a hard link


@pytest.mark.parametrize("code,cause", [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only"),
                                        (errno.EACCES, "permission denied"), (errno.EDQUOT, "quota")])
@pytest.mark.parametrize("at", range(WRITES))
def test_a_write_that_fails_leaves_the_old_set(sets, content_copy, tmp_path, monkeypatch, code, cause, at):
    old, new = sets
    out = tmp_path / "out"
    run(content_copy, out, "A1")
    real, calls = outputs._write_file, []

    def failing(path, data):
        calls.append(path)
        if len(calls) > at:
            raise OSError(code, os.strerror(code), str(path))
        real(path, data)

    monkeypatch.setattr(outputs, "_write_file", failing)
    with pytest.raises(PraatplaatError, match=f"cannot write .*{out.name}.*: .*{cause}") as raised:
        run(content_copy, out, "A2")
    assert "\n" not in str(raised.value)
    assert shown(out) == old
    assert leftovers(out) == []
    monkeypatch.setattr(outputs, "_write_file", real)
    check_recovers(content_copy, out, old, new)


def test_the_write_count_above_covers_every_write(sets, content_copy, tmp_path, monkeypatch):
    out, calls = tmp_path / "out", []
    run(content_copy, out, "A1")
    real = outputs._write_file
    monkeypatch.setattr(outputs, "_write_file", lambda p, d: (calls.append(p), real(p, d)))
    run(content_copy, out, "A2")
    assert len(calls) == WRITES


def test_a_folder_where_an_output_goes_is_refused_before_anything_changes(sets, content_copy, tmp_path):
    old, new = sets
    out = tmp_path / "out"
    run(content_copy, out, "A1")
    (out / "poster-A2.txt").mkdir()
    with pytest.raises(PraatplaatError, match=r"cannot write .*poster-A2.txt: it is a folder; move it away"):
        run(content_copy, out, "A2")
    (out / "poster-A2.txt").rmdir()
    assert shown(out) == old and leftovers(out) == []
    check_recovers(content_copy, out, old, new)


def test_a_path_too_long_is_one_line(standins, content_copy, tmp_path):
    out = tmp_path / ("x" * 300)
    with pytest.raises(PraatplaatError, match=r"^cannot write .*xxx.*: the path is too long$"):
        run(content_copy, out, "A1")


def test_a_file_a_user_put_in_the_folder_is_never_removed(sets, content_copy, tmp_path):
    old, new = sets
    out = tmp_path / "out"
    run(content_copy, out, "A1")
    (out / "notes.txt").write_text("mine")
    (out / "deck" / "mine.txt").write_text("mine too")
    run(content_copy, out, "A2")
    assert (out / "notes.txt").read_text() == "mine" and (out / "deck" / "mine.txt").read_text() == "mine too"
    assert {k: v for k, v in shown(out).items() if "mine" not in k and "notes" not in k} == new


def test_a_link_half_put_in_place_is_removed_by_the_next_build(sets, content_copy, tmp_path):
    """A build stopped between making an output's temporary link and renaming it into place
    leaves `.<name>.praatplaat-link`: the next build removes it (and no other hidden file)."""
    old, new = sets
    out = tmp_path / "out"
    run(content_copy, out, "A1")
    name = next(n for n in sorted(old) if n != "build.json")
    stray = out / Path(name).parent / f".{Path(name).name}.praatplaat-link"
    os.symlink(os.readlink(out / name), stray)
    (out / ".mine.praatplaat-link").write_text("a user's file that only looks like one")
    run(content_copy, out, "A2")
    assert not stray.is_symlink() and (out / ".mine.praatplaat-link").read_text().startswith("a user's")
    assert [p for p in leftovers(out) if p != ".mine.praatplaat-link"] == []


def test_files_a_build_no_longer_makes_are_removed(sets, content_copy, tmp_path):
    old, new = sets
    out = tmp_path / "out"
    run(content_copy, out, "A1")
    run(content_copy, out, "A2")
    assert shown(out) == new
    assert not (out / "poster-A1.txt").exists() and not (out / "previews" / "poster-A1.png").is_symlink()


def test_a_folder_of_an_older_praatplaat_is_taken_over(sets, content_copy, tmp_path):
    """Files written in place by an older version (real files, a state file beside them)."""
    old, new = sets
    out = tmp_path / "out"
    for name in old:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes((tmp_path / "old" / name).read_bytes())
    (out / ".poster-A1.txt.abcd1234.tmp").write_bytes(b"left by an old interrupted build")
    (out / ".praatplaat-state.json").write_text("{}")
    run(content_copy, out, "A2")
    assert shown(out) == new
    assert not (out / ".praatplaat-state.json").exists() and leftovers(out) == []


def test_a_broken_state_file_is_ignored_with_a_warning(sets, content_copy, tmp_path):
    old, new = sets
    out = tmp_path / "out"
    run(content_copy, out, "A1")
    state = out / outputs.CONTROL / "current" / build_module.STATE_FILE
    for garbage in (b"{\"version\": 1, \"produ", b"\xff\xfe garbage", b"[" * 100_000 + b"]" * 100_000):
        data = state.read_bytes()
        state.unlink()  # a hard link may share its bytes with an older generation
        state.write_bytes(garbage)
        report = run(content_copy, out, "A1")
        assert any("is broken; ignored it and rebuilt everything" in w for w in report.warnings)
        assert set(report.built) == set(faulty_products.PRODUCTS)
        assert shown(out) == old and data
    assert not [w for w in run(content_copy, out, "A1").warnings if "broken" in w]


def test_a_broken_build_json_is_rebuilt(sets, content_copy, tmp_path):
    old, _ = sets
    out = tmp_path / "out"
    run(content_copy, out, "A1")
    (out / "build.json").write_bytes(b"{ not json")
    run(content_copy, out, "A1")
    assert shown(out) == old


# --- signals in a subprocess -------------------------------------------------------------------------

SCRIPT = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    import faulty_products
    faulty_products.install()
    import generator.outputs as outputs
    where, at, signum = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    calls = []
    real = getattr(outputs.OutputFolder, where)
    def hooked(self, *args):
        calls.append(1)
        if len(calls) == at:
            os.kill(os.getpid(), signum)
        return real(self, *args)
    setattr(outputs.OutputFolder, where, hooked)
    sys.argv = ["praatplaat", "build", "--content", sys.argv[4], "--out", sys.argv[5], "--layouts", {layouts!r},
                "--paper", "A2", "-j", "1"]
    from generator.cli import main
    main()
""")

POINTS = [("_stage_one", k) for k in (1, 4, 8, 10)] + [("_link", k) for k in (1, 3, 8)] + \
         [("_switch", 1), ("_tidy", 1), ("recover", 1), ("_check_free", 5)]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["INT", "TERM", "KILL"])
@pytest.mark.parametrize("where,at", POINTS)
def test_a_signal_at_any_point_of_the_write_phase(sets, content_copy, tmp_path, where, at, signum):
    old, new = sets
    out = tmp_path / "out"
    run(content_copy, out, "A1")
    script = SCRIPT.format(tests=str(TESTS), layouts=str(LAYOUTS))
    done = subprocess.run([sys.executable, "-c", script, where, str(at), str(int(signum)), str(content_copy), str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    if signum == signal.SIGKILL:
        assert done.returncode == -signal.SIGKILL
    elif where in ("_tidy",):
        assert done.returncode in (0, 130), done.stderr  # the switch was done: the new set is shown
    else:
        assert done.returncode == 130, done.stderr
        assert "stopped: the output folder keeps its last complete set" in done.stderr
    assert shown(out) in (old, new)
    if signum != signal.SIGKILL and where not in ("_tidy",):
        assert shown(out) == old and leftovers(out) == []
    check_recovers(content_copy, out, old, new)


def test_two_builds_into_one_folder_one_waits_and_build_json_matches(sets, content_copy, tmp_path):
    out, gate = tmp_path / "out", tmp_path / "gate"
    gate.mkdir()
    run(content_copy, out, "A1")
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(TESTS)!r})
        import faulty_products
        faulty_products.install()
        from generator.cli import main
        sys.argv = ["praatplaat", "build", *sys.argv[1:]]
        main()
    """)
    common = ["--content", str(content_copy), "--out", str(out), "--layouts", str(LAYOUTS), "--paper", "A2", "-j", "1"]
    env = {**os.environ, "FAULTY_GATE": str(gate)}
    first = subprocess.Popen([sys.executable, "-c", script, "poster", *common], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while not (gate / "building").exists():
            assert first.poll() is None, first.communicate()
        second = subprocess.Popen([sys.executable, "-c", script, "deck", *common], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = second.stderr.readline()
        assert line.startswith(f"waiting for another build into {out} to finish"), line
        (gate / "go").touch()
        assert first.wait(timeout=120) == 0, first.communicate()
        assert second.wait(timeout=120) == 0, second.communicate()
    finally:
        for process in (first, locals().get("second")):
            if process and process.poll() is None:
                process.kill()
    manifest = json.loads((out / "build.json").read_bytes())
    assert set(manifest["products"]) == {"poster", "deck", "same"}
    assert "poster-A2.txt" in manifest["products"]["poster"]["files"]
    assert "deck/1.txt" in manifest["products"]["deck"]["files"]
    listed = {n: f["sha256"] for p in manifest["products"].values() for n, f in p["files"].items()}
    assert {n: hashlib.sha256((out / n).read_bytes()).hexdigest() for n in listed} == listed
    assert set(shown(out)) == set(listed) | {"build.json"}
    assert leftovers(out) == []


# --- the --out option ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["build", "watch"])
@pytest.mark.parametrize("out,message", [
    ("", "--out is empty: name an output folder"),
    ("{content}", "is inside the content folder"),
    ("{content}/themes/out", "is inside the content folder"),
    ("{file}", "is a file, not a folder"),
])
def test_an_output_folder_that_cannot_be_used_is_one_line(cli, content_copy, tmp_path, command, out, message):
    (tmp_path / "afile").write_text("x")
    out = out.format(content=content_copy, file=tmp_path / "afile")
    before = sorted(p.name for p in tmp_path.iterdir())
    done = cli(command, "--content", content_copy, "--out", out, "--layouts", LAYOUTS)
    assert done.code == 1
    assert done.err.count("\n") == 1 and message in done.err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not list(content_copy.rglob(".praatplaat"))


def test_after_an_upgrade_building_one_product_keeps_the_others(sets, content_copy, tmp_path):
    """A state file of another generator version is not used, but build.json still says which
    files are whose: building one product keeps the others' files (and rebuilds them later)."""
    old, _ = sets
    out = tmp_path / "out"
    run(content_copy, out, "A1")
    state = out / outputs.CONTROL / "current" / build_module.STATE_FILE
    data = json.loads(state.read_bytes())
    data["environment"] = "an older praatplaat"
    state.unlink()
    state.write_text(json.dumps(data))
    report = build(content_copy, out, ("deck",), Options(layouts=LAYOUTS, paper="A1"), jobs=1)
    assert report.built == ("deck",) and not report.warnings
    assert shown(out) == old
    assert set(json.loads((out / "build.json").read_bytes())["products"]) == {"poster", "deck", "same"}
    assert set(run(content_copy, out, "A1").built) == {"poster", "same"}


def test_a_deleted_output_comes_back_and_is_reported_written(sets, content_copy, tmp_path):
    old, _ = sets
    out = tmp_path / "out"
    run(content_copy, out, "A1")
    (out / "deck" / "2.txt").unlink()
    report = run(content_copy, out, "A1")
    assert report.built == ("deck",) and report.written == ("deck/2.txt",)
    assert shown(out) == old


@pytest.mark.parametrize("fault", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
                         ids=["ENOSPC", "Ctrl-C"])
def test_files_written_in_place_stay_as_they_were_until_the_switch(sets, content_copy, tmp_path, monkeypatch, fault):
    """A folder of an older praatplaat (real files, no generation yet): a build that stops just
    before its switch leaves every one of those files as it was, not a link to nothing."""
    old, _new = sets
    out = tmp_path / "out"
    for name in old:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes((tmp_path / "old" / name).read_bytes())
    before = shown(out)

    def stop(self, generation):
        raise fault

    monkeypatch.setattr(outputs.OutputFolder, "_switch", stop)
    with pytest.raises((PraatplaatError, KeyboardInterrupt)):
        run(content_copy, out, "A2")
    assert shown(out) == before and leftovers(out) == []
