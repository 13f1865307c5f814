"""`praatplaat watch`: rebuild what a save affects, in one warm process, until Ctrl-C.

The watcher starts before the first build, so a save made while that build runs is not lost.
Each rebuild prints one line (time, what changed, what was rebuilt, how long); warnings and
errors follow, one line each. After a content error the last good outputs stay as they were
(a content error writes nothing; a product that fails keeps its own last files) and the next good save recovers.

Fast after an edit (issue 16): the process stays warm, so layout blocks whose inputs did not
change come from the last build (generator.memo; the theme posters also keep their rendered
files), and the products an edit does not touch are skipped (generator.build). Deliberately not
done:
- Writing the poster before the cards (one build per product, each switched in as it lands):
  a reader of the output folder would see a new poster beside old cards, which the output
  folder's one-transaction rule excludes; and on two cores the poster and the cards are made
  at the same time anyway (later builds fork).
- PNG previews: not made unless `--previews` (they are for READMEs, not for the person
  editing, and would double a rebuild); when asked for they are made in the same build, as a
  preview out of step with its PDF would break the folder's one set.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

from generator.errors import ContentError, PraatplaatError
from generator.products import Options

Echo = Callable[..., None]

STEP_MS = 10        # a save is done when no further change comes within this time (an editor's
                    # save, even write-to-temporary-and-rename, takes well under 1 ms; every ms here
                    # is latency)
IDLE_MS = 250       # how often the watcher wakes up when nothing happens
SUFFIXES = {".md", ".yaml", ".yml"}


def watched(content: Path, out: Path, options: Options) -> tuple[Path, Path, Path]:
    """The content, output and layouts folders as paths, the first and last checked to exist;
    watchfiles' own log quietened (no "stopping watch" chatter). For watch and serve."""
    import logging

    logging.getLogger("watchfiles").setLevel(logging.ERROR)
    content, out, layouts = Path(content), Path(out), Path(options.layouts)
    for folder in (content, layouts):
        if not folder.is_dir():
            raise PraatplaatError(f"{folder}: folder not found")
    return content, out, layouts


def saves(content: Path, out: Path, layouts: Path, stop=None) -> Iterator[set]:
    """Batches of changes in `content` and `layouts` that a build reads (see _Filter), one per
    save; an empty batch every IDLE_MS while nothing happens. `stop`: a threading.Event that
    ends it."""
    import watchfiles

    return watchfiles.watch(content, layouts, watch_filter=_Filter(out, (content, layouts)), step=STEP_MS,
                            rust_timeout=IDLE_MS, yield_on_timeout=True, raise_interrupt=False, stop_event=stop)


def watch(content: Path, out: Path, names: tuple[str, ...], options: Options, echo: Echo) -> None:
    """Build, then rebuild after every change in `content` or the layouts folder, until interrupted."""
    from generator.build import select

    content, out, layouts = watched(content, out, options)
    select(names)  # unknown product names: fail now, not on every save
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        changes = saves(content, out, layouts)
        started = warm = False
        for batch in changes:
            if started and not batch:
                continue
            what = _what(batch, (content, layouts)) if started else "start"
            # Until one build has made every product in this process (writing only changed
            # files), build in this process; later builds fork from it with everything loaded.
            ok = rebuild(content, out, names, options, echo, what, jobs=0 if warm else 1, force=not warm)
            warm = warm or ok
            if not started:
                echo(f"watching {content} and {layouts} (Ctrl-C to stop)")
                started = True
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    echo("stopped")


def rebuild(content: Path, out: Path, names: tuple[str, ...], options: Options, echo: Echo, what: str,
            jobs: int = 0, force: bool = False) -> bool:
    """One build; prints one summary line (plus a line per warning or error). True on success."""
    from generator.build import build

    stamp = time.strftime("%H:%M:%S")
    began = time.perf_counter()
    try:
        report = build(content, out, names, options, jobs=jobs, force=force)
    except ContentError as exc:
        for problem in exc.problems:
            echo(f"{stamp} {what}: error: {problem} (kept the last good outputs)", err=True)
        return False
    except PraatplaatError as exc:
        echo(f"{stamp} {what}: error: {exc} (kept the last good outputs)", err=True)
        return False
    except Exception as exc:  # a bug in a product must not end the session
        echo(f"{stamp} {what}: error: unexpected {type(exc).__name__}: {exc} (kept the last good outputs)", err=True)
        return False
    ms = (time.perf_counter() - began) * 1000
    if report.built:
        done = f"rebuilt {', '.join(report.built)}: {len(report.written)} file(s) written"
    else:
        done = "no product affected"
    count = len(report.warnings)
    warned = f", {count} warning{'s' if count != 1 else ''}" if count else ""
    echo(f"{stamp} {what}: {done} in {ms:.0f} ms{warned}")
    for warning in report.warnings:
        echo(f"  warning: {warning}", err=True)
    for name, reason in report.failed:
        echo(f"{stamp} {what}: error: {name}: {reason} (kept its last good files)", err=True)
    return True


class _Filter:
    """Content and layout files only: no hidden or editor files, nothing the build writes (the
    output folder may hold the content folder: `--out .` beside `content/`)."""

    def __init__(self, out: Path, watched: tuple[Path, ...] = ()) -> None:
        self.out = out.resolve()
        self.inside = tuple(w.resolve() for w in watched if w.resolve().is_relative_to(self.out))

    def __call__(self, change, path: str) -> bool:
        p = Path(path)
        if p.name.startswith((".", "#", "~")) or p.name.endswith("~") or p.suffix not in SUFFIXES:
            return False
        real = p.resolve()
        return not real.is_relative_to(self.out) or any(real.is_relative_to(w) for w in self.inside)


def _what(batch: Iterable[tuple[object, str]], roots: tuple[Path, ...]) -> str:
    """The changed files, relative to their folder, e.g. 'themes/bestuur.md'."""
    names = []
    for _, path in batch:
        p = Path(path).resolve()
        for root in roots:
            if p.is_relative_to(root.resolve()):
                p = p.relative_to(root.resolve())
                break
        names.append(p.as_posix())
    names = sorted(set(names))
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
