"""Benchmarks for `make bench`: build times and peak memory, as whole processes and in-process.

Cases: the cold full build of the default content, a no-op rebuild, a rebuild after a
one-question edit (in a temp copy of content/), the watcher's latency from a save to new files
on disk, the question-card deck at 57, 570 and 5,700 cards (bench/bench_cards.py: layout and PDF
of the A4 sheets with backs, in a warm process), and the whole `cards` product (three decks) at
57 and 570 questions, and 5,700 with --big (generated content in a temp folder). "Whole process" runs `praatplaat` as a child (Python start-up and imports included;
peak memory = the child's ru_maxrss from os.wait4). "In-process" times `generator.build.build`
inside a fresh Python that has imported nothing of the build yet ("first") and again once the
modules are loaded ("warm", as in `praatplaat watch`); its memory is tracemalloc's peak, measured
in a separate run because tracing slows the code down.

The decks of 570 and 5,700 cards are the default content's six themes repeated 10 and 100
times (60 and 600 themes: a theme card lists its theme's questions, so the deck grows by
themes). They exceed the loader's limit on themes (documented for users), so their children
raise `generator.loader` limits before running the normal command line.

First, unless --skip-compare, bench/compare.py's table (issue 16): praatplaat against Typst and a
plain ReportLab script.

    python bench/run.py [--repeat N] [--rounds N] [--big] [--skip-compare | --compare-only]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
LAYOUTS = ROOT / "layouts"
PRAATPLAAT = Path(sys.executable).parent / "praatplaat"
THEME = "themes/01-bestuur.md"
EDIT_FROM = "Bestaat er naar uw mening"

# A child that runs the normal command line with the loader's size limits raised.
UNLIMITED = ("import sys, generator.loader as L; L.MAX_QUESTIONS_PER_THEME = L.MAX_THEMES = 10**6; "
             "sys.argv[0] = 'praatplaat'; from generator.cli import main; main()")


# --- measuring ----------------------------------------------------------------------------------


def timed_child(args: list[str], *, unlimited: bool = False) -> tuple[float, float, float]:
    """Run a child to the end: (wall seconds, CPU seconds, peak RSS in MB), from os.wait4.

    CPU time is user + system of the child and the processes it forked and waited for.
    Exit status != 0 stops the benchmark."""
    return timed([sys.executable, "-c", UNLIMITED, *args] if unlimited else [str(PRAATPLAAT), *args])


def timed(command: list[str]) -> tuple[float, float, float]:
    """Run any command as a child to the end: (wall seconds, CPU seconds, peak RSS in MB)."""
    with tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(map(str, command))} failed:\n{err.read().decode()}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def in_process(case: str, *args: str) -> dict:
    """Run `bench/run.py --in-process CASE ARGS` in a fresh Python; returns its JSON figures."""
    run = subprocess.run([sys.executable, __file__, "--in-process", case, *args], cwd=ROOT,
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"in-process case {case} failed:\n{run.stderr}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def question_deck(cards: int) -> dict:
    """bench/bench_cards.py's figures for a deck of `cards` question cards (a fresh process)."""
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_cards.py"), "--one", str(cards)], cwd=ROOT,
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"bench_cards.py --one {cards} failed:\n{run.stderr}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def edit_question(content: Path, n: int) -> None:
    """Change one question's text (a different text each time)."""
    path = content / THEME
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^2\. .*?(?= \(voldoende\))", f"2. {EDIT_FROM} ({n})", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


# --- in-process cases (run inside a fresh child) ------------------------------------------------


def run_in_process(case: str, args: list[str]) -> dict:
    """Times `build()` in this (fresh) process: the first call, a warm one, and the peak of
    Python allocations in a traced one (on one core, so that all the work is traced here)."""
    if case == "deck":
        import generator.loader as loader
        import generator.theme_files as theme_files

        loader.MAX_THEMES = theme_files.MAX_QUESTIONS_PER_THEME = 10**6
    from generator.build import build
    from generator.products import Options

    options = Options(layouts=LAYOUTS)
    tmp = Path(tempfile.mkdtemp(prefix="praatplaat-bench-"))

    def timed(*a, **kw) -> float:
        began = time.perf_counter()
        build(*a, **kw)
        return time.perf_counter() - began

    try:
        if case in ("full", "deck"):
            content, names = (CONTENT, ()) if case == "full" else (Path(args[0]), ("cards",))
            first = timed(content, tmp / "a", names, options)
            warm = timed(content, tmp / "b", names, options)
            each = build(content, tmp / "c", names, options, jobs=1).timings
            peak = _traced(lambda: build(content, tmp / "d", names, options, jobs=1))
            return {"first": first, "warm": warm, "peak_mb": peak, "each": each}
        if case == "edit":
            content = tmp / "content"
            shutil.copytree(CONTENT, content)
            build(content, tmp / "out", (), options)
            times = []
            for n in range(int(args[0])):
                edit_question(content, n)
                times.append(timed(content, tmp / "out", (), options))
            edit_question(content, 999)
            peak = _traced(lambda: build(content, tmp / "out", (), options, jobs=1))
            edit_question(content, 1000)
            built = build(content, tmp / "out", (), options).built
            return {"warm": statistics.median(times), "peak_mb": peak, "built": list(built)}
        raise SystemExit(f"unknown case {case}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _traced(work) -> float:
    """Peak MB of Python allocations while `work()` runs."""
    import tracemalloc

    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


# --- generated decks ----------------------------------------------------------------------------


def deck_content(folder: Path, copies: int) -> Path:
    """The default content with its themes repeated `copies` times (57 × copies questions).

    Each copy's questions have their words rotated by the copy number: the same vocabulary
    and lengths as real questions, but no two paragraphs alike (so no cache is flattered).
    """
    from generator.loader import load

    plaat = load(CONTENT)
    top = max(t.level for t in plaat.themes)
    content = folder / f"deck-{57 * copies}"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("themes"))
    (content / "themes").mkdir()
    for c in range(copies):
        for t in plaat.themes:
            lines = ["---", f"id: {t.id}-{c + 1}", f"name: {t.name} {c + 1}", f"level: {c * top + t.level:g}", "---"]
            for n, q in enumerate(t.questions):
                words = q.text.split()
                k = c % len(words)
                lines.append(f"{n + 1}. {' '.join(words[k:] + words[:k])}")
            (content / "themes" / f"{c + 1:03d}-{t.index:02d}-{t.id}.md").write_text("\n".join(lines) + "\n",
                                                                                   encoding="utf-8")
    return content


# --- watch latency ------------------------------------------------------------------------------


def watch_latency(edits: int) -> list[float]:
    """Seconds from saving a one-question edit to the watcher's 'rebuilt' line (files written)."""
    with tempfile.TemporaryDirectory(prefix="praatplaat-bench-") as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(CONTENT, content)
        process = subprocess.Popen([str(PRAATPLAAT), "watch", "--content", str(content), "--out",
                                    str(Path(tmp) / "out"), "--layouts", str(LAYOUTS)],
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        lines: list[tuple[float, str]] = []

        def read():
            for line in process.stdout:
                lines.append((time.perf_counter(), line))

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            _wait(lambda: any("watching" in l for _, l in lines), process, lines)
            times = []
            for n in range(edits):
                mark = len(lines)
                time.sleep(0.3)
                saved = time.perf_counter()
                edit_question(content, n)
                _wait(lambda: any("rebuilt" in l or "error" in l for _, l in lines[mark:]), process, lines)
                at, line = next((t, l) for t, l in lines[mark:] if "rebuilt" in l or "error" in l)
                if "error" in line:
                    raise SystemExit(f"watch failed: {line}")
                times.append(at - saved)
            return times
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait(predicate, process, lines, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if process.poll() is not None:
            break
        time.sleep(0.002)
    raise SystemExit("watcher did not answer:\n" + "".join(l for _, l in lines))


# --- report -------------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), {cpu}, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "–"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def median(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Median wall and CPU time, highest peak memory."""
    return (statistics.median(w for w, _, _ in runs), statistics.median(c for _, c, _ in runs),
            max(m for _, _, m in runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (the median is shown)")
    parser.add_argument("--in-process", nargs="+", metavar="CASE", help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the comparison with Typst")
    parser.add_argument("--skip-compare", action="store_true", help="only this file's own table")
    parser.add_argument("--big", action="store_true",
                        help="also the whole cards product at 5,700 questions (≈ 1 minute more)")
    parser.add_argument("--compare-only", action="store_true", help="only the comparison with Typst (bench/compare.py)")
    args = parser.parse_args()
    if args.in_process:
        print(json.dumps(run_in_process(args.in_process[0], args.in_process[1:])))
        return
    if not args.skip_compare:
        import compare   # issue 16's table: praatplaat, Typst and plain ReportLab side by side

        print("## Against Typst and plain ReportLab (bench/compare.py)")
        compare.main(["--rounds", str(args.rounds)])
        if args.compare_only:
            return
        print("\n## praatplaat alone (bench/run.py)")
    r = max(1, args.repeat)
    rows: list[tuple[str, ...]] = []

    def row(name, times=(None, None, None), inproc="–", traced=None):
        wall, cpu, rss = times
        rows.append((name, fmt(wall), fmt(cpu), fmt(rss, "MB"), inproc, fmt(traced, "MB")))
        print(f"  {name}: {fmt(wall)}", file=sys.stderr)

    load_before = os.getloadavg()[0]
    print(f"machine: {machine()}", file=sys.stderr)
    from generator.products import registry

    products = list(registry())
    with tempfile.TemporaryDirectory(prefix="praatplaat-bench-") as tmp:
        tmp = Path(tmp)
        row("start-up (`praatplaat --version`)", median([timed_child(["--version"]) for _ in range(r)]))

        full = in_process("full")
        row(f"cold full build, all cores ({', '.join(products)})",
            median([timed_child(["build", "--out", str(tmp / f"cold{n}")]) for n in range(r)]),
            f"{fmt(full['first'])} first / {fmt(full['warm'])} warm", full["peak_mb"])
        row("cold full build, all cores, no PNG previews (`--no-previews`)",
            median([timed_child(["build", "--no-previews", "--out", str(tmp / f"lean{n}")]) for n in range(r)]))
        row("cold full build, one core (`-j1`)",
            median([timed_child(["build", "-j1", "--out", str(tmp / f"one{n}")]) for n in range(r)]))
        row("no-op rebuild (nothing changed)",
            median([timed_child(["build", "--out", str(tmp / "cold0")]) for _ in range(r)]))

        content = tmp / "content"
        shutil.copytree(CONTENT, content)
        timed_child(["build", "--content", str(content), "--out", str(tmp / "edit")])
        runs = []
        for n in range(r):
            edit_question(content, n)
            runs.append(timed_child(["build", "--content", str(content), "--out", str(tmp / "edit")]))
        edit = in_process("edit", str(r))
        row(f"rebuild after a one-question edit (rebuilds {', '.join(edit['built'])})", median(runs),
            f"{fmt(edit['warm'])} warm", edit["peak_mb"])

        latency = watch_latency(max(3, r))
        row("watch: save → new files on disk (watch makes no previews by default)", inproc=f"{fmt(statistics.median(latency))} "
            f"(median of {len(latency)}, max {fmt(max(latency))})")

        if "cards" in products:
            # The question-card deck alone (the target): layout, imposition and PDF of the A4
            # sheets with backs, in a warm process (bench/bench_cards.py; imports and font
            # loading not counted), generated questions, peak RSS of that process.
            for count in (57, 570, 5700):
                deck = question_deck(count)
                row(f"question-card deck, {count:,} cards (layout + PDF, warm)",
                    (deck["total"], deck["cpu"], deck["rss_mb"]),
                    f"layout {fmt(deck['layout'])}, PDF {fmt(deck['pdf'])}")
            for copies in (1, 10, 100) if args.big else (1, 10):
                deck = CONTENT if copies == 1 else deck_content(tmp, copies)
                count = 57 * copies
                runs = [timed_child(["build", "cards", "--force", "--content", str(deck), "--out",
                                     str(tmp / f"deck{count}")], unlimited=True) for _ in range(r if copies < 100 else 1)]
                figures = in_process("deck", str(deck))
                row(f"whole `cards` product (3 decks), {count:,} questions", median(runs),
                    f"{fmt(figures['first'])} first / {fmt(figures['warm'])} warm", figures["peak_mb"])

    print("\nWarm, one core, in-process: " + ", ".join(f"{name} {fmt(t)}" for name, t in full["each"]))
    header = ("case", "wall", "CPU", "peak RSS", "in-process (wall)", "peak traced")
    print(f"\nMachine: {machine()}; load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] + ["--:"] * (len(header) - 1)) + "|")
    for line in rows:
        print("| " + " | ".join(line) + " |")


if __name__ == "__main__":
    main()
