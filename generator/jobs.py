"""Making several products at once on several cores, by forking the loaded process.

A fresh process splits the products into as many groups as it may use cores (most costly
first onto the least loaded group, by the last build's timings or the registry's defaults),
loads what they share (see `warm_up`: the text engine, the PDF writer, the hyphenation
patterns, and what products in more than one group use; the content model and the fonts are
loaded before), then at once forks a child per group but the first, which it builds itself.
A child inherits everything already loaded, builds its products and sends the results back
through a pipe, then exits; nothing it does is written to disk. Outputs are the same bytes as
a sequential build: each product is built from the same model by the same code. Without
`os.fork` (Windows), with one core, or with PRAATPLAAT_DEBUG set (tracebacks), products are
built one after another.
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from generator.errors import PraatplaatError

Made = tuple[object, object, float]        # (product, Result or Failure, seconds)


@dataclass(frozen=True)
class Failure:
    """A product that could not be made: the one-line reason. The other products go on."""

    message: str


def _attempt(product, model, options):
    """The product's Result, or a Failure for an error in its input or its code."""
    try:
        return product.build(model, options)
    except PraatplaatError as exc:
        return Failure("; ".join(str(exc).splitlines()) or type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - a bug in one product must not stop the others
        if os.environ.get("PRAATPLAAT_DEBUG"):
            raise
        return Failure(f"unexpected {type(exc).__name__}: {exc} (set PRAATPLAAT_DEBUG=1 for details)")
Progress = Callable[[str, int, int], None]

_warm = False  # has this process loaded what products share (by `warm_up` or by making one)?
_cores = 0     # the cores the running build may use (its --jobs; 0 = every usable core)

# What (nearly) every product uses, imported before forking so that the children inherit it:
# the text engine and the PDF writer with its finishing step (pikepdf reads XMP with lxml).
# What only some products use is imported before forking when products in more than one
# process use it (`uses` of make_all), else by the child that needs it.
SHARED_MODULES = ("generator.text", "generator.layout.common", "generator.render.pdf", "generator.render.pdffinish",
                  "pikepdf", "lxml.etree")


def cores_allowed() -> int:
    """How many cores the running build may use: its `--jobs`, else every usable core."""
    return _cores or usable_cores()


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def make_all(products: Sequence, model, options, *, jobs: int = 0, costs: Mapping[str, float] | None = None,
             uses: Mapping[str, Sequence[str]] | None = None, progress: Progress | None = None) -> list[Made]:
    """Build each product; results in the order given. `jobs` 0 = one per usable core. `costs`:
    the expected seconds (or relative cost) by product name; `uses`: modules by product name
    that other products may share."""
    global _warm, _cores
    _cores = jobs
    items = list(enumerate(products))
    jobs = min(jobs or usable_cores(), len(products))
    if jobs <= 1 or not hasattr(os, "fork") or os.environ.get("PRAATPLAAT_DEBUG"):
        return _sequential(items, model, options, progress, len(products))
    made: list[Made] = []
    groups = _groups(items, jobs, costs or {})
    if not _warm:
        warm_up(model, _shared(groups, uses or {}))
        _warm = True
    children = []
    try:
        for group in groups[1:]:
            children.append(_fork(group, model, options))
        made += _sequential(groups[0], model, options, progress, len(products))
        while children:
            pid, fd = children.pop(0)
            made += _collect(pid, fd, products)
    finally:
        for pid, fd in children:  # an error or Ctrl-C in this process: stop the others
            _stop(pid, fd)
    order = {id(p): i for i, p in enumerate(products)}
    return sorted(made, key=lambda m: order[id(m[0])])


def warm_up(model, modules: Sequence[str] = ()) -> None:
    """Load what every product shares, once per process: the modules (SHARED_MODULES and
    `modules`) and the hyphenation patterns of the content's language (pyphen keeps them for
    every later hyphenator of that language)."""
    for name in (*SHARED_MODULES, *modules):
        importlib.import_module(name)
    from generator.text import hyphenator

    language = getattr(getattr(model, "meta", None), "language", None)
    if isinstance(language, str):
        hyphenator(language)


def _sequential(items, model, options, progress, total) -> list[Made]:
    global _warm
    made = []
    for index, product in items:
        if progress:
            progress(product.name, index, total)
        began = time.perf_counter()
        result = _attempt(product, model, options)
        made.append((product, result, time.perf_counter() - began))
        _warm = True
    return made


def _shared(groups: list[list[tuple[int, object]]], uses: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """The modules that products in more than one group use."""
    per_group = [dict.fromkeys(m for _, product in group for m in uses.get(product.name, ())) for group in groups]
    counts = Counter(m for modules in per_group for m in modules)
    return tuple(m for m, n in counts.items() if n > 1)


def _groups(items: list[tuple[int, object]], jobs: int, costs: dict[str, float]) -> list[list[tuple[int, object]]]:
    """Longest first onto the least loaded group; unknown costs count as equal, in given order."""
    items = sorted(items, key=lambda item: -costs.get(item[1].name, 1.0))
    groups: list[list[tuple[int, object]]] = [[] for _ in range(jobs)]
    loads = [0.0] * jobs
    for index, product in items:
        g = loads.index(min(loads))
        groups[g].append((index, product))
        loads[g] += costs.get(product.name, 1.0)
    return [sorted(g, key=lambda item: item[0]) for g in groups if g]


def _fork(group, model, options) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    # the child: build, send, and leave without running any of the parent's cleanup
    code = 0
    try:
        os.close(read)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            made = _sequential(group, model, options, None, 0)
            message = ("ok", [(index, result, seconds) for (index, _), (_, result, seconds) in zip(group, made)])
        except BaseException as exc:  # noqa: BLE001 - sent to the parent, which raises it
            message = ("error", _portable(exc))
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
    except BaseException:  # noqa: BLE001
        code = 1
    finally:
        os._exit(code)


def _collect(pid: int, fd: int, products: Sequence) -> list[Made]:
    try:
        with os.fdopen(fd, "rb") as pipe:
            data = pipe.read()
    except BaseException:
        _stop(pid, None)
        raise
    _, status = os.waitpid(pid, 0)
    if not data:
        raise PraatplaatError(f"a build process stopped unexpectedly (exit status {status})")
    kind, payload = pickle.loads(data)
    if kind == "error":
        raise payload
    return [(products[index], result, seconds) for index, result, seconds in payload]


def _stop(pid: int, fd: int | None) -> None:
    """Kill and reap a child that has not been collected."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    if fd is not None:
        os.close(fd)


def _portable(exc: BaseException) -> BaseException:
    """The exception if it survives pickling unchanged, else a plain one with the same message."""
    try:
        copy = pickle.loads(pickle.dumps(exc))
        if type(copy) is type(exc) and str(copy) == str(exc):
            return exc
    except Exception:  # noqa: BLE001
        pass
    if isinstance(exc, PraatplaatError):
        return PraatplaatError(str(exc))
    return RuntimeError(f"{type(exc).__name__}: {exc}")
